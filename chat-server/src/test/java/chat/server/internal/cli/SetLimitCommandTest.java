package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.RelayCli;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.Migrations;
import chat.server.internal.storage.UserLimitRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat-server users set-limit}: one user's own limit on the rooms they may create, shown by
 * {@code users}, removed with {@code default}, refused for bad input or a user who does not exist,
 * and written beside a relay that holds the database.
 */
class SetLimitCommandTest {
  @TempDir Path dir;
  private RelayCli cli = new RelayCli();

  private int run(String... args) {
    cli = new RelayCli();
    return cli.run(java.util.Map.of(), args);
  }

  private List<String> lines() {
    return cli.out.toString().lines().toList();
  }

  /** {@code users set-limit USER --max-rooms VALUE} on {@link #dir} with a relay limit of 2. */
  private int setLimit(String user, String value) {
    return run(
        "users",
        "set-limit",
        user,
        "--max-rooms",
        value,
        "--data-dir",
        dir.toString(),
        "--max-rooms-per-user",
        "2");
  }

  @Test
  void setLimit_aboveTheRelays_printsTheUser_andUsersNoLongerListsThemAtTheLimit()
      throws Exception {
    UsersCommandTest.fourUsers(dir);

    assertThat(setLimit("@ALICE", "5")).as(cli.err.toString()).isZero();
    assertThat(lines()).containsExactly("alice conversations=4/32760 rooms-created=2/5 own-limit");
    assertThat(cli.err.toString()).isEmpty();

    assertThat(run("users", "--data-dir", dir.toString(), "--max-rooms-per-user", "2")).isZero();
    assertThat(lines())
        .startsWith(
            "alice conversations=4/32760 rooms-created=2/5 own-limit",
            "Bob conversations=3/32760 rooms-created=0/2");
    assertThat(
            run("users", "--at-limit", "--data-dir", dir.toString(), "--max-rooms-per-user", "2"))
        .isZero();
    assertThat(cli.err.toString()).isEqualTo("chat-server users: no user is at a limit\n");
  }

  @Test
  void setLimit_belowWhatTheyCreated_overTheLimit_andDefaultRemovesIt() throws Exception {
    UsersCommandTest.fourUsers(dir);

    assertThat(setLimit("alice", "1")).isZero();
    assertThat(lines())
        .containsExactly("alice conversations=4/32760 rooms-created=2/1 own-limit over-limit");

    assertThat(setLimit("alice", "Default")).isZero(); // a word, in any case
    assertThat(lines()).containsExactly("alice conversations=4/32760 rooms-created=2/2 at-limit");
    assertThat(run("users", "show", "alice", "--json", "--data-dir", dir.toString())).isZero();
    assertThat(lines())
        .containsExactly(
            "{\"user\":\"alice\",\"conversations\":4,\"maxConversations\":32760,"
                + "\"roomsCreated\":2,\"maxRoomsPerUser\":100,\"ownRoomLimit\":false,\"suspended\":false}");
  }

  @Test
  void json_saysTheLimitIsTheUsersOwn() throws Exception {
    UsersCommandTest.fourUsers(dir);

    assertThat(run("users", "set-limit", "bob", "--max-rooms=7", "--json", "--data-dir=" + dir))
        .isZero();

    assertThat(lines())
        .containsExactly(
            "{\"user\":\"Bob\",\"conversations\":3,\"maxConversations\":32760,"
                + "\"roomsCreated\":0,\"maxRoomsPerUser\":7,\"ownRoomLimit\":true,\"suspended\":false}");
  }

  @Test
  void noSuchUser_exits1_andChangesNothing() throws Exception {
    UsersCommandTest.fourUsers(dir);

    assertThat(setLimit("erin", "5")).isEqualTo(1);

    assertThat(cli.err.toString())
        .isEqualTo(
            "chat-server users set-limit: no user erin in "
                + dir.resolve(Database.FILE_NAME)
                + "\n");
    assertThat(cli.out.toString()).isEmpty();
    assertThat(ownLimits()).isEmpty();
  }

  @Test
  void badValueOrName_exits2_beforeAnythingIsRead() throws Exception {
    UsersCommandTest.fourUsers(dir);

    for (String value : List.of("0", "100001", "lots", "-1")) {
      assertThat(setLimit("alice", value)).as(value).isEqualTo(2);
      assertThat(cli.err.toString())
          .startsWith(
              "chat-server: --max-rooms must be 1 to 100000 or default (got '" + value + "')")
          .doesNotContain("Exception");
    }
    assertThat(setLimit("a\u001b[2Jb", "5")).isEqualTo(2);
    assertThat(cli.err.toString()).startsWith("chat-server: not a username: 'a?[2Jb'");
    assertThat(run("users", "set-limit", "alice", "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(cli.err.toString()).contains("missing required option").doesNotContain("Exception");
    assertThat(ownLimits()).isEmpty();
  }

  /**
   * A {@code relay.db} an older relay left is refused and left as it is: only the relay migrates.
   */
  @Test
  void olderSchema_exits1_andLeavesTheFileAsItIs() throws Exception {
    UsersCommandTest.olderSchema(dir);
    Path file = dir.resolve(Database.FILE_NAME);
    byte[] before = Files.readAllBytes(file);

    assertThat(setLimit("alice", "5")).isEqualTo(1);

    assertThat(cli.err.toString())
        .startsWith(
            "chat-server users set-limit: "
                + file
                + " has schema version "
                + (Migrations.latestVersion() - 1));
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  /**
   * A write the database refuses (here the write lock, held by another connection past the 10
   * seconds set-limit waits for it) is reported as a write failure, exit 1, and nothing changes.
   */
  @Test
  void setLimit_writeLockHeldElsewhere_cannotWrite_exits1_andChangesNothing() throws Exception {
    UsersCommandTest.fourUsers(dir);

    try (Connection holder = Database.openForChange(dir);
        Statement statement = holder.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      assertThat(setLimit("alice", "5")).isEqualTo(1);
      statement.execute("ROLLBACK");
    }

    assertThat(cli.err.toString())
        .startsWith("chat-server users set-limit: cannot write the database: ")
        .contains("locked")
        .doesNotContain("cannot read")
        .doesNotContain("Exception")
        .hasLineCount(1);
    assertThat(cli.out.toString()).isEmpty();
    assertThat(ownLimits()).isEmpty();
  }

  /** The change is one short transaction, so it goes in beside a relay that holds the database. */
  @Test
  void setLimit_whileTheRelayHoldsTheDatabase_theRelaySeesIt() throws Exception {
    UsersCommandTest.fourUsers(dir);

    try (Database relay = Database.open(dir)) {
      assertThat(setLimit("alice", "5")).as(cli.err.toString()).isZero();

      OptionalInt seen = relay.read(c -> new UserLimitRepository().maxRooms(c, "alice"));
      assertThat(seen).hasValue(5);
    }
  }

  /** Each change is an ADMIN event under the user's registered name, saying what it was before. */
  @Test
  void setLimit_eachChange_isAuditedWithTheLimitBefore_andNoChangeIsNot() throws Exception {
    UsersCommandTest.fourUsers(dir);
    String by = " by OS user " + System.getProperty("user.name");

    assertThat(setLimit("bob", "5")).as(cli.err.toString()).isZero();
    assertThat(setLimit("bob", "5")).isZero();
    assertThat(setLimit("bob", "7")).isZero();
    assertThat(setLimit("bob", "default")).isZero();
    assertThat(setLimit("bob", "default")).isZero();

    assertThat(adminEvents())
        .containsExactly(
            "Bob room limit set to 5 (was --max-rooms-per-user)" + by,
            "Bob room limit set to 7 (was 5)" + by,
            "Bob room limit set to --max-rooms-per-user (was 7)" + by);
  }

  /** The ADMIN events of the audit log, oldest first, each as "user detail". */
  private List<String> adminEvents() throws Exception {
    try (Connection c = Database.openReadOnly(dir)) {
      return new AuditRepository()
              .find(
                  c,
                  new AuditQuery(
                      java.util.Optional.empty(), 0, java.util.Optional.of(AuditType.ADMIN), 100))
              .stream()
              .map(event -> event.username() + " " + event.detail())
              .toList();
    }
  }

  /** Every user's own room limit, by key, read as the relay reads it. */
  private java.util.Map<String, Integer> ownLimits() throws Exception {
    try (Database relay = Database.open(dir)) {
      return relay.read(c -> new UserLimitRepository().maxRoomsOfEach(c));
    }
  }
}
