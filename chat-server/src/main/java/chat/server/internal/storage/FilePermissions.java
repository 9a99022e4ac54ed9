package chat.server.internal.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** Creates and tightens owner-only files and directories (0700 / 0600) on POSIX file systems. */
public final class FilePermissions {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private FilePermissions() {}

  /**
   * Creates {@code dir} if missing and makes it owner-only. Missing folders on the way to it are
   * created owner-only too; folders that exist are left as they are.
   */
  public static Path ownerOnlyDirectory(Path dir) throws IOException {
    if (POSIX) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
    if (POSIX) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
    return dir;
  }

  /** Creates {@code file} empty if missing and makes it owner-only. */
  public static Path ownerOnlyFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      if (POSIX) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    }
    restrict(file);
    return file;
  }

  /** Makes an existing file owner-only. */
  public static void restrict(Path file) throws IOException {
    if (POSIX && Files.exists(file)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /**
   * Makes an existing file owner-only, and returns its mode before ({@code rw-r--r--}) if others
   * than the owner had any access to it, for the caller to warn about; empty if it was owner-only,
   * does not exist, or the file system has no POSIX modes.
   */
  public static Optional<String> restrictLoose(Path file) throws IOException {
    if (!POSIX || !Files.exists(file)) {
      return Optional.empty();
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    restrict(file);
    String before = PosixFilePermissions.toString(mode);
    return before.substring(3).equals("------") ? Optional.empty() : Optional.of(before);
  }

  /**
   * Writes {@code data} to {@code file} owner-only, replacing it atomically. A write that fails (a
   * full disk) leaves no temporary file behind, and its error names {@code file}: the JDK's says
   * only {@code No space left on device}.
   */
  public static void writeOwnerOnly(Path file, byte[] data) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    ownerOnlyFile(temp);
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(
            temp,
            java.nio.file.StandardOpenOption.WRITE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(java.nio.ByteBuffer.wrap(data));
      channel.force(true);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the write's failure is the one to report
      }
      if (e instanceof java.nio.file.FileSystemException) {
        throw e; // names its file already (permission denied, ...)
      }
      java.nio.file.FileSystemException named =
          new java.nio.file.FileSystemException(
              file.toString(),
              null,
              "cannot write it: "
                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      named.initCause(e);
      throw named;
    }
    Files.move(
        temp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
