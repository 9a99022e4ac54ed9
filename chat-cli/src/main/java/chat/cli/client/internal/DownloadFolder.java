package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.cli.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one directory downloads are written to. Names inside it are chosen here: hidden working files
 * named after the file id ({@code .chat-<id>.part} for the encrypted bytes fetched so far, {@code
 * .chat-<id>.dec} for the plaintext being checked), and final names from {@link FileNames#sanitize}
 * that never replace an existing file. Files are created {@code 0600}, links are never followed,
 * and every path is checked to stay directly inside the directory.
 */
final class DownloadFolder {
  /** Most {@code "name (n).ext"} candidates tried before giving up. */
  static final int MAX_ATTEMPTS = 10_000;

  private final Path dir;

  DownloadFolder(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
  }

  Path dir() {
    return dir;
  }

  /** Creates the directory ({@code 0700}) if it is missing. */
  void create() {
    PrivateFiles.createDirectory(dir);
  }

  /**
   * Checks that a file can be created in the directory, by creating and deleting a hidden empty
   * one.
   *
   * @throws CommandException.FileAccess naming the directory and the reason, if not
   */
  void requireWritable() {
    try {
      Path probe = Files.createTempFile(dir, ".chat-", ".probe");
      Files.delete(probe);
    } catch (NoSuchFileException e) {
      // A folder there that answers a new file with "no such file" (/proc, /sys): say it is so.
      String reason = Files.isDirectory(dir) ? "this folder takes no new files" : FileIo.reason(e);
      throw new CommandException.FileAccess("cannot write in " + dir + ": " + reason, e);
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot write in " + dir + ": " + FileIo.reason(e), e);
    }
  }

  /** The partial (encrypted) download of {@code fileId}. */
  Path partial(String fileId) {
    return inside(".chat-" + fileId + ".part");
  }

  /** The plaintext of {@code fileId} while it is being checked. */
  Path decrypted(String fileId) {
    return inside(".chat-" + fileId + ".dec");
  }

  /** {@code name} inside the directory; refuses anything that would end up elsewhere. */
  Path inside(String name) {
    Path path = dir.resolve(name).normalize();
    if (!dir.equals(path.getParent()) || name.contains("/") || name.contains("\\")) {
      throw new CommandException.FileAccess("refused to write outside " + dir + ": " + name, null);
    }
    return path;
  }

  /**
   * Opens (creating {@code 0600} if missing) a file inside the directory for writing, never through
   * a symbolic link.
   */
  FileChannel open(Path path, OpenOption... extra) throws IOException {
    Set<OpenOption> options = new HashSet<>(List.of(extra));
    options.add(StandardOpenOption.WRITE);
    options.add(LinkOption.NOFOLLOW_LINKS);
    FileAttribute<?>[] attributes =
        PrivateFiles.isPosix(dir)
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    return FileChannel.open(path, options, attributes);
  }

  /**
   * Gives the checked plaintext {@code temp} its final name: {@code name} if free, else {@code
   * "name (1).ext"} and so on. Each candidate is claimed with a hard link, which fails rather than
   * replaces; where links are not supported, with a move that refuses to replace.
   *
   * @return the final path
   */
  Path place(Path temp, String name) throws IOException {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Path target = inside(FileNames.numbered(name, attempt));
      try {
        claim(temp, target);
        return target;
      } catch (FileAlreadyExistsException e) {
        // taken: try the next number
      }
    }
    throw new CommandException.FileAccess(
        "no free name for " + name + " in " + dir + " after " + MAX_ATTEMPTS + " tries", null);
  }

  private static void claim(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
      Files.delete(temp);
    } catch (UnsupportedOperationException | SecurityException e) {
      Files.move(temp, target);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException e) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(temp, target);
    }
  }
}
