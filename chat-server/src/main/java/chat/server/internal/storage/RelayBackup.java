package chat.server.internal.storage;

import chat.crypto.CryptoException;
import chat.server.internal.storage.MessageRepository.MessageRow;
import chat.server.internal.tls.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of a relay's data directory that a relay can start from, taken while the relay runs or
 * not, and read back before it is given as done.
 *
 * <ol>
 *   <li>{@code relay.db} as of one moment: {@code VACUUM INTO}, in one read transaction beside the
 *       relay's writer (WAL lets it in), which copies only live rows, none of the free pages;
 *   <li>every segment of the envelope log as it is after that moment. What the relay appended since
 *       lies after the last envelope the copy's {@code relay.db} names, and a relay starting on the
 *       copy cuts it off, as after a crash;
 *   <li>the at-rest keyset (which only grows: a rotation adds a key), the TLS pair and the key of
 *       the log's pseudonyms;
 *   <li>the copy opened as a relay opens its data directory (which finishes any erasure the relay
 *       had recorded, as a start does), and every stored message read back from it and opened under
 *       the keyset.
 * </ol>
 *
 * <p>Between the moment and the copy of a segment, the running relay may have erased an envelope
 * that the copy's {@code relay.db} still names (a deletion, or the old copy left by compaction), or
 * deleted a segment it had moved out of. Such a message does not open in the copy, and the whole
 * copy is taken again, at most {@link #ATTEMPTS} times. Nothing of the relay's is changed: {@code
 * relay.db} is opened read-only, the segments only read, and the log's lock left alone.
 */
public final class RelayBackup {
  /** How many times a copy is taken before the backup gives up. */
  static final int ATTEMPTS = 3;

  /** Messages read back per query. */
  private static final int PAGE = 1024;

  /** The small files copied beside {@code relay.db}, where the data directory has them. */
  private static final List<String> SMALL_FILES =
      List.of(
          AtRestKeys.FILE_NAME,
          TlsMaterial.CERT_FILE,
          TlsMaterial.KEY_FILE,
          LogPseudonymKey.FILE_NAME);

  private RelayBackup() {}

  /**
   * What a backup copied.
   *
   * @param messages the stored messages read back from the copy and opened (deleted ones aside)
   * @param segments the envelope log's segment files copied
   * @param bytes the bytes written, {@code relay.db}, segments and keys together
   * @param attempts how many copies were taken, 1 unless the relay changed the log meanwhile
   */
  public record Copied(long messages, int segments, long bytes, int attempts) {}

  /** Why there is no backup, in one line for the operator; nothing is left in the target. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /** A message of the copy that does not open: the copy is taken again. */
  private static final class Unverified extends Exception {
    private static final long serialVersionUID = 1L;

    Unverified(String message) {
      super(message);
    }
  }

  /**
   * Copies the data directory {@code dataDir} (checked, its SQLite library loaded) into {@code
   * target}, a new or empty folder outside it, made owner-only with every file in it. On failure
   * what was written is removed again, and {@code target} too if this made it.
   *
   * @throws Refused if {@code target} cannot be used, {@code dataDir} holds no relay's data, its
   *     {@code relay.db} is of another schema version than this build's, or the copy could not be
   *     read back in {@link #ATTEMPTS} tries
   * @throws IOException if a file cannot be read or written
   * @throws SQLException if {@code relay.db} or its copy cannot be read
   */
  public static Copied take(Path dataDir, Path target) throws Refused, IOException, SQLException {
    return take(dataDir, target, (attempt, copy) -> {});
  }

  /** What happens between a copy and its reading back: nothing, but in tests. */
  @FunctionalInterface
  interface AfterCopy {
    void copied(int attempt, Path target) throws IOException;
  }

  /** As {@link #take(Path, Path)}, running {@code afterCopy} before each copy is read back. */
  static Copied take(Path dataDir, Path target, AfterCopy afterCopy)
      throws Refused, IOException, SQLException {
    Path from = dataDir.toRealPath();
    Path to = real(target);
    if (to.startsWith(from) || from.startsWith(to)) {
      throw new Refused(
          "the backup folder "
              + target
              + " and the data directory "
              + dataDir
              + " lie one inside the other; give a folder outside the data directory");
    }
    requireSource(dataDir);
    // the first folder on the way that this makes, removed again on failure with those inside it
    Path made = firstMissing(target.toAbsolutePath().normalize());
    if (made == null) {
      requireEmptyFolder(target);
    }
    try {
      FilePermissions.ownerOnlyDirectory(target);
      String firstFailure = null;
      boolean sameEachTime = true;
      for (int attempt = 1; ; attempt++) {
        try {
          long[] copied = copy(dataDir, target);
          afterCopy.copied(attempt, target);
          long messages = readBack(target);
          SegmentFiles.sync(target.resolve(EnvelopeLog.DIRECTORY));
          SegmentFiles.sync(target);
          return new Copied(messages, (int) copied[0], copied[1], attempt);
        } catch (Unverified e) {
          if (firstFailure == null) {
            firstFailure = e.getMessage();
          } else {
            sameEachTime &= firstFailure.equals(e.getMessage());
          }
          if (attempt == ATTEMPTS && sameEachTime) {
            // A relay's writes meanwhile would not fail the same message in every copy.
            throw new Refused(
                "the copy could not be read back: "
                    + e.getMessage()
                    + ", the same in each of "
                    + ATTEMPTS
                    + " copies, so the data directory is damaged there, and trying again will not"
                    + " help (the relay's log says the same when that message is read); a backup"
                    + " would keep the damage. Keep what it holds by copying the folder while the"
                    + " relay is stopped, and restore from an earlier backup if you have one");
          }
          if (attempt == ATTEMPTS) {
            throw new Refused(
                "the copy could not be read back in "
                    + ATTEMPTS
                    + " tries ("
                    + e.getMessage()
                    + "): the relay kept changing its envelope log meanwhile, or the data"
                    + " directory is damaged; try again");
          }
          empty(target);
        }
      }
    } catch (Refused | IOException | SQLException | RuntimeException e) {
      try {
        empty(target);
        for (Path folder = target.toAbsolutePath().normalize();
            made != null && folder != null && folder.startsWith(made);
            folder = folder.getParent()) {
          Files.deleteIfExists(folder);
        }
      } catch (IOException cleaning) {
        e.addSuppressed(cleaning);
      }
      throw e;
    }
  }

  /** {@code path} with its symbolic links resolved as far as it exists. */
  private static Path real(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing == null
        ? absolute
        : existing.toRealPath().resolve(existing.relativize(absolute));
  }

  /** The first folder of {@code absolute}'s path that does not exist; null if it exists. */
  private static Path firstMissing(Path absolute) {
    Path missing = null;
    for (Path folder = absolute;
        folder != null && !Files.exists(folder, LinkOption.NOFOLLOW_LINKS);
        folder = folder.getParent()) {
      missing = folder;
    }
    return missing;
  }

  private static void requireSource(Path dataDir) throws Refused {
    if (!Files.isRegularFile(dataDir.resolve(Database.FILE_NAME))) {
      throw new Refused("no " + Database.FILE_NAME + " in " + dataDir + ": nothing to back up");
    }
    if (!Files.isRegularFile(dataDir.resolve(AtRestKeys.FILE_NAME))) {
      throw new Refused(
          AtRestKeys.FILE_NAME
              + " is missing in "
              + dataDir
              + ": what the relay stored cannot be read without it");
    }
    try {
      AtRestKeys.check(dataDir.resolve(AtRestKeys.FILE_NAME)); // said of the source, not the copy
    } catch (IOException e) {
      throw new Refused(e.getMessage());
    }
  }

  private static void requireEmptyFolder(Path target) throws Refused, IOException {
    if (Files.isSymbolicLink(target)) {
      throw new Refused(target + " is a symbolic link; give the folder it leads to");
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new Refused(target + " is not a folder; give a new or empty folder");
    }
    try (Stream<Path> inside = Files.list(target)) {
      if (inside.findAny().isPresent()) {
        throw new Refused(target + " is not empty; give a new or empty folder");
      }
    }
  }

  /**
   * One copy of {@code dataDir} into the empty folder {@code target}: {@code relay.db} as of one
   * moment, then the keys and the segments as they are after it.
   *
   * @return the segments copied and the bytes written
   */
  private static long[] copy(Path dataDir, Path target)
      throws Refused, Unverified, IOException, SQLException {
    Path database = FilePermissions.ownerOnlyFile(target.resolve(Database.FILE_NAME));
    try (Connection relay = Database.openReadOnly(dataDir);
        PreparedStatement vacuum = relay.prepareStatement("VACUUM INTO ?")) {
      vacuum.setString(1, database.toAbsolutePath().toString());
      vacuum.execute();
    } catch (SQLException e) {
      // the source's read or the copy's write (a full disk): the operator is told both files
      throw new IOException(
          "cannot copy "
              + dataDir.resolve(Database.FILE_NAME)
              + " to "
              + database
              + ": "
              + e.getMessage(),
          e);
    }
    requireCurrentSchema(dataDir, database);
    long bytes = Files.size(database);
    for (String name : SMALL_FILES) {
      Path file = dataDir.resolve(name);
      // Followed as the relay follows it (a TLS pair or keyset linked from elsewhere).
      if (Files.isRegularFile(file)) {
        bytes += copyFile(file, target.resolve(name), true);
      }
    }
    Path log = dataDir.resolve(EnvelopeLog.DIRECTORY);
    int segments = 0;
    if (Files.isDirectory(log, LinkOption.NOFOLLOW_LINKS)) {
      Path copies = FilePermissions.ownerOnlyDirectory(target.resolve(EnvelopeLog.DIRECTORY));
      for (Path segment : segments(log)) {
        try {
          bytes += copyFile(segment, copies.resolve(segment.getFileName()), false);
        } catch (NoSuchFileException e) {
          // the relay deleted it since it was listed (compacted, or its messages deleted)
          throw new Unverified(segment.getFileName() + " was removed by the relay while copying");
        }
        segments++;
      }
    }
    return new long[] {segments, bytes};
  }

  /** Refuses a copy whose schema is not this build's: opening it would migrate it. */
  private static void requireCurrentSchema(Path dataDir, Path copy) throws Refused, SQLException {
    int version;
    try (Connection c = Database.openReadOnly(copy.getParent())) {
      version = Migrations.version(c);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UncheckedIOException(e);
    }
    int latest = Migrations.latestVersion();
    if (version != latest) {
      throw new Refused(
          dataDir.resolve(Database.FILE_NAME)
              + " has schema version "
              + version
              + ", this build "
              + latest
              + "; back it up with the chat-server of the relay that runs on it");
    }
  }

  /** The segment files of the log folder {@code log}, in order; nothing else in it (the lock). */
  private static List<Path> segments(Path log) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> each = Files.newDirectoryStream(log)) {
      for (Path file : each) {
        if (SegmentFiles.number(file) >= 0
            && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          out.add(file);
        }
      }
    }
    out.sort(null);
    return out;
  }

  /** Copies {@code from} to the new file {@code to}, owner-only and synced; returns its bytes. */
  private static long copyFile(Path from, Path to, boolean follow) throws IOException {
    FilePermissions.ownerOnlyFile(to);
    try (FileChannel in =
            follow
                ? FileChannel.open(from, StandardOpenOption.READ)
                : FileChannel.open(from, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE)) {
      long size = in.size(); // a segment the relay appends to: as far as it is now
      long position = 0;
      while (position < size) {
        position += in.transferTo(position, size - position, out);
      }
      out.force(true);
      return size;
    } catch (FileSystemException e) {
      throw e; // names its file
    } catch (IOException e) {
      // the JDK's text of a failed write is the reason alone (No space left on device)
      throw new IOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the copy in {@code target} as a relay opens its data directory, and every stored message
   * in it under the copied keyset; returns how many opened.
   *
   * @throws Unverified naming the first message that does not open, or why the copy does not open
   */
  private static long readBack(Path target) throws Unverified, IOException, SQLException {
    if (!Files.isRegularFile(target.resolve(AtRestKeys.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
      // never a new keyset: the copy's messages would not open, or a copy without any would keep it
      throw new IOException(AtRestKeys.FILE_NAME + " was not copied into " + target);
    }
    AtRestCipher cipher = AtRestKeys.loadOrCreate(target);
    Database copy;
    try {
      copy = Database.open(target);
    } catch (UncheckedIOException e) {
      // a segment the copy's relay.db names is missing or short: deleted or moved meanwhile
      throw new Unverified("the copy does not open: " + e.getCause().getMessage());
    } catch (SQLException e) {
      throw new IOException("cannot open the copy in " + target + ": " + e.getMessage(), e);
    }
    long opened = 0;
    try (copy) {
      MessageRepository messages = new MessageRepository(copy.envelopes());
      for (String conversation : copy.read(RelayBackup::conversations)) {
        long since = 0;
        List<MessageRow> page;
        do {
          long after = since;
          page = copy.read(c -> messages.after(c, conversation, after, PAGE));
          for (MessageRow row : page) {
            since = row.seq();
            if (!row.deleted()) {
              open(messages, cipher, row);
              opened++;
            }
          }
        } while (page.size() == PAGE);
      }
    }
    // The log's lock, which opening the copy took: a relay started on the copy takes its own.
    Files.deleteIfExists(target.resolve(EnvelopeLog.DIRECTORY).resolve(LogOwnership.LOCK_FILE));
    return opened;
  }

  private static List<String> conversations(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT conversation FROM messages");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  private static void open(MessageRepository messages, AtRestCipher cipher, MessageRow row)
      throws Unverified {
    try {
      cipher.open(
          messages.sealed(row),
          SqliteMessageStore.rowId(row.conversation(), row.seq(), row.messageId()));
    } catch (IOException | CryptoException e) {
      throw new Unverified(
          "message " + row.seq() + " of " + row.conversation() + " does not open in the copy");
    }
  }

  /** Removes what a copy wrote into {@code target}, leaving the folder itself. */
  private static void empty(Path target) throws IOException {
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path log = target.resolve(EnvelopeLog.DIRECTORY);
    if (Files.isDirectory(log, LinkOption.NOFOLLOW_LINKS)) {
      deleteFiles(log);
      Files.delete(log);
    }
    deleteFiles(target);
  }

  private static void deleteFiles(Path folder) throws IOException {
    try (DirectoryStream<Path> each = Files.newDirectoryStream(folder)) {
      for (Path file : each) {
        if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(file);
        }
      }
    }
  }
}
