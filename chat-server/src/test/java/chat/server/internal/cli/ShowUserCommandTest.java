package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.RelayCli;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat-server users show}: named users' counts, in the order named, and bad names. */
class ShowUserCommandTest {
  @TempDir Path dir;
  private Path data;
  private RelayCli cli = new RelayCli();

  @BeforeEach
  void fourUsers() throws Exception {
    data = UsersCommandTest.fourUsers(dir);
  }

  private int run(String... args) {
    cli = new RelayCli();
    return cli.run(Map.of(), args);
  }

  @Test
  void show_namedUsers_inTheOrderNamed_anyCaseWithOrWithoutAt() {
    assertThat(run("users", "show", "BOB", "@alice", "dave", "bob", "--data-dir", data.toString()))
        .as(cli.err.toString())
        .isZero();

    assertThat(cli.out.toString())
        .isEqualTo(
            "Bob conversations=3/32760 rooms-created=0/100\n"
                + "alice conversations=4/32760 rooms-created=2/100\n"
                + "dave conversations=0/32760 rooms-created=0/100\n");
  }

  /** What {@code users} prints for a user, {@code users show} prints the same. */
  @Test
  void show_agreesWithTheList() {
    assertThat(run("users", "--data-dir", data.toString(), "--max-rooms-per-user=2")).isZero();
    String listed = cli.out.toString();

    assertThat(
            run("users", "show", "alice", "--data-dir", data.toString(), "--max-rooms-per-user=2"))
        .isZero();

    assertThat(listed).startsWith(cli.out.toString());
  }

  @Test
  void show_optionsOfUsersBeforeShow_apply() {
    assertThat(
            run(
                "--max-frame-bytes=65536",
                "users",
                "--json",
                "--data-dir",
                data.toString(),
                "show",
                "carol"))
        .as(cli.err.toString())
        .isZero();

    assertThat(cli.out.toString())
        .isEqualTo(
            "{\"user\":\"carol\",\"conversations\":1,\"maxConversations\":504,"
                + "\"roomsCreated\":0,\"maxRoomsPerUser\":100,\"ownRoomLimit\":false,\"suspended\":false}\n");
  }

  @Test
  void show_unknownUser_isNamed_theOthersArePrinted_exit1() {
    assertThat(run("users", "show", "ghost", "carol", "--data-dir", data.toString())).isEqualTo(1);

    assertThat(cli.out.toString()).isEqualTo("carol conversations=1/32760 rooms-created=0/100\n");
    assertThat(cli.err.toString())
        .isEqualTo("chat-server users show: no user ghost in " + data.resolve("relay.db") + "\n");
  }

  @Test
  void show_notAUsername_exits2_beforeReading_withoutEchoingControlCharacters() {
    assertThat(run("users", "show", "alice", "\u001b[2Jx", "--data-dir", data.toString()))
        .isEqualTo(2);

    assertThat(cli.out.toString()).isEmpty();
    assertThat(cli.err.toString())
        .isEqualTo(
            "chat-server: not a username: '?[2Jx' (3 to 32 of A-Z a-z 0-9 _ . -, starting with a"
                + " letter)\n"
                + "'chat-server users show --help' lists the options\n");
  }

  @Test
  void show_withoutAName_exits2() {
    assertThat(run("users", "show", "--data-dir", data.toString())).isEqualTo(2);

    assertThat(cli.err.toString()).contains("missing required parameter").doesNotContain("at ");
  }

  @Test
  void show_atLimitBeforeShow_isRefused() {
    assertThat(run("users", "--at-limit", "show", "alice", "--data-dir", data.toString()))
        .isEqualTo(2);

    assertThat(cli.err.toString())
        .startsWith("chat-server: --at-limit does not apply to 'chat-server users show'");
  }
}
