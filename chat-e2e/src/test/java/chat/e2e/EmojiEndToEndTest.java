package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.ChatMessage;
import chat.cli.client.internal.RelayChatClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emoji shortcodes are expanded by the sender's client before encryption, so the other member
 * receives, opens and verifies the emoji itself; text in backticks and {@code --raw} stay as typed.
 */
class EmojiEndToEndTest {
  @RegisterExtension final RelayExtension relay = new RelayExtension();
  @TempDir Path aliceHome;
  @TempDir Path bobHome;

  @Test
  void shortcodesSentByScripts_arriveAsEmojiAtTheOtherClient() {
    ScriptRunner alice = relay.scripts(aliceHome);
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient bob = Clients.live(relay.port(), bobHome)) {
      bob.addListener(bobEvents);
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      assertThat(alice.run("register", "--user", "alice").exitCode()).isZero();

      ScriptRunner.Result typed =
          alice.runWithStdin("ship it :rocket: `:rocket:`\n", "run", "--user", "alice", "-");
      assertThat(typed.exitCode()).as(typed.err()).isZero();
      ScriptRunner.Result sent =
          alice.run("send", "--user", "alice", "lobby", "thanks", ":pray:", ":nope:");
      assertThat(sent.exitCode()).as(sent.err()).isZero();
      ScriptRunner.Result raw = alice.run("send", "--user", "alice", "--raw", "lobby", ":tada:");
      assertThat(raw.exitCode()).as(raw.err()).isZero();

      await().atMost(Duration.ofSeconds(20)).until(() -> bobEvents.messages.size() >= 3);
      List<String> texts = bobEvents.messages.stream().map(ChatMessage::text).toList();
      assertThat(texts).containsExactly("ship it 🚀 `:rocket:`", "thanks 🙏 :nope:", ":tada:");
      assertThat(bobEvents.messages).allMatch(m -> m.sender().equals("alice"));
    }
  }
}
