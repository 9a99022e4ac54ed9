package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import chat.cli.client.FakeChatClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeleteCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  private Cli cli() {
    return Cli.withPassphrase().env("CHAT_PASSWORD", "a password").client(client);
  }

  private ChatMessage posted(String sender, long seq) {
    return new ChatMessage(
        "#ops", seq, String.format("%032x", seq), sender, seq, seq, "m" + seq, false);
  }

  @Test
  void delete_byIdOrNewest_saysWhatWent_asTextAndJson() {
    client.messages.put(
        "#ops", new ArrayList<>(List.of(posted("alice", 1), posted("bob", 2), posted("bob", 3))));

    Cli.Result byId = cli().run("--user", "alice", "delete", "ops", "%032x".formatted(1));
    Cli.Result newest =
        cli().run("--user", "alice", "delete", "#ops", "--last", "5", "--from", "bob", "--json");
    Cli.Result none = cli().run("--user", "alice", "delete", "#ops", "--last", "5");

    assertThat(byId.exitCode()).as(byId.toString()).isZero();
    assertThat(byId.out()).isEqualTo("you deleted your message in #ops\n");
    assertThat(newest.exitCode()).as(newest.toString()).isZero();
    assertThat(newest.out())
        .isEqualTo(
            "{\"type\":\"deleted\",\"conversation\":\"#ops\",\"actor\":\"alice\","
                + "\"sender\":\"bob\",\"ids\":[\""
                + "%032x".formatted(3)
                + "\",\""
                + "%032x".formatted(2)
                + "\"]}\n");
    assertThat(none.out()).isEqualTo("no messages from you among the last 1000 in #ops\n");
    assertThat(client.calls)
        .contains(
            "deleteMessages #ops " + "%032x".formatted(1),
            "deleteNewest #ops bob 5",
            "deleteNewest #ops alice 5");
  }

  @Test
  void delete_idsAndLast_orNeither_orFromAlone_isAUsageError() {
    for (String[] args :
        List.of(
            new String[] {"--user", "alice", "delete", "#ops"},
            new String[] {"--user", "alice", "delete", "#ops", "ab".repeat(16), "--last", "2"},
            new String[] {"--user", "alice", "delete", "#ops", "ab".repeat(16), "--from", "bob"})) {
      Cli.Result result = cli().run(args);
      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.err()).startsWith("chat: ");
    }
    assertThat(client.calls).noneMatch(call -> call.startsWith("delete"));
  }

  @Test
  void delete_refusedByTheRelay_exitsOne_withItsWords() {
    client.deleteRefusal =
        new CommandException.Usage("only the owner or an admin of #ops can delete bob's messages");

    Cli.Result result =
        cli().run("--user", "alice", "delete", "#ops", "--last", "1", "--from", "bob");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("chat: only the owner or an admin of #ops can delete bob's messages\n");
  }

  /** A number option that is no number says so in words, not picocli's "is not an int". */
  @Test
  void numberOptions_notAWholeNumber_saySo_withExitCode1() {
    Cli.Result letters = cli().run("--user", "alice", "delete", "ops", "--last", "x");
    Cli.Result huge = cli().run("--user", "alice", "listen", "--count", "99999999999");

    assertThat(letters.exitCode()).isEqualTo(1);
    assertThat(letters.err())
        .startsWith("chat: invalid value for option '--last': 'x' is not a whole number");
    assertThat(huge.exitCode()).isEqualTo(1);
    assertThat(huge.err())
        .startsWith("chat: invalid value for option '--count': '99999999999' is out of range");
  }
}
