package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.cli.client.FileOffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Copies a file downloaded earlier into another download folder (a later {@code chat file get ID
 * --dir NEWDIR}), without the relay: only if the saved file is still the one the offer describes
 * (its size and SHA-256), and under a safe name that never replaces a file, as a download is.
 */
final class SavedCopy {
  private SavedCopy() {}

  /**
   * Whether {@code saved} is still the file {@code content} describes (its size and SHA-256, read
   * again): a copy changed or replaced on disk since its download is not passed off as verified.
   */
  static boolean matches(Path saved, Content.File content) {
    MessageDigest sha256 = FileUpload.sha256();
    long read;
    try (InputStream in = Files.newInputStream(saved, LinkOption.NOFOLLOW_LINKS);
        OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
      read = in.transferTo(out);
    } catch (IOException e) {
      return false;
    }
    return content.describes(read, sha256);
  }

  /**
   * The file under the offer's name in {@code folder}, if it is the file offered (its size and
   * SHA-256, read again, never through a symbolic link): a copy saved there before, which a later
   * {@code chat file get} back into that folder keeps rather than copying it again next to itself.
   */
  static Optional<Path> alreadyIn(DownloadFolder folder, OfferBook.Entry entry) {
    Path named = folder.inside(FileNames.sanitize(entry.offer().name()));
    return Optional.of(named)
        .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
        .filter(path -> matches(path, entry.content()));
  }

  /**
   * Copies {@code saved} into {@code folder}; empty if it no longer matches the offer {@code entry}
   * (then nothing is left behind, and the caller downloads it again).
   *
   * @throws CommandException.FileAccess if the folder cannot be written
   */
  static Optional<Path> into(Path saved, DownloadFolder folder, OfferBook.Entry entry) {
    FileOffer offer = entry.offer();
    Content.File content = entry.content();
    folder.create();
    Path plain = folder.decrypted(offer.fileId());
    MessageDigest sha256 = FileUpload.sha256();
    try {
      Files.deleteIfExists(plain);
      long copied;
      try (InputStream in = Files.newInputStream(saved, LinkOption.NOFOLLOW_LINKS);
          FileChannel channel = folder.open(plain, StandardOpenOption.CREATE_NEW);
          OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha256)) {
        copied = in.transferTo(out);
        channel.force(true);
      }
      if (!content.describes(copied, sha256)) {
        Files.deleteIfExists(plain);
        return Optional.empty();
      }
      return Optional.of(folder.place(plain, FileNames.sanitize(offer.name())));
    } catch (IOException e) {
      try {
        Files.deleteIfExists(plain);
      } catch (IOException ignored) {
        // best effort: the failure being reported matters more
      }
      folder.requireWritable(); // a folder that takes no new files (/proc) is said to be one
      throw new CommandException.FileAccess(
          "cannot save " + offer.name() + " in " + folder.dir() + ": " + FileIo.reason(e), e);
    }
  }
}
