package chat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Bounded reads and plain writes for commands, turning every {@link IOException} into one clear
 * {@link CommandException.FileAccess} line such as {@code cannot read x.pub: no such file}.
 */
public final class FileIo {
  private FileIo() {}

  /**
   * Reads at most {@code maxBytes + 1} bytes of {@code path}; a result longer than {@code maxBytes}
   * means the file is too large, which the caller reports in its own terms.
   */
  public static byte[] read(Path path, int maxBytes) {
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw failure("cannot read", path, e);
    }
  }

  /** Reads at most {@code maxBytes + 1} bytes of standard input. */
  static byte[] read(InputStream in, int maxBytes) {
    try {
      return in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot read standard input: " + reason(e), e);
    }
  }

  /** Writes {@code data} to {@code path}, replacing it, with the process's default permissions. */
  static void write(Path path, byte[] data) {
    try {
      Files.write(path, data);
    } catch (IOException e) {
      throw failure("cannot write", path, e);
    }
  }

  /**
   * Writes {@code data} to standard output ({@code out}) and flushes it. A pipe whose reader had
   * enough ({@code chat open … | head -c 10}) is no failure, as for the commands that print text:
   * the rest is not written, and nothing is said.
   */
  static void write(OutputStream out, byte[] data) {
    try {
      out.write(data);
      out.flush();
    } catch (IOException e) {
      if (reason(e).startsWith("broken pipe")) {
        return;
      }
      throw new CommandException.FileAccess("cannot write to standard output: " + reason(e), e);
    }
  }

  /** The one-line failure for an I/O error on {@code path}. */
  static CommandException.FileAccess failure(String action, Path path, IOException e) {
    return new CommandException.FileAccess(action + " " + path + ": " + reason(e), e);
  }

  /**
   * Why {@code e} happened, in a few lower-case words and without the path (the JDK's message of a
   * {@link FileSystemException} starts with it, and the caller names the path in its own terms).
   */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    } else if (e instanceof AccessDeniedException) {
      return "permission denied";
    } else if (e instanceof NotDirectoryException) {
      return "not a directory";
    } else if (e instanceof DirectoryNotEmptyException) {
      return "a directory that is not empty is in the way";
    } else if (e instanceof FileAlreadyExistsException) {
      return "it already exists";
    } else if (e instanceof FileSystemException fs) {
      return fs.getReason() == null
          ? "input/output error"
          : fs.getReason().toLowerCase(java.util.Locale.ROOT);
    }
    // The system's own words, as a read of a folder gives them ("Is a directory"), in lower case.
    return e.getMessage() == null
        ? "input/output error"
        : ChatCommand.lowerCaseFirst(e.getMessage());
  }
}
