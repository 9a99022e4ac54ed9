package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.internal.RelayChatClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real live clients through repeated {@code kill -9} of the relay process: while one member keeps
 * sending, the relay dies twice and restarts on the same port; the clients reconnect by themselves,
 * catch up from their cursors, and show every acknowledged message exactly once.
 */
class RelayCrashEndToEndTest {
  private static final int ROUNDS = 2;

  /** Holds the data directory and the relay's log beside it ({@link RelayProcess}). */
  @TempDir Path root;

  @TempDir Path homes;

  private Path data;

  @BeforeEach
  void dataDirectory() {
    data = root.resolve("data");
  }

  @Test
  void killDashNine_twiceWhileSending_clientsReconnectCatchUpAndShowEachMessageOnce()
      throws Exception {
    // Restarted on the same port: one no other test JVM's connection or port-0 bind can take.
    RelayProcess relay = RelayProcess.start(data, QuietPorts.free(), "INFO");
    int port = relay.port();
    RecordingListener bobEvents = new RecordingListener();
    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicBoolean sending = new AtomicBoolean(true);
    try (RelayChatClient alice = Clients.live(port, homes);
        RelayChatClient bob = Clients.live(port, homes)) {
      bob.addListener(bobEvents);
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      alice.join("#crash");
      bob.join("#crash");
      Thread sender =
          new Thread(
              () -> {
                for (int i = 0; sending.get(); i++) {
                  try {
                    acked.add(alice.send("#crash", "message " + i).messageId());
                  } catch (CommandException e) {
                    // the relay is down: not acknowledged, try the next one shortly
                  }
                  await().pollDelay(Duration.ofMillis(50)).until(() -> true);
                }
              },
              "sender");
      sender.start();
      for (int round = 1; round <= ROUNDS; round++) {
        int before = acked.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= before + 20);
        relay.kill();
        relay = RelayProcess.start(data, port, "INFO");
        int reconnects = round;
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    bobEvents.states.stream().filter(s -> s == ConnectionState.RECONNECTING).count()
                            >= reconnects
                        && bob.connectionState() == ConnectionState.ONLINE);
      }
      int before = acked.size();
      await().atMost(Duration.ofSeconds(30)).until(() -> acked.size() >= before + 20);
      sending.set(false);
      sender.join(30_000);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  bobEvents.messages.stream()
                      .map(ChatMessage::messageId)
                      .collect(Collectors.toSet())
                      .containsAll(acked));
      Map<String, Long> shown =
          bobEvents.messages.stream()
              .collect(Collectors.groupingBy(ChatMessage::messageId, Collectors.counting()));
      assertThat(shown.values()).as("each message shown once").allMatch(count -> count == 1);
      List<String> history =
          bob.history("#crash", 10_000).stream().map(ChatMessage::messageId).toList();
      assertThat(history).containsAll(acked).doesNotHaveDuplicates();
      System.out.printf(
          "kill -9 rounds: %d, acknowledged: %d, shown to bob: %d%n",
          ROUNDS, acked.size(), shown.size());
    } finally {
      relay.close();
    }
  }

  @Test
  void aRelayThatNoLongerKnowsTheSession_reconnectingSaysTheSessionEnded_notAWrongPassword()
      throws Exception {
    Path restored = Files.createDirectories(root.resolve("restored"));
    // Restarted on the same port: one no other test JVM's connection or port-0 bind can take.
    RelayProcess relay = RelayProcess.start(data, QuietPorts.free(), "INFO");
    int port = relay.port();
    RecordingListener events = new RecordingListener();
    try (RelayChatClient bob = Clients.live(port, homes)) {
      bob.addListener(events);
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      relay.kill();
      // The relay comes back from a backup taken before bob's login: same certificate, no
      // session (what an expiry, or a logout the client did not see, also leaves).
      Files.copy(data.resolve("tls.crt"), restored.resolve("tls.crt"));
      Files.copy(data.resolve("tls.key"), restored.resolve("tls.key"));
      relay = RelayProcess.start(restored, port, "INFO");

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  events.connectionDetails.contains(
                      "OFFLINE the session for bob was ended (logged out or ended from a"
                          + " sessions list on another device, or the password was changed) or has"
                          + " expired"));
      assertThat(bob.connectionState()).isEqualTo(ConnectionState.OFFLINE);
      assertThat(events.stopped).singleElement().isInstanceOf(CommandException.SessionEnded.class);
      assertThat(events.connectionDetails).noneMatch(d -> d.contains("wrong username"));
    } finally {
      relay.close();
    }
  }

  @Test
  void aLogoutByAnotherClientOfTheProfile_endsThisClientsSessionAtOnce() throws Exception {
    RelayProcess relay = RelayProcess.start(data, 0, "INFO");
    int port = relay.port();
    RecordingListener events = new RecordingListener();
    try (RelayChatClient bob = Clients.live(port, homes)) {
      bob.addListener(events);
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      try (RelayChatClient other = Clients.oneShot(port, homes)) {
        await() // the live client saves its session every 2 s
            .atMost(Duration.ofSeconds(15))
            .ignoreExceptions()
            .until(
                () -> {
                  other.resume("bob", PASSPHRASE.clone());
                  return true;
                });
        other.logout();
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> bob.connectionState() == ConnectionState.OFFLINE);
      assertThat(events.connectionDetails)
          .contains(
              "OFFLINE the session for bob was ended from another device (logged out there, ended"
                  + " from a sessions list, or the account password was changed)")
          .noneMatch(detail -> detail.startsWith("RECONNECTING"));
    } finally {
      relay.close();
    }
  }
}
