package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.ClientListener;
import chat.cli.client.ConnectionState;
import chat.cli.client.internal.RelayChatClient;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live client closed just as its connection to the relay is lost (a person quits while the relay
 * goes away): closing prints no stack trace on any of the client's threads and no reconnect
 * follows.
 */
class ClientClosingEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path homes;

  private final List<String> uncaught = new CopyOnWriteArrayList<>();
  private Thread.UncaughtExceptionHandler previous;

  @BeforeEach
  void catchUncaught() {
    previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> uncaught.add(thread.getName() + ": " + e));
  }

  @AfterEach
  void restoreUncaught() {
    Thread.setDefaultUncaughtExceptionHandler(previous);
  }

  @Test
  void close_whileTheClientTakesInALostConnection_failsNothingAndNeverReconnects()
      throws Exception {
    try (Relay relay = RelayFixture.start(dataDir);
        CuttingProxy proxy = new CuttingProxy(relay.port())) {
      RelayChatClient client = Clients.live(proxy.port(), homes);
      CountDownLatch closed = new CountDownLatch(1);
      client.addListener(
          new ClientListener() {
            @Override
            public void onConnection(ConnectionState state, String detail) {
              if (state == ConnectionState.RECONNECTING && closed.getCount() > 0) {
                // The event thread has taken in the loss and is about to retry: the client is
                // closed now, from another thread, as a person quitting closes it.
                Thread closer = new Thread(client::close, "closer");
                closer.start();
                try {
                  closer.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                closed.countDown();
              }
            }
          });
      client.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      int connections = proxy.accepted();

      proxy.cutNow();

      assertThat(closed.await(30, TimeUnit.SECONDS)).isTrue();
      await()
          .during(Duration.ofSeconds(2)) // the first retry would come after 0.5 to 0.625 s
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(uncaught).as("uncaught exceptions").isEmpty();
                assertThat(proxy.accepted()).as("connections to the relay").isEqualTo(connections);
              });
      assertThat(client.connectionState()).isEqualTo(ConnectionState.OFFLINE);
    }
  }

  @Test
  void close_whileAReconnectWaitsForTheRelay_endsThatConnectionAndSaysNothingMore()
      throws Exception {
    try (Relay relay = RelayFixture.start(dataDir);
        CuttingProxy proxy = new CuttingProxy(relay.port())) {
      RelayChatClient client = Clients.live(proxy.port(), homes);
      RecordingListener events = new RecordingListener();
      client.addListener(events);
      client.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      int connections = proxy.accepted();
      proxy.holdNewConnections();
      proxy.cutNow();
      await().atMost(Duration.ofSeconds(30)).until(() -> proxy.accepted() == connections + 1);

      client.close(); // the reconnect is in its TLS handshake, waiting for the relay
      int said = events.connectionDetails.size();
      proxy.releaseHeld();

      await().atMost(Duration.ofSeconds(20)).until(() -> proxy.clientsOpen() == 0);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(uncaught).as("uncaught exceptions").isEmpty();
                assertThat(events.connectionDetails.subList(said, events.connectionDetails.size()))
                    .as("said after the close")
                    .isEmpty();
                assertThat(proxy.accepted())
                    .as("connections to the relay")
                    .isEqualTo(connections + 1);
              });
    }
  }
}
