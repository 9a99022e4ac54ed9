package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.internal.RelayChatClient;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live client whose relay stops answering while the connection stays open, as a relay that froze
 * or a link that died without a word (a laptop that slept, a network that changed) looks from the
 * client: nothing fails on the socket, replies just stop. The keep-alive ping goes unanswered, the
 * client drops the connection as lost and says why, reconnects, and what was sent meanwhile
 * arrives.
 */
class DeadLinkEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path homes;

  @Test
  void relayStopsAnswering_theUnansweredPingDropsTheConnection_andTheClientCatchesUp()
      throws Exception {
    try (Relay relay = RelayFixture.start(dataDir);
        CuttingProxy proxy = new CuttingProxy(relay.port());
        RelayChatClient alice =
            Clients.live(
                proxy.port(),
                homes.resolve("alice"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1));
        RelayChatClient bob = Clients.oneShot(relay.port(), homes.resolve("bob"))) {
      RecordingListener events = new RecordingListener();
      alice.addListener(events);
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      alice.join("#team");
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      bob.join("#team");
      int connections = proxy.accepted();

      // The next bytes to alice (a keep-alive's answer) pass, then nothing more on this link.
      proxy.stallAfter(CuttingProxy.Direction.DOWN, 1);
      await().atMost(Duration.ofSeconds(10)).until(proxy::stalled);
      bob.send("#team", "sent while alice's link was dead");

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(proxy.accepted()).as("connections").isGreaterThan(connections);
                assertThat(events.connectionDetails)
                    .contains(
                        "RECONNECTING the relay did not answer a ping within 5 s; reconnecting");
                assertThat(alice.connectionState()).isEqualTo(ConnectionState.ONLINE);
                assertThat(events.messages)
                    .extracting(ChatMessage::text)
                    .contains("sent while alice's link was dead");
              });
    }
  }
}
