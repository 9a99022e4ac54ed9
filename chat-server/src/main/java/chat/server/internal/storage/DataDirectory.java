package chat.server.internal.storage;

import chat.protocol.FolderOwners;
import chat.server.internal.tls.TlsMaterial;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
   * {@code dir} as the relay creates and uses it: as given, unless it holds a {@code ..} and is not
   * already a directory as given; then the longest part of it that exists as the file system finds
   * it (links followed, as the kernel follows them before a {@code ..}), and the rest with each
   * {@code ..} taken by name ({@code /srv/x/../data} is {@code /srv/data} when {@code /srv/x} does
   * not exist). The file system would need every folder before a {@code ..} to exist, and the JDK's
   * creation of missing folders makes those of the named path, not of the given one: a failed start
   * left some behind, and named the wrong folder. The part that exists is the one the file system
   * resolves, so the same path names the same folder once it is made.
   */
  public static Path normalized(Path dir) {
    boolean up = false;
    for (Path name : dir) {
      up |= name.toString().equals("..");
    }
    if (!up || Files.isDirectory(dir)) {
      return dir;
    }
    Path absolute = dir.toAbsolutePath();
    Path existing = absolute.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute.normalize();
    }
    try {
      Path rest = absolute.subpath(existing.getNameCount(), absolute.getNameCount());
      return existing.toRealPath().resolve(rest).normalize();
    } catch (IOException e) {
      return absolute.normalize();
    }
  }

  /**
   * Creates {@code dir} ({@link #normalized}) owner-only if missing and checks that files can be
   * created in it; returns the normalized path, which the relay then uses.
   *
   * @throws IOException with a message of the form {@code cannot use the data directory DIR: WHY}
   */
  public static Path prepare(Path given) throws IOException {
    Path dir = normalized(given);
    Optional<String> shared = sharedFolder(dir);
    if (shared.isPresent()) {
      throw new IOException("cannot use the data directory " + dir + ": " + shared.get());
    }
    try {
      FilePermissions.ownerOnlyDirectory(dir);
    } catch (IOException e) {
      throw new IOException("cannot use the data directory " + dir + ": " + explain(dir, e), e);
    }
    Optional<FolderOwners.Unsafe> unsafe = FolderOwners.unsafe(dir);
    if (unsafe.isPresent()) {
      // another user could swap the TLS key or the native library the relay loads
      throw new IOException(
          "cannot use the data directory "
              + dir
              + ": "
              + unsafe.get().said()
              + ", so that user could replace its TLS key, database or native library; chown it"
              + " to the relay's user, or use a folder that only the relay's user can change");
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

  /** What a relay keeps in its data directory, any of which marks a folder as one. */
  private static final List<String> RELAY_FILES =
      List.of(
          Database.FILE_NAME,
          EnvelopeLog.DIRECTORY,
          AtRestKeys.FILE_NAME,
          LogPseudonymKey.FILE_NAME,
          TlsMaterial.CERT_FILE,
          TlsMaterial.KEY_FILE);

  /**
   * Why {@code dir} must not be made owner-only, if it must not: it exists, others may use it, and
   * it holds files (other than {@code lost+found} and hidden ones) but none of a relay's ({@code
   * --data-dir /tmp}, {@code .} or a home folder by mistake), so making it 0700 would shut them
   * out. A relay's own folder loosened by hand, or a new or empty one, is made owner-only as
   * before.
   */
  private static Optional<String> sharedFolder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)
        || !dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return Optional.empty();
    }
    Set<PosixFilePermission> mode;
    try {
      mode = Files.getPosixFilePermissions(dir);
    } catch (IOException e) {
      return Optional.empty(); // prepare says what is wrong with it
    }
    boolean othersMayUseIt =
        mode.stream()
            .anyMatch(
                p ->
                    p != PosixFilePermission.OWNER_READ
                        && p != PosixFilePermission.OWNER_WRITE
                        && p != PosixFilePermission.OWNER_EXECUTE);
    if (!othersMayUseIt || RELAY_FILES.stream().anyMatch(f -> Files.exists(dir.resolve(f)))) {
      return Optional.empty();
    }
    try (var entries = Files.list(dir)) {
      // A mounted volume's lost+found and hidden files (.snapshot, a shell's dotfiles) do not make
      // a folder someone else's.
      if (entries
          .map(entry -> entry.getFileName().toString())
          .allMatch(name -> name.equals("lost+found") || name.startsWith("."))) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty(); // not listable here: prepare says what is wrong with it
    }
    return Optional.of(
        "it holds other files and no relay's, and others may use it ("
            + PosixFilePermissions.toString(mode)
            + "); the relay makes its data directory owner-only (rwx------), which would shut them"
            + " out. Give a new or empty folder, such as "
            + dir.resolve("relay-data"));
  }

  /**
   * Refuses a data directory that holds only part of what a relay keeps there, as a partial restore
   * or a file removed by hand leaves it: the relay would make the missing part anew and lose, or
   * leave unreadable, what the rest holds. Stored envelopes without {@code relay.db} (a new
   * database would cut the segments to nothing), a {@code relay.db} without the at-rest keyset (a
   * new keyset opens none of its rows), and, unless the operator gives the relay's certificate
   * ({@code ownCertificate}), one of {@code tls.crt} and {@code tls.key} without the other (a new
   * pair would change the certificate every client pinned). Reads only; creates nothing.
   *
   * @throws IOException with a message of the form {@code cannot use the data directory DIR: WHY}
   */
  public static void requireWhole(Path dir, boolean ownCertificate) throws IOException {
    Path database = dir.resolve(Database.FILE_NAME);
    boolean hasDatabase = hasRun(dir);
    Optional<String> problem = Optional.empty();
    if (!hasDatabase && holdsEnvelopes(dir.resolve(EnvelopeLog.DIRECTORY))) {
      problem =
          Optional.of(
              EnvelopeLog.DIRECTORY
                  + "/ holds stored messages, but "
                  + Database.FILE_NAME
                  + (Files.exists(database) ? " is empty" : " is missing")
                  + ": the two must come from the same copy. Restore "
                  + Database.FILE_NAME
                  + " from the backup the envelopes came from, or move "
                  + EnvelopeLog.DIRECTORY
                  + "/ away to start an empty relay");
    } else if (hasDatabase && !Files.exists(dir.resolve(AtRestKeys.FILE_NAME))) {
      problem =
          Optional.of(
              AtRestKeys.FILE_NAME
                  + " is missing, but "
                  + Database.FILE_NAME
                  + " is there: what the relay stored is sealed under that keyset and cannot be"
                  + " read without it. Restore it from the backup, or move "
                  + Database.FILE_NAME
                  + "* and "
                  + EnvelopeLog.DIRECTORY
                  + "/ away to start an empty relay");
    } else if (!ownCertificate && hasDatabase) {
      // Only a relay that has run served the pair to clients; a first start cut short between its
      // two writes makes a new one.
      problem = halfAPair(dir, TlsMaterial.CERT_FILE, TlsMaterial.KEY_FILE);
    }
    if (problem.isPresent()) {
      throw new IOException("cannot use the data directory " + dir + ": " + problem.get());
    }
  }

  /**
   * Whether {@code dir} holds the database of a relay that has run (a non-empty {@code relay.db}).
   */
  public static boolean hasRun(Path dir) throws IOException {
    Path database = dir.resolve(Database.FILE_NAME);
    return Files.isRegularFile(database) && Files.size(database) > 0;
  }

  private static Optional<String> halfAPair(Path dir, String certificate, String key) {
    boolean hasCertificate = Files.exists(dir.resolve(certificate));
    if (hasCertificate == Files.exists(dir.resolve(key))) {
      return Optional.empty();
    }
    String there = hasCertificate ? certificate : key;
    String missing = hasCertificate ? key : certificate;
    return Optional.of(
        missing
            + " is missing, but "
            + there
            + " is there: restore "
            + missing
            + " from the backup (clients pinned this certificate), or move "
            + there
            + " away to make a new pair (every client will then warn that the relay's certificate"
            + " changed)");
  }

  /** Whether {@code envelopes} holds a segment with anything in it. */
  private static boolean holdsEnvelopes(Path envelopes) throws IOException {
    if (!Files.isDirectory(envelopes)) {
      return false;
    }
    try (var segments = Files.newDirectoryStream(envelopes, "*.seg")) {
      for (Path segment : segments) {
        if (Files.isRegularFile(segment) && Files.size(segment) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Checks that {@code dir} ({@link #normalized}), which a command reads or changes but never
   * creates ({@code audit}, {@code keys rotate}, {@code backup}), exists and is a directory;
   * returns the normalized path. What is in the way is named as {@link #prepare} names it at the
   * relay's start: a file, a symbolic link that loops or leads nowhere, or the first part of the
   * path that does not exist; and a directory this process may not read (another user's).
   *
   * @throws IOException with a message of the form {@code cannot use the data directory DIR: WHY}
   */
  public static Path checkExisting(Path given) throws IOException {
    Path dir = normalized(given);
    Optional<String> problem = inTheWay(dir, (missing, parent) -> missing + " does not exist");
    if (problem.isPresent()) {
      throw new IOException("cannot use the data directory " + dir + ": " + problem.get());
    }
    if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
      // as a command run by another user than the relay's finds its owner-only folder
      throw new IOException(
          "cannot use the data directory "
              + dir
              + ": permission denied; run this as the user the relay runs as");
    }
    return dir;
  }

  /**
   * Checks that {@code file} of a data directory, if it is there, can be read by this process.
   *
   * @throws IOException with a message of the form {@code cannot read FILE: permission denied; …}
   */
  public static void requireReadable(Path file) throws IOException {
    if (Files.exists(file) && !Files.isReadable(file)) {
      throw new IOException(
          "cannot read " + file + ": permission denied; run this as the user the relay runs as");
    }
  }

  /** What stopped {@code dir} from being created or made owner-only, found by walking its path. */
  static String explain(Path dir, IOException failure) {
    Path absolute = dir.toAbsolutePath();
    return inTheWay(
            dir,
            (missing, parent) -> cannotCreate(missing, parent, missing.equals(absolute), failure))
        .orElseGet(
            () ->
                reason(failure).contains("read-only file system")
                    ? "it is on a read-only file system, where the relay can store nothing"
                    : anotherUsers(dir)
                        .orElseGet(
                            () -> "cannot make it owner-only (mode 700): " + reason(failure)));
  }

  /**
   * What to say of {@code dir} when it belongs to another user than the one running this process,
   * who may not change its mode: a relay started as the wrong user.
   */
  private static Optional<String> anotherUsers(Path dir) {
    try {
      String owner = Files.getOwner(dir).getName();
      String self = System.getProperty("user.name");
      if (self == null || owner.equals(self)) {
        return Optional.empty();
      }
      return Optional.of(
          "it belongs to the user "
              + owner
              + ", and this process runs as "
              + self
              + ": give it to the relay's user (chown -R "
              + self
              + " "
              + dir
              + "), or run the relay as the user it belongs to");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
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
      if (name.toString().equals(".")) {
        continue; // ./data given from /srv is /srv/data, as the walk names it
      }
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
  public static String reason(IOException e) {
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
