package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import org.junit.jupiter.api.Test;

class KeysReplaceCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  private Cli cli() {
    return Cli.withPassphrase().env("CHAT_PASSWORD", "a password").client(client);
  }

  @Test
  void replace_savesTheProfilesStateFirst_thenReplaces() {
    Cli.Result result = cli().run("keys", "replace", "--user", "alice");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .startsWith("replaced the keys of alice; new fingerprint: ")
        .contains("contacts see your key as changed until they accept it (chat keys trust alice)")
        .doesNotContain("/trust");
    assertThat(client.calls).containsSubsequence("saveState alice", "replaceKeys alice");
  }

  @Test
  void replace_profileCannotBeWritten_exits7_andTheRelayIsNeverTold() {
    client.failSave = SendCommandTest.full();

    Cli.Result result = cli().run("keys", "replace", "--user", "alice");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err())
        .isEqualTo(
            "chat: cannot write /home/a/.chat/alice/state.json: no space left on device (nothing"
                + " was sent: free some space there or make it writable)\n");
    assertThat(client.calls).noneMatch(call -> call.startsWith("replaceKeys"));
  }

  @Test
  void replace_stateCannotBeWrittenOnceDone_exits0_andWarns() {
    client.failClose = SendCommandTest.full();

    Cli.Result result = cli().run("keys", "replace", "--user", "alice");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err())
        .startsWith("chat: warning: the keys were replaced, but cannot write /home/a/.chat/");
  }
}
