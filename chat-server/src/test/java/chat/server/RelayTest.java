package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the relay says about itself as it starts and stops: warnings about its settings, and the
 * connections it closed.
 */
class RelayTest {
  @TempDir Path dataDir;

  /**
   * The relay's own lines (start and stop) at WARN or above while a relay of {@code config} runs.
   */
  private static List<String> warnings(RelayConfig config) throws Exception {
    try (CapturedLog logged = CapturedLog.of(Relay.class)) {
      try (Relay relay = Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM)) {
        assertThat(relay.port()).isPositive();
      }
      return logged.events().stream()
          .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }

  @Test
  void start_idleTimeoutShorterThanTheClientsPings_warns() throws Exception {
    List<String> warnings =
        warnings(
            RelayFixture.builder(dataDir)
                .idleTimeoutSeconds(Relay.LOWEST_QUIET_IDLE_SECONDS - 1)
                .build());

    assertThat(warnings)
        .containsExactly(
            "--idle-timeout-seconds 44 is less than 45: clients ping a quiet connection every 30"
                + " s, so the relay will close their connections as idle between two pings and"
                + " they will keep reconnecting; the default is 120");
  }

  @Test
  void start_idleTimeoutOfAtLeast45_andTheDefaults_sayNoWarning() throws Exception {
    assertThat(
            warnings(
                RelayFixture.builder(dataDir)
                    .idleTimeoutSeconds(Relay.LOWEST_QUIET_IDLE_SECONDS)
                    .build()))
        .isEmpty();
    assertThat(warnings(RelayFixture.config(dataDir))).isEmpty();
  }

  @Test
  void close_withOneConnection_saysItInTheSingular_inTheLogAndTheAuditLog() throws Exception {
    List<String> lines;
    try (CapturedLog logged = CapturedLog.of(Relay.class)) {
      Relay relay = RelayFixture.start(dataDir);
      try (TestClient client = RelayFixture.connect(relay, dataDir)) {
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.connectionCount() == 1);
        relay.close(); // with the client still connected
        assertThat(client.isClosedByPeer()).isTrue();
      } finally {
        relay.close();
      }
      lines = logged.messages();
    }

    assertThat(lines).contains("shutting down: 1 connection");
    try (Connection c = Database.openReadOnly(dataDir)) {
      assertThat(
              new AuditRepository()
                  .find(
                      c,
                      new AuditQuery(Optional.empty(), 0, Optional.of(AuditType.RELAY_STOP), 10)))
          .extracting(AuditEvent::detail)
          .containsExactly("1 connection closed");
    }
  }

  @Test
  void start_requestBurstBelowWhatALoginSends_warns() throws Exception {
    List<String> warnings =
        warnings(RelayFixture.builder(dataDir).requestBurst(Relay.LOGIN_REQUESTS - 1).build());

    assertThat(warnings)
        .singleElement()
        .asString()
        .startsWith("--request-burst 19 is less than a client's login sends at once");
  }
}
