package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.cli.TerminalSafe;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import chat.crypto.AuthenticationException;
import chat.crypto.CryptoException;
import chat.crypto.FileStreamCipher;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FileDataReply;
import chat.protocol.FileDownloadRequest;
import chat.protocol.FileStatusReply;
import chat.protocol.FileStatusRequest;
import chat.protocol.Reply;
import chat.protocol.Usernames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Fetches one offered file into the download folder. The encrypted bytes go to a hidden partial
 * file, so a download cut off (a lost connection, a killed process) resumes from what that file
 * holds. Nothing is decrypted until every byte is there; the plaintext then goes to a second hidden
 * file while the stream authenticates, and only if the stream verifies and the size and SHA-256
 * match the offer is it given its final name. On any check failure both working files are deleted.
 */
final class FileDownload {
  /** What a download stopped by {@code stop} fails with: the offer was rejected meanwhile. */
  static final String STOPPED = chat.cli.client.ChatClient.DOWNLOAD_REJECTED;

  /** Why a download resumed from a partial file is fetched again from its start. */
  static final String STARTING_OVER = "the partial download did not check out; starting over";

  private final Clock clock;

  FileDownload(Clock clock) {
    this.clock = clock;
  }

  /**
   * Downloads the offer {@code entry} into {@code folder}; returns where the file was saved. Once
   * {@code stop} says so (the offer was rejected), it stops before its next chunk, or before the
   * file is put in place, deletes what it fetched and records the offer as rejected.
   *
   * @throws CommandException.Usage at once, if another process downloads the same file into the
   *     same folder now ({@link DownloadLock})
   */
  @SuppressWarnings("try") // the lock is held for the block, not used in it
  Path fetch(
      FileLink link,
      TransferLog log,
      OfferBook.Entry entry,
      DownloadFolder folder,
      Consumer<FileTransfer> report,
      BooleanSupplier stop) {
    FileOffer offer = entry.offer();
    Content.File content = entry.content();
    FileStatusReply status = check(link, log, offer, content);
    folder.create();
    try (DownloadLock lock =
        DownloadLock.take(folder, offer.fileId()).orElseThrow(() -> busy(offer, folder))) {
      return fetch(link, log, entry, folder, status, report, stop);
    }
  }

  /**
   * The refusal of a download that another process runs into the same folder now: nothing is
   * written or recorded, and the other one goes on.
   */
  private static CommandException busy(FileOffer offer, DownloadFolder folder) {
    return new CommandException.Usage(
        TerminalSafe.line(offer.name())
            + " (file "
            + offer.shortId()
            + ") is already being downloaded into "
            + folder.dir()
            + " by another chat process; run this again once it has ended");
  }

  /** {@link #fetch}, holding the download's lock. */
  private Path fetch(
      FileLink link,
      TransferLog log,
      OfferBook.Entry entry,
      DownloadFolder folder,
      FileStatusReply status,
      Consumer<FileTransfer> report,
      BooleanSupplier stop) {
    FileOffer offer = entry.offer();
    Content.File content = entry.content();
    Path partial = folder.partial(offer.fileId());
    long have = partialSize(partial, status.size());
    requireSpace(folder, status.size() - have + offer.size());
    if (have == 0) {
      folder.requireWritable(); // said before any progress (downloading …: 0%) is
    }
    TransferProgress progress =
        new TransferProgress(
            new FileTransfer(
                offer.fileId(),
                offer.own(),
                offer.conversation(),
                offer.sender(),
                offer.name(),
                offer.size(),
                TransferState.DOWNLOADING,
                have,
                status.size(),
                "",
                "",
                clock.millis()),
            log,
            report,
            clock);
    try {
      fetchAll(link, folder, partial, offer.fileId(), status.size(), progress, stop);
      Path saved;
      try {
        saved = decryptAndPlace(folder, partial, offer, content, stop);
      } catch (CommandException.EnvelopeRejected e) {
        if (have == 0 || Files.exists(partial, LinkOption.NOFOLLOW_LINKS)) {
          throw e; // nothing kept from before, or it could not be deleted: it stays as it was
        }
        // What an earlier run left in the partial file may be what is wrong (a disk error, a
        // stray file of that name): it was deleted; fetch everything once more before blaming the
        // relay.
        progress.restart(STARTING_OVER);
        fetchAll(link, folder, partial, offer.fileId(), status.size(), progress, stop);
        saved = decryptAndPlace(folder, partial, offer, content, stop);
      }
      progress.state(TransferState.DONE, saved.toString(), "");
      return saved;
    } catch (RuntimeException e) {
      if (stop.getAsBoolean()) {
        deleteQuietly(partial);
        progress.state(TransferState.REJECTED, "", "");
      } else {
        progress.state(TransferState.FAILED, "", String.valueOf(e.getMessage()));
      }
      throw e;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // left for the next accept, which resumes from it, or for the folder's owner
    }
  }

  /** Asks the relay about the file and checks its answer against the offer. */
  private FileStatusReply check(
      FileLink link, TransferLog log, FileOffer offer, Content.File content) {
    Reply reply;
    try {
      reply = link.exchange(id -> new FileStatusRequest(id, offer.fileId()));
    } catch (CommandException.Network e) {
      reply = link.exchange(id -> new FileStatusRequest(id, offer.fileId()));
    }
    if (reply instanceof ErrorReply error && error.code() == ErrorCode.NO_SUCH_FILE) {
      log.put(FileTransfers.view(offer, TransferState.EXPIRED, clock.millis()), true);
      throw new CommandException.Usage(
          "the relay no longer has "
              + TerminalSafe.line(offer.name())
              + " (it expired or was never finished)");
    }
    FileStatusReply status = FileErrors.expect(reply, FileStatusReply.class);
    requireSameUpload(offer, content, status);
    if (!status.complete()) {
      throw new CommandException.Usage(
          TerminalSafe.line(offer.name()) + " is not fully uploaded yet; try again in a moment");
    }
    return status;
  }

  /**
   * Checks that the relay's file is the upload the offer describes: in the offer's conversation,
   * uploaded by the offer's sender, of the stream length the offer's size implies.
   *
   * @throws CommandException.EnvelopeRejected if not
   */
  static void requireSameUpload(FileOffer offer, Content.File content, FileStatusReply status) {
    if (!status.conversation().equals(offer.conversation())
        || !Usernames.key(status.uploader()).equals(Usernames.key(offer.sender()))) {
      throw new CommandException.EnvelopeRejected(
          "the relay says file "
              + offer.shortId()
              + " was uploaded by someone else or for another conversation than the offer;"
              + " refused",
          null);
    }
    if (status.size() != content.ciphertextSize()) {
      throw new CommandException.EnvelopeRejected(
          "the relay holds a different size for " + offer.shortId() + " than offered; refused",
          null);
    }
  }

  /**
   * Refuses to start when the folder's file system has less than {@code bytes} free. A folder that
   * cannot be written at all (a read-only or virtual file system often reports no free space) is
   * refused as such, not as full.
   */
  private static void requireSpace(DownloadFolder folder, long bytes) {
    long free;
    try {
      free = Files.getFileStore(folder.dir()).getUsableSpace();
    } catch (IOException e) {
      return; // no answer from the file system: let the writes themselves fail if they must
    }
    if (free < bytes) {
      folder.requireWritable();
      throw new CommandException.FileAccess(
          "not enough space in " + folder.dir() + ": the download needs " + bytes + " bytes", null);
    }
  }

  /** The bytes already in the partial file, or 0 after clearing one that cannot be ours. */
  private static long partialSize(Path partial, long size) {
    try {
      if (!Files.exists(partial, LinkOption.NOFOLLOW_LINKS)) {
        return 0;
      }
      if (!Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS) || Files.size(partial) > size) {
        Files.delete(partial);
        return 0;
      }
      return Files.size(partial);
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot use " + partial + ": " + FileIo.reason(e), e);
    }
  }

  private static void fetchAll(
      FileLink link,
      DownloadFolder folder,
      Path partial,
      String fileId,
      long size,
      TransferProgress progress,
      BooleanSupplier stop) {
    try (FileChannel out = folder.open(partial, StandardOpenOption.CREATE)) {
      long have = out.size();
      out.position(have);
      while (have < size) {
        if (stop.getAsBoolean()) {
          throw new CommandException.Usage(STOPPED);
        }
        long from = have;
        FileDataReply data =
            link.call(id -> new FileDownloadRequest(id, fileId, from), FileDataReply.class);
        if (data.offset() != have || data.size() != size) {
          throw new CommandException.EnvelopeRejected(
              "the relay sent file bytes that do not fit the download; refused", null);
        }
        ByteBuffer bytes = ByteBuffer.wrap(data.data().toByteArray());
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        have += data.data().length();
        progress.bytes(have, size);
      }
      out.force(true);
    } catch (IOException e) {
      throw new CommandException.FileAccess(
          "cannot write in " + folder.dir() + ": " + FileIo.reason(e), e);
    }
  }

  private static Path decryptAndPlace(
      DownloadFolder folder,
      Path partial,
      FileOffer offer,
      Content.File content,
      BooleanSupplier stop) {
    Path plain = folder.decrypted(offer.fileId());
    MessageDigest sha256 = FileUpload.sha256();
    long written;
    FileStreamCipher cipher = content.key().cipher();
    try {
      Files.deleteIfExists(plain);
      try (InputStream in = Files.newInputStream(partial, LinkOption.NOFOLLOW_LINKS);
          FileChannel channel = folder.open(plain, StandardOpenOption.CREATE_NEW);
          OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha256)) {
        written =
            cipher.decrypt(
                in, out, FileStreams.associatedData(offer.fileId(), offer.conversation()));
        channel.force(true);
      }
      if (!content.describes(written, sha256)) {
        discard(partial, plain);
        throw new CommandException.EnvelopeRejected(
            TerminalSafe.line(offer.name())
                + " does not match the offer (size or SHA-256); it was deleted",
            null);
      }
      if (stop.getAsBoolean()) { // rejected while it was decrypted: it is not put in place
        discard(partial, plain);
        throw new CommandException.Usage(STOPPED);
      }
      Path saved = folder.place(plain, FileNames.sanitize(offer.name()));
      Files.deleteIfExists(partial);
      return saved;
    } catch (AuthenticationException e) {
      discard(partial, plain);
      throw new CommandException.EnvelopeRejected(
          TerminalSafe.line(offer.name())
              + " did not authenticate: it was altered on the relay or on the way; the download"
              + " was deleted",
          e);
    } catch (CryptoException e) {
      discard(partial, plain);
      throw new CommandException.EnvelopeRejected(
          TerminalSafe.line(offer.name()) + " could not be decrypted", e);
    } catch (IOException e) {
      discard(null, plain);
      throw new CommandException.FileAccess(
          "cannot save "
              + TerminalSafe.line(offer.name())
              + " in "
              + folder.dir()
              + ": "
              + FileIo.reason(e),
          e);
    } finally {
      cipher.destroy();
    }
  }

  private static void discard(Path partial, Path plain) {
    for (Path path : new Path[] {partial, plain}) {
      if (path != null) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException ignored) {
          // best effort: the failure being reported matters more
        }
      }
    }
  }
}
