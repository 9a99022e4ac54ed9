package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.RelayCli;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat-server users}: every user's counts against the limits, {@code --at-limit}, {@code
 * --json}, where the limits come from, and what it refuses, changing nothing.
 */
class UsersCommandTest {
  @TempDir Path dir;
  private RelayCli cli = new RelayCli();

  /**
   * alice is in #lobby, #a, #b and a direct conversation and created #a and #b; bob is in #lobby,
   * #a and the direct one; carol in #lobby (her #gone, which everyone left, counts for nobody);
   * dave in nothing.
   */
  static Path fourUsers(Path dataDir) throws Exception {
    try (UserRows rows = UserRows.in(Files.createDirectories(dataDir))) {
      rows.user("alice").user("Bob").user("carol").user("dave");
      rows.room("#lobby", null, "alice", "bob", "carol");
      rows.room("#a", "alice", "alice", "bob").room("#b", "alice", "alice");
      rows.room("#gone", "carol").room("@alice+bob", null, "alice", "bob");
    }
    return dataDir;
  }

  private int run(Map<String, String> env, String... args) {
    cli = new RelayCli();
    return cli.run(env, args);
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  private List<String> lines() {
    return cli.out.toString().lines().toList();
  }

  @Test
  void users_everyUser_busiestFirst_eachCountAgainstItsLimit() throws Exception {
    Path data = fourUsers(dir);

    assertThat(run("users", "--data-dir", data.toString(), "--max-rooms-per-user", "2"))
        .as(cli.err.toString())
        .isZero();

    assertThat(lines())
        .containsExactly(
            "alice conversations=4/32760 rooms-created=2/2 at-limit",
            "Bob conversations=3/32760 rooms-created=0/2",
            "carol conversations=1/32760 rooms-created=0/2",
            "dave conversations=0/32760 rooms-created=0/2");
    assertThat(cli.err.toString()).isEmpty();
  }

  /** A private conversation its party closed no longer counts for them, as at the relay. */
  @Test
  void users_aClosedPrivateConversation_countsOnlyForTheOtherParty() throws Exception {
    Path data = fourUsers(dir);
    try (UserRows rows = UserRows.in(data)) {
      rows.close("@alice+bob", "alice");
    }

    assertThat(run("users", "--data-dir", data.toString())).as(cli.err.toString()).isZero();

    assertThat(lines())
        .startsWith(
            "alice conversations=3/32760 rooms-created=2/100",
            "Bob conversations=3/32760 rooms-created=0/100");
  }

  /** The operator's question after lowering --max-frame-bytes: who is at or over the new limit. */
  @Test
  void atLimit_afterALowerFrameSize_listsOnlyTheUsersAtOrOverIt() throws Exception {
    try (UserRows rows = UserRows.in(dir)) {
      rows.user("erin").user("frank").user("gina");
      rows.room("#lobby", null, "frank", "gina");
      rows.rooms("erin", "erin", 505).rooms("frank", "frank", 503).rooms("gina", "gina", 3);
    }

    assertThat(
            run("users", "--at-limit", "--data-dir", dir.toString(), "--max-rooms-per-user=1000"))
        .isZero();
    assertThat(cli.out.toString()).isEmpty();
    assertThat(cli.err.toString()).isEqualTo("chat-server users: no user is at a limit\n");

    assertThat(
            run(
                "users",
                "--at-limit",
                "--data-dir",
                dir.toString(),
                "--max-rooms-per-user=1000",
                "--max-frame-bytes=65536"))
        .isZero();
    assertThat(lines())
        .containsExactly(
            "erin conversations=505/504 over-limit rooms-created=505/1000",
            "frank conversations=504/504 at-limit rooms-created=503/1000");
  }

  @Test
  void atLimit_roomsCreated_atOrOverMaxRoomsPerUser() throws Exception {
    Path data = fourUsers(dir);

    assertThat(run("users", "--at-limit", "--data-dir", data.toString(), "--max-rooms-per-user=1"))
        .isZero();

    assertThat(lines()).containsExactly("alice conversations=4/32760 rooms-created=2/1 over-limit");
  }

  @Test
  void json_oneObjectPerUser_withTheLimits() throws Exception {
    Path data = fourUsers(dir);

    assertThat(run("users", "--json", "--data-dir", data.toString())).isZero();

    assertThat(lines())
        .hasSize(4)
        .first()
        .isEqualTo(
            "{\"user\":\"alice\",\"conversations\":4,\"maxConversations\":32760,"
                + "\"roomsCreated\":2,\"maxRoomsPerUser\":100,\"ownRoomLimit\":false,\"suspended\":false}");
  }

  @Test
  void limits_comeFromTheEnvironmentTheConfigFileAndFlagsBeforeTheName() throws Exception {
    Path data = fourUsers(dir.resolve("data"));
    Path config =
        Files.writeString(
            dir.resolve("relay.conf"), "data-dir = " + data + "\nmax-rooms-per-user = 2\n");

    assertThat(
            run(
                Map.of("CHAT_SERVER_MAX_FRAME_BYTES", "65536"),
                "users",
                "--config",
                config.toString()))
        .as(cli.err.toString())
        .isZero();
    assertThat(lines()).first().isEqualTo("alice conversations=4/504 rooms-created=2/2 at-limit");

    assertThat(
            run(
                "--max-frame-bytes",
                "131072",
                "--max-rooms-per-user",
                "3",
                "--data-dir",
                data.toString(),
                "users"))
        .as(cli.err.toString())
        .isZero();
    assertThat(lines()).first().isEqualTo("alice conversations=4/1016 rooms-created=2/3");
  }

  @Test
  void limitOutOfRange_exits2_namingWhereItCameFrom() throws Exception {
    Path data = fourUsers(dir);

    assertThat(run("users", "--data-dir", data.toString(), "--max-frame-bytes", "1000"))
        .isEqualTo(2);
    assertThat(cli.err.toString())
        .isEqualTo("chat-server: max frame bytes must be 64 KiB to 64 MiB\n");

    assertThat(run(Map.of("CHAT_SERVER_MAX_ROOMS_PER_USER", "0"), "users", "--data-dir", data + ""))
        .isEqualTo(2);
    assertThat(cli.err.toString())
        .isEqualTo(
            "chat-server: max rooms per user must be 1 to 100000"
                + " (from env CHAT_SERVER_MAX_ROOMS_PER_USER)\n");

    assertThat(
            run(
                Map.of("CHAT_SERVER_MAX_FRAME_BYTES", "65536"),
                "--max-frame-bytes",
                "1000",
                "users",
                "--data-dir",
                data.toString()))
        .as("typed before the name, it does not come from the environment")
        .isEqualTo(2);
    assertThat(cli.err.toString())
        .isEqualTo("chat-server: max frame bytes must be 64 KiB to 64 MiB\n");

    assertThat(run("users", "--data-dir", data.toString(), "--max-frame-bytes", "big"))
        .isEqualTo(2);
    assertThat(cli.err.toString())
        .startsWith(
            "chat-server: invalid value for option '--max-frame-bytes': 'big' is not a whole"
                + " number of bytes")
        .doesNotContain("Exception");
    assertThat(cli.out.toString()).isEmpty();
  }

  @Test
  void noRelayDb_exits1_andCreatesNothing() throws Exception {
    assertThat(run("users", "--data-dir", dir.toString())).isEqualTo(1);

    assertThat(cli.err.toString()).isEqualTo("chat-server users: no relay.db in " + dir + "\n");
    assertThat(dir).isEmptyDirectory();
  }

  /**
   * A {@code relay.db} of another schema version is refused and left as it is: an older one is not
   * migrated (only the relay does that), a newer one is not read.
   */
  @Test
  void otherSchemaVersion_exits1_andLeavesTheFileAsItIs() throws Exception {
    int latest = Migrations.latestVersion();
    olderSchema(dir);
    Path file = dir.resolve(Database.FILE_NAME);
    byte[] before = Files.readAllBytes(file);
    List<String> files = files();

    assertThat(usersRefused())
        .isEqualTo(
            refusal(
                file,
                latest - 1,
                ", older than this build's "
                    + latest
                    + "; start this version of the relay once to upgrade it"));
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(files())
        .as("only the files SQLite keeps beside a database in WAL mode, and nothing in the log")
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(files.stream(), Stream.of("relay.db-shm", "relay.db-wal")).toList());
    assertThat(dir.resolve("relay.db-wal")).isEmptyFile();

    // Not through UserRows.in, which would run the last step again on a schema that has it.
    try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        var statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO schema_version (version) VALUES (" + latest + "), (" + (latest + 1) + ")");
    }
    assertThat(usersRefused())
        .isEqualTo(
            refusal(
                file,
                latest + 1,
                ", newer than this build; use the chat-server of the version that wrote it"));
  }

  /** A {@code relay.db} with alice, whose schema version is one step older than this build's. */
  static void olderSchema(Path dataDir) throws Exception {
    try (UserRows rows = UserRows.in(dataDir)) {
      rows.user("alice")
          .execute("DELETE FROM schema_version WHERE version = " + Migrations.latestVersion());
    }
  }

  /** Runs {@code users} on {@link #dir}, expecting exit 1; what it said on stderr. */
  private String usersRefused() {
    assertThat(run("users", "--data-dir", dir.toString())).isEqualTo(1);
    return cli.err.toString();
  }

  private static String refusal(Path file, int version, String why) {
    return "chat-server users: " + file + " has schema version " + version + why + "\n";
  }

  private List<String> files() throws Exception {
    try (Stream<Path> listed = Files.list(dir)) {
      return listed.map(path -> path.getFileName().toString()).toList();
    }
  }

  /** Only reading, it works beside a relay that holds the database open. */
  @Test
  void users_whileTheRelayHoldsTheDatabase_readsIt() throws Exception {
    Path data = fourUsers(dir);

    try (Database relay = Database.open(data)) {
      assertThat(relay.envelopes().owned()).as("the stand-in relay holds the directory").isTrue();

      assertThat(run("users", "--data-dir", data.toString())).as(cli.err.toString()).isZero();

      assertThat(lines()).hasSize(4).first().asString().startsWith("alice conversations=4/");
    }
  }

  @Test
  void dataDirThatIsNotOne_exits1_namingWhatIsInTheWay() throws Exception {
    Path missing = dir.resolve("missing");

    assertThat(run("users", "--data-dir", missing.toString())).isEqualTo(1);

    assertThat(cli.err.toString())
        .isEqualTo(
            "chat-server users: cannot use the data directory "
                + missing
                + ": "
                + missing
                + " does not exist\n");
    assertThat(missing).doesNotExist();
  }
}
