package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.server.internal.storage.OpenFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory the relay cannot use stops it at start with one clear line and exit code 1, and
 * leaves what is in it untouched.
 */
// A check that no longer refuses lets the relay start and run: fail then, do not hang the build.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnusableDataDirectoryTest {
  @TempDir Path root;

  /** Runs {@code chat-server} in this JVM; returns the exit code and what it printed to stderr. */
  private static Map.Entry<Integer, String> run(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args, Map.of());
      return Map.entry(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  /**
   * Starts the relay on {@code dataDir}, checks that it exits 1 with one {@code cannot start} line
   * containing {@code reason} and no stack trace, and returns what it printed.
   */
  private static String startFails(Path dataDir, String reason) {
    Map.Entry<Integer, String> result =
        run("--data-dir", dataDir.toString(), "--port", "0", "--bcrypt-cost", "4");
    assertThat(result.getKey()).isEqualTo(1);
    assertThat(result.getValue())
        .startsWith("chat-server: cannot start: ")
        .contains(reason)
        .doesNotContain("\tat ");
    return result.getValue();
  }

  @Test
  void dataDirectoryIsAFile_startFails_withOneClearLine() throws Exception {
    Path file = Files.writeString(root.resolve("data"), "not a directory");
    assertThat(startFails(file, "not a directory")).doesNotContain("Exception");
    assertThat(Files.readString(file)).isEqualTo("not a directory");
  }

  @Test
  void dataDirectoryUnderAFile_startFails_namingTheFile() throws Exception {
    Path file = Files.writeString(root.resolve("data"), "not a directory");
    startFails(file.resolve("sub"), file.toAbsolutePath() + " is a file, not a directory");
  }

  @Test
  void dataDirectoryThroughASymbolicLinkLoop_startFails_namingTheLoop() throws Exception {
    Path loop = root.resolve("loop");
    Files.createSymbolicLink(loop, root.resolve("back"));
    Files.createSymbolicLink(root.resolve("back"), loop);
    String loops = loop.toAbsolutePath() + " is a symbolic link that loops";
    startFails(loop, loops);
    startFails(loop.resolve("sub"), loops);
  }

  @Test
  void dataDirectoryIsABrokenSymbolicLink_startFails_namingIt() throws Exception {
    Path link = Files.createSymbolicLink(root.resolve("data"), root.resolve("gone"));
    startFails(
        link, link.toAbsolutePath() + " is a symbolic link to something that does not exist");
  }

  /** {@code /proc/1} exists, but no directory can be made in it: the system says "no such file". */
  @Test
  void dataDirectoryInAFolderThatTakesNoNewOnes_startFails_sayingSo_notNoSuchFile() {
    assumeTrue(Files.isDirectory(Path.of("/proc/1")), "needs /proc");
    String line =
        startFails(
            Path.of("/proc/1/sub"),
            "cannot use the data directory /proc/1/sub: cannot create it: /proc/1 does not accept"
                + " new directories (it is on a proc file system)");
    assertThat(line).doesNotContain("no such file").hasLineCount(1);
  }

  /**
   * A data directory loosened by hand (or restored from a backup with default permissions) is made
   * owner-only again at start (every file but the certificate, which is public). This is also why a
   * {@code chmod}-read-only directory is no test of a read-only disk: the relay owns it and resets
   * it. A read-only or full disk is simulated inside SQLite instead ({@code StorageFaultTest}).
   */
  @Test
  void loosenedDataDirectory_isMadeOwnerOnlyAgainAtStart() throws Exception {
    Path data = root.resolve("data");
    registerAliceOn(data);
    setPermissions(data, "rwxr-xr-x", "rw-r--r--");
    try (Relay relay = RelayFixture.start(data)) {
      assertThat(relay.port()).isPositive();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
          .isEqualTo("rwx------");
      try (Stream<Path> files = Files.walk(data)) {
        for (Path file : files.filter(f -> !f.endsWith("tls.crt")).toList()) {
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
              .as(data.relativize(file).toString())
              .isEqualTo(Files.isDirectory(file) ? "rwx------" : "rw-------");
        }
      }
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("relay.db"));
        Statement statement = db.createStatement();
        ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
      check.next();
      assertThat(check.getString(1)).isEqualTo("ok");
    }
  }

  /**
   * A failure after the database is open (here a table gone from a damaged {@code relay.db}) still
   * gets one clear line, and the relay closes the database and its writer thread on the way out.
   */
  @Test
  void damagedDatabase_startFails_withOneClearLine_andClosesTheDatabase() throws Exception {
    assumeTrue(OpenFiles.listed(), "needs /proc/self/fd");
    Path data = root.resolve("data");
    RelayFixture.start(data).close();
    Path db = data.resolve("relay.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = c.createStatement()) {
      statement.execute("DROP TABLE sessions");
    }
    startFails(data, "relay.db cannot be written: internal error");
    assertThat(OpenFiles.count(db)).as("connections left open").isZero();
  }

  /** Starts a relay on {@code data}, registers alice (so it stores something) and stops it. */
  private static void registerAliceOn(Path data) throws Exception {
    try (Relay relay = RelayFixture.start(data);
        TestClient client = RelayFixture.connect(relay, data)) {
      RelayFixture.register(client, RelayFixture.identity("alice"));
    }
  }

  /** Sets {@code dirMode} on {@code dir} and every folder in it, {@code fileMode} on each file. */
  private static void setPermissions(Path dir, String dirMode, String fileMode) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.toList()) {
        String mode = Files.isDirectory(file) ? dirMode : fileMode;
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      }
    }
  }

  /**
   * Two relays on one data directory would each append to the envelope log: the second refuses to
   * start, and the first keeps its messages.
   */
  @Test
  void aSecondRelayOnTheSameDataDirectory_startFails_withOneClearLine() throws Exception {
    Path data = root.resolve("data");
    try (Relay relay = RelayFixture.start(data);
        TestClient client = RelayFixture.connect(relay, data)) {
      RelayFixture.register(client, RelayFixture.identity("alice"));
      startFails(data, "another relay is using the data directory");
      assertThat(relay.port()).isPositive();
    }
    RelayFixture.start(data).close(); // and once the first has stopped, it starts
  }

  /**
   * A partial restore (the envelopes without {@code relay.db}, or {@code relay.db} emptied) is
   * refused: a new database would have cut the segments to nothing.
   */
  @Test
  void envelopesWithoutTheirDatabase_startFails_andTheSegmentsAreKept() throws Exception {
    Path data = root.resolve("data");
    RelayFixture.start(data).close();
    Path segment = data.resolve("envelopes").resolve("0000000000000000.seg");
    Files.write(segment, new byte[9_565]);
    Files.delete(data.resolve("relay.db"));

    startFails(data, "envelopes/ holds stored messages, but relay.db is missing");
    Files.write(data.resolve("relay.db"), new byte[0]);
    startFails(data, "envelopes/ holds stored messages, but relay.db is empty");

    assertThat(Files.size(segment)).isEqualTo(9_565);
  }

  /** A new keyset would open none of the stored rows: the relay refuses rather than make one. */
  @Test
  void databaseWithoutItsAtRestKeyset_startFails_withoutMakingANewKeyset() throws Exception {
    Path data = root.resolve("data");
    registerAliceOn(data);
    Files.delete(data.resolve("at-rest-keyset.json"));

    startFails(data, "at-rest-keyset.json is missing, but relay.db is there");

    assertThat(data.resolve("at-rest-keyset.json")).doesNotExist();
  }

  /**
   * Half of the certificate pair is refused (a new pair would change what every client pinned);
   * with both gone the relay makes a new pair, as on its first start.
   */
  @Test
  void halfOfTheCertificatePair_startFails_keepingTheOtherHalf() throws Exception {
    Path data = root.resolve("data");
    RelayFixture.start(data).close();
    byte[] certificate = Files.readAllBytes(data.resolve("tls.crt"));
    Files.delete(data.resolve("tls.key"));

    startFails(data, "tls.key is missing, but tls.crt is there");

    assertThat(Files.readAllBytes(data.resolve("tls.crt"))).isEqualTo(certificate);
    Files.delete(data.resolve("tls.crt"));
    RelayFixture.start(data).close();
    assertThat(Files.readAllBytes(data.resolve("tls.crt"))).isNotEqualTo(certificate);
  }

  /**
   * A folder others share that holds no relay's files ({@code --data-dir /tmp} or a home folder by
   * mistake) is refused, and keeps its mode, rather than made owner-only.
   */
  @Test
  void sharedFolderWithOtherFiles_startFails_andKeepsItsMode() throws Exception {
    Path shared = Files.createDirectory(root.resolve("shared"));
    Files.writeString(shared.resolve("notes.txt"), "someone else's");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    startFails(shared, "it holds other files and no relay's, and others may use it (rwxrwxrwx)");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
        .isEqualTo("rwxrwxrwx");
    try (Stream<Path> entries = Files.list(shared)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
    }
  }

  /** A mounted volume's lost+found, or hidden files, do not make a new data directory shared. */
  @Test
  void volumeWithLostAndFound_isTakenAndMadeOwnerOnly() throws Exception {
    Path volume = Files.createDirectory(root.resolve("volume"));
    Files.createDirectory(volume.resolve("lost+found"));
    Files.writeString(volume.resolve(".snapshot"), "");
    Files.setPosixFilePermissions(volume, PosixFilePermissions.fromString("rwxr-xr-x"));

    RelayFixture.start(volume).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(volume)))
        .isEqualTo("rwx------");
  }

  /** A first start cut short between writing the key and the certificate is no restore to make. */
  @Test
  void halfOfTheCertificatePair_beforeTheRelayEverRan_makesANewPair() throws Exception {
    Path data = Files.createDirectory(root.resolve("data"));
    Files.writeString(data.resolve("tls.key"), "a key written before the start was cut short");

    RelayFixture.start(data).close();

    assertThat(data.resolve("tls.crt")).exists();
  }

  /** A damaged certificate or key in the data directory is named, with exit 1 as for the rest. */
  @Test
  void damagedCertificateOrKey_startFails_namingTheFile() throws Exception {
    Path data = root.resolve("data");
    RelayFixture.start(data).close();
    Path key = data.resolve("tls.key");
    byte[] goodKey = Files.readAllBytes(key);
    Files.writeString(key, "junk\n");

    String said = startFails(data, "the relay's key " + key + " holds no PEM private key");
    assertThat(said).contains("restore the pair from a backup");

    Files.write(key, goodKey);
    Path certificate = data.resolve("tls.crt");
    Files.writeString(certificate, "junk\n");
    startFails(data, "the relay's certificate " + certificate + " holds no PEM certificate");
  }

  /** A relay.db that is not a database is named: SQLite's own text does not say which file. */
  @Test
  void databaseThatIsNotOne_startFails_namingTheFile() throws Exception {
    Path data = root.resolve("data");
    RelayFixture.start(data).close();
    for (String suffix : new String[] {"-wal", "-shm"}) {
      Files.deleteIfExists(data.resolve("relay.db" + suffix));
    }
    Files.writeString(data.resolve("relay.db"), "x".repeat(4096));

    startFails(data, data.resolve("relay.db") + " cannot be opened: ");
  }
}
