package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.ExitCode;
import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.internal.RelayChatClient;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.Frame;
import chat.protocol.Reply;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay that answers, but slower than the client waits: the request fails with the timeout in its
 * message and a network failure's exit code, the connection stays up, the late answer is ignored,
 * and once the relay is quick again the next request is answered as usual (matched by its own id,
 * not by the late one).
 */
class SlowRelayEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path homes;

  /** Holds each reply to the client 3 s while on: everything behind it waits too. */
  private static final class SlowReplies implements Tamper {
    private volatile boolean on;

    @Override
    public List<Frame> toClient(Link link, Frame frame) {
      if (on && frame instanceof Reply) {
        try {
          Thread.sleep(3_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return List.of(frame);
    }
  }

  @Test
  void relayAnswersLaterThanTheTimeout_theRequestFailsSayingSo_andTheNextOneIsAnswered()
      throws Exception {
    SlowReplies slow = new SlowReplies();
    try (Relay relay = RelayFixture.start(dataDir);
        HostileRelay proxy = new HostileRelay(relay.port(), dataDir.resolve("tls.crt"));
        RelayChatClient alice =
            Clients.live(
                proxy.port(),
                homes.resolve("alice"),
                Duration.ofSeconds(2),
                Duration.ofHours(1))) { // no keep-alive ping in the way of the requests
      RecordingListener events = new RecordingListener();
      alice.addListener(events);
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      alice.join("#team");
      alice.send("#team", "before");
      proxy.tamper(slow);
      slow.on = true;

      assertThatThrownBy(() -> alice.send("#team", "while the relay is slow"))
          .isInstanceOf(CommandException.Network.class)
          .hasMessage(
              "the relay did not answer within 2 s; the message may still have been delivered:"
                  + " look at the conversation's history before sending it again")
          .satisfies(
              e -> assertThat(((CommandException) e).exitCode()).isEqualTo(ExitCode.NETWORK));
      slow.on = false;
      Thread.sleep(3_500); // the late answer reaches the client, which has given up on it

      ChatMessage after = alice.send("#team", "after");
      assertThat(after.text()).isEqualTo("after");
      assertThat(alice.connectionState()).isEqualTo(ConnectionState.ONLINE);
      assertThat(events.states).doesNotContain(ConnectionState.RECONNECTING);
      assertThat(alice.history("#team", 10))
          .extracting(ChatMessage::text)
          .containsSubsequence("before", "after");
    }
  }
}
