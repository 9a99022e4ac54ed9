package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.client.ConnectionState;
import chat.cli.client.internal.RelayChatClient;
import chat.cli.command.CommandWords;
import chat.server.RelayCli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account the relay's operator suspends ({@code chat-server users suspend}) while its client is
 * live, and then tries from a script: the live client is told why and stops without reconnecting or
 * advising to log in again; commands are refused with the operator's reason, exit 2; once the
 * suspension is lifted the password logs in again.
 */
class SuspensionEndToEndTest {
  private static final String SAID =
      "the relay says: this account is suspended by the relay's operator: flooding #lobby";

  @RegisterExtension final RelayExtension relay = new RelayExtension();
  @TempDir Path home;
  @TempDir Path scriptHome;

  private void operator(String... args) {
    RelayCli cli = new RelayCli();
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--data-dir";
    all[args.length + 1] = relay.dataDir().toString();
    assertThat(cli.run(Map.of(), all)).as(cli.err.toString()).isZero();
  }

  @Test
  void liveClient_isClosedWithTheReason_stopsReconnecting_andForgetsItsSession() {
    RecordingListener events = new RecordingListener();
    try (RelayChatClient alice = Clients.live(relay.port(), home)) {
      alice.addListener(events);
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());

      operator("users", "suspend", "alice", "--reason", "flooding #lobby");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> alice.connectionState() == ConnectionState.OFFLINE);
      assertThat(events.connectionDetails)
          .contains("OFFLINE " + SAID)
          .noneMatch(detail -> detail.startsWith("RECONNECTING"));
      assertThat(events.stopped).hasSize(1);
      CommandException.SessionEnded ended = (CommandException.SessionEnded) events.stopped.get(0);
      assertThat(ended.suspended()).isTrue();
      assertThat(CommandWords.SLASH.sessionEnded(ended)).isEqualTo(SAID);
      assertThat(alice.hasStoredSession("alice")).isFalse();
      assertThatThrownBy(() -> alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone()))
          .isInstanceOf(CommandException.AccountSuspended.class)
          .hasMessage(SAID);

      operator("users", "unsuspend", "alice");
      alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
      assertThat(alice.connectionState()).isEqualTo(ConnectionState.ONLINE);
    }
  }

  @Test
  void scripts_areRefusedWithTheReason_exit2_untilTheSuspensionIsLifted() {
    ScriptRunner chat = relay.scripts(scriptHome);
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();

    operator("users", "suspend", "alice", "--reason", "flooding #lobby");

    for (int i = 0; i < 2; i++) { // with the stored session, then without it
      ScriptRunner.Result send = chat.run("send", "--user", "alice", "lobby", "hello");
      assertThat(send.exitCode()).as(send.err()).isEqualTo(2);
      assertThat(send.err()).isEqualTo("chat: " + SAID + "\n");
    }

    operator("users", "unsuspend", "alice");
    ScriptRunner.Result send = chat.run("send", "--user", "alice", "lobby", "hello");
    assertThat(send.exitCode()).as(send.err()).isZero();
  }
}
