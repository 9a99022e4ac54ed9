package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One address cannot hold more than {@code --max-connections-per-address} connections: the next is
 * closed before TLS, audited once, and a closed connection makes room again.
 */
class ConnectionLimitTest {
  @TempDir Path dataDir;

  @Test
  void connectionsPastTheLimit_areClosedBeforeTls_auditedOnce_andRoomComesBack() throws Exception {
    RelayConfig config = RelayFixture.builder(dataDir).maxConnectionsPerAddress(2).build();
    try (Relay relay = Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM);
        TestClient first = RelayFixture.connect(relay, dataDir)) {
      TestClient second = RelayFixture.connect(relay, dataDir);
      assertThatThrownBy(() -> RelayFixture.connect(relay, dataDir))
          .as("the third connection's handshake")
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> RelayFixture.connect(relay, dataDir))
          .as("and the fourth")
          .isInstanceOf(IOException.class);
      first.ok(new PingRequest(first.nextId()), PongReply.class);
      second.close();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                try (TestClient again = RelayFixture.connect(relay, dataDir)) {
                  again.ok(new PingRequest(again.nextId()), PongReply.class);
                }
              });
    }
    List<AuditEvent> limited;
    try (Connection c = Database.openReadOnly(dataDir)) {
      limited =
          new AuditRepository()
              .find(
                  c, new AuditQuery(Optional.empty(), 0, Optional.of(AuditType.RATE_LIMITED), 100));
    }
    assertThat(limited)
        .as("two refusals in a minute are one entry")
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.detail()).isEqualTo("connections per address");
              assertThat(event.address()).isEqualTo("127.0.0.1");
            });
  }
}
