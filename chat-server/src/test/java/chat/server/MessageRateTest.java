package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.Reply;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --messages-per-second} and {@code --message-burst} bound one account's messages over all
 * its connections together: past the burst a send is refused ({@code RATE_LIMITED}, saying the
 * relay's rate) before anything of it is checked or stored, whichever connection it comes on, and
 * the refusal is audited once; another account is not affected.
 */
class MessageRateTest {
  @TempDir Path dataDir;

  private static Reply send(TestClient client, IdentityKeyPair from, String text) throws Exception {
    return client.call(
        new SendRequest(
            client.nextId(),
            "#flood",
            Bytes.of(RelayFixture.seal(from, "#flood", List.of(from.bundle()), text).encode())));
  }

  @Test
  void pastTheBurst_anyConnectionOfTheAccountIsRefused_beforeTheSendIsRead() throws Exception {
    IdentityKeyPair mallory = RelayFixture.identity("mallory");
    IdentityKeyPair trent = RelayFixture.identity("trent");
    RelayConfig config = RelayFixture.builder(dataDir).messagesPerSecond(1).messageBurst(3).build();
    try (Relay relay = Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM);
        TestClient first = connect(relay, dataDir);
        TestClient second = connect(relay, dataDir);
        TestClient other = connect(relay, dataDir)) {
      RelayFixture.register(first, mallory);
      RelayFixture.register(first, trent);
      login(first, "mallory");
      login(second, "mallory");
      login(other, "trent");
      for (TestClient client : List.of(first, other)) {
        client.ok(new JoinRequest(client.nextId(), "#flood"), JoinReply.class);
      }

      for (int i = 0; i < 3; i++) {
        assertThat(send(first, mallory, "flood " + i)).isInstanceOf(SendReply.class);
      }
      Reply refused = send(second, mallory, "flood 3");
      assertThat(refused).isInstanceOf(ErrorReply.class);
      ErrorReply error = (ErrorReply) refused;
      assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(error.message())
          .isEqualTo(
              "not sent: this relay takes 1 message a second from one account (3 at once);"
                  + " send it again in a moment");
      assertThat(send(first, mallory, "flood 4")).isInstanceOf(ErrorReply.class);
      // before anything of the send is read: even where the account is no member
      Reply elsewhere =
          first.call(
              new SendRequest(
                  first.nextId(),
                  "#elsewhere",
                  Bytes.of(
                      RelayFixture.seal(mallory, "#elsewhere", List.of(mallory.bundle()), "x")
                          .encode())));
      assertThat(((ErrorReply) elsewhere).code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(send(other, trent, "not mallory")).isInstanceOf(SendReply.class);
    }
    try (Connection c = Database.openReadOnly(dataDir)) {
      List<AuditEvent> limited =
          new AuditRepository()
              .find(
                  c,
                  new AuditQuery(
                      Optional.of("mallory"), 0, Optional.of(AuditType.RATE_LIMITED), 10));
      assertThat(limited)
          .extracting(AuditEvent::detail)
          .containsExactly("messages (over 1 a second from this account)");
    }
  }
}
