package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static chat.server.RelayFixture.seal;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.ProtocolVersions;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wire version 4: {@code send_ok} carries the relay's store time, the one every member sees; an
 * older connection gets the acknowledgement it always had.
 */
class StoreTimeIntegrationTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00.123Z");

  @TempDir Path dataDir;

  @Test
  void sendOk_carriesTheStoreTimeOnVersion4Only() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    IdentityKeyPair bob = RelayFixture.identity("bob");
    Clock relayClock = Clock.fixed(NOW, ZoneOffset.UTC);
    try (Relay relay = Relay.start(RelayFixture.config(dataDir), relayClock, RelayFixture.RANDOM);
        TestClient a = RelayFixture.connect(relay, dataDir, ProtocolVersions.STORE_TIME);
        TestClient b = RelayFixture.connect(relay, dataDir, ProtocolVersions.BINARY)) {
      register(a, alice);
      register(b, bob);
      login(a, "alice");
      login(b, "bob");
      a.ok(new JoinRequest(a.nextId(), "#t"), JoinReply.class);
      b.ok(new JoinRequest(b.nextId(), "#t"), JoinReply.class);
      List<IdentityBundle> both = List.of(alice.bundle(), bob.bundle());

      SendReply fromAlice =
          a.ok(
              new SendRequest(a.nextId(), "#t", Bytes.of(seal(alice, "#t", both, "hi").encode())),
              SendReply.class);
      SendReply fromBob =
          b.ok(
              new SendRequest(b.nextId(), "#t", Bytes.of(seal(bob, "#t", both, "yo").encode())),
              SendReply.class);

      assertThat(fromAlice.storedAtMillis()).isEqualTo(NOW.toEpochMilli());
      assertThat(fromBob.storedAtMillis()).as("version 3: no store time").isNull();
      HistoryReply history = a.ok(new HistoryRequest(a.nextId(), "#t", 0, 0), HistoryReply.class);
      assertThat(history.messages())
          .filteredOn(m -> m.seq() == fromAlice.seq())
          .singleElement()
          .satisfies(m -> assertThat(m.storedAtMillis()).isEqualTo(fromAlice.storedAtMillis()));
    }
  }
}
