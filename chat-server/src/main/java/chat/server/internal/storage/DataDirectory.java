package chat.server.internal.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Prepares the relay's data directory (created if missing, owner-only, files can be made in it)
 * and, when it cannot, says in one line what is wrong with the path: a file or a symbolic link loop
 * in its way, a directory that does not accept new entries (as under {@code /proc}), a read-only
 * file system, or missing permission. The file system's own answer (often "no such file or
 * directory" for a directory that exists) alone misleads. The commands that work on an existing
 * data directory ({@code audit}, {@code keys rotate}) check it with {@link #checkExisting}, which
 * names what is in the way the same way.
 */
public final class DataDirectory {
  private DataDirectory() {}

  /**
   * Creates {@code dir} owner-only if missing and checks that files can be created in it.
   *
   * @throws IOException with a message of the form {@code cannot use the data directory DIR: WHY}
   */
  public static Path prepare(Path dir) throws IOException {
    try {
      FilePermissions.ownerOnlyDirectory(dir);
    } catch (IOException e) {
      throw new IOException("cannot use the data directory " + dir + ": " + explain(dir, e), e);
    }
    try {
      Files.delete(Files.createTempFile(dir, ".write-check-", ".tmp"));
    } catch (IOException e) {
      throw new IOException(
          "cannot use the data directory "
              + dir
              + ": no file can be created in it ("
              + reason(e)
              + ")",
          e);
    }
    return dir;
  }

  /**
   * Checks that {@code dir}, which a command reads or changes but never creates ({@code audit},
   * {@code keys rotate}), exists and is a directory. What is in the way is named as {@link
   * #prepare} names it at the relay's start: a file, a symbolic link that loops or leads nowhere,
   * or the first part of the path that does not exist.
   *
   * @throws IOException with a message of the form {@code cannot use the data directory DIR: WHY}
   */
  public static Path checkExisting(Path dir) throws IOException {
    Optional<String> problem = inTheWay(dir, (missing, parent) -> missing + " does not exist");
    if (problem.isPresent()) {
      throw new IOException("cannot use the data directory " + dir + ": " + problem.get());
    }
    return dir;
  }

  /** What stopped {@code dir} from being created or made owner-only, found by walking its path. */
  static String explain(Path dir, IOException failure) {
    Path absolute = dir.toAbsolutePath();
    return inTheWay(
            dir,
            (missing, parent) -> cannotCreate(missing, parent, missing.equals(absolute), failure))
        .orElseGet(() -> "cannot make it owner-only (mode 700): " + reason(failure));
  }

  /**
   * Walks {@code dir}'s absolute path from the root and says what is wrong with the first part that
   * is not a directory: a symbolic link that cannot be followed, a file, or (told by {@code
   * missing}, given that part and its parent) a part that does not exist. Empty if every part is a
   * directory.
   */
  private static Optional<String> inTheWay(Path dir, BiFunction<Path, Path, String> missing) {
    Path absolute = dir.toAbsolutePath();
    Path walked = absolute.getRoot();
    for (Path name : absolute) {
      Path parent = walked;
      walked = walked == null ? name : walked.resolve(name);
      if (Files.isSymbolicLink(walked) && !Files.exists(walked)) {
        return Optional.of(brokenLink(walked));
      }
      if (!Files.exists(walked, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(missing.apply(walked, parent));
      }
      if (!Files.isDirectory(walked)) {
        return Optional.of(walked + " is a file, not a directory");
      }
    }
    return Optional.empty();
  }

  private static String brokenLink(Path link) {
    try {
      link.toRealPath();
      return link + " is a symbolic link that cannot be followed";
    } catch (NoSuchFileException e) {
      return link + " is a symbolic link to something that does not exist";
    } catch (IOException e) {
      return link + " is a symbolic link that loops";
    }
  }

  private static String cannotCreate(Path missing, Path parent, boolean last, IOException failure) {
    String prefix = "cannot create " + (last ? "it" : missing.toString());
    String why = reason(failure);
    if (parent == null) {
      return prefix + ": " + why;
    }
    if (failure instanceof AccessDeniedException) {
      return prefix + ": permission denied in " + parent;
    }
    if (why.contains("read-only file system")) {
      return prefix + ": " + parent + " is on a read-only file system";
    }
    String special = specialFileSystem(parent);
    return prefix
        + ": "
        + parent
        + " does not accept new directories ("
        + (special.isEmpty() ? why : "it is on a " + special + " file system")
        + ")";
  }

  /** The type of {@code parent}'s file system if it is a special one ({@code proc}), else empty. */
  private static String specialFileSystem(Path parent) {
    try {
      String type = Files.getFileStore(parent).type();
      return switch (type) {
        case "proc", "sysfs", "devtmpfs", "cgroup", "cgroup2", "debugfs", "securityfs" -> type;
        default -> "";
      };
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** The operating system's reason in lower case, without the path it names. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String reason =
        e instanceof FileSystemException fs && fs.getReason() != null
            ? fs.getReason()
            : e instanceof NoSuchFileException ? "no such file or directory" : e.getMessage();
    if (reason == null || reason.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
  }
}
