package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import chat.cli.client.Friendship;
import chat.cli.client.Presence;
import org.junit.jupiter.api.Test;

class FriendCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  private Cli cli() {
    return Cli.withPassphrase().env("CHAT_PASSWORD", "a password").client(client);
  }

  @Test
  void add_user_sendsARequest() {
    Cli.Result result = cli().run("--user", "alice", "friend", "add", "bob");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("sent a friend request to bob\n");
    assertThat(client.calls).contains("friend ADD bob");
  }

  @Test
  void accept_json_printsTheNewState() {
    client.friendships().put("bob", Friendship.REQUEST_RECEIVED);

    Cli.Result result = cli().run("--user", "alice", "--json", "friend", "accept", "bob");

    assertThat(result.out())
        .isEqualTo("{\"type\":\"friend\",\"user\":\"bob\",\"friendship\":\"FRIENDS\"}\n");
  }

  @Test
  void remove_aRequestYouSent_saysItWasWithdrawn_andAFriendshipThatItEnded() {
    client.friendships().put("bob", Friendship.REQUEST_SENT);
    client.friendships().put("carol", Friendship.FRIENDS);

    Cli.Result withdrawn = cli().run("--user", "alice", "friend", "remove", "bob");
    Cli.Result ended = cli().run("--user", "alice", "friend", "remove", "carol");

    assertThat(withdrawn.out()).isEqualTo("withdrew your friend request to bob\n");
    assertThat(ended.out()).isEqualTo("carol is not your friend any more\n");
  }

  @Test
  void unknownAction_exits1WithoutCallingTheRelay() {
    Cli.Result result = cli().run("--user", "alice", "friend", "poke", "bob");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("ACTION must be add, accept, decline or remove");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void friends_listsPresenceAndRequests_asTextAndJson() {
    client.friendships().put("bob", Friendship.FRIENDS);
    client.friendships().put("carol", Friendship.REQUEST_RECEIVED);
    client.firePresence("bob", Presence.away("lunch"));

    Cli.Result text = cli().run("--user", "alice", "friends");
    Cli.Result json = cli().run("--user", "alice", "friends", "--json");

    assertThat(text.out())
        .isEqualTo(
            String.format(
                "%-32s %s%n%-32s %s%n", "bob", "away: lunch", "carol", "request received"));
    assertThat(json.out())
        .startsWith(
            "{\"type\":\"friend\",\"user\":\"bob\",\"friendship\":\"FRIENDS\",\"status\":\"AWAY\","
                + "\"message\":\"lunch\"}\n");
  }

  @Test
  void friends_none_stdoutStaysEmpty_stderrSaysHowToAdd_jsonPrintsNothing() {
    Cli.Result text = cli().run("--user", "alice", "friends");
    Cli.Result json = cli().run("--user", "alice", "friends", "--json");

    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).isEmpty();
    assertThat(text.err()).isEqualTo("chat: no friends or requests: chat friend add USER\n");
    assertThat(json.exitCode()).isZero();
    assertThat(json.out()).isEmpty();
    assertThat(json.err()).isEmpty();
  }

  @Test
  void add_stateCannotBeWrittenOnceSent_exits0_saysSo_andWarns() {
    client.failClose = SendCommandTest.full();

    Cli.Result result = cli().run("--user", "alice", "friend", "add", "bob");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("sent a friend request to bob\n");
    assertThat(result.err()).startsWith("chat: warning: the relay made the change, but cannot");
  }

  @Test
  void add_profileCannotBeWritten_exits7_nothingSent() {
    client.failSave = SendCommandTest.full();

    Cli.Result result = cli().run("--user", "alice", "friend", "add", "bob");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO.code());
    assertThat(client.calls).noneMatch(call -> call.startsWith("friend "));
  }
}
