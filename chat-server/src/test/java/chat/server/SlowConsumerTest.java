package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static chat.server.RelayFixture.seal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.MessageEvent;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.protocol.StoredMessage;
import chat.protocol.SyncReply;
import chat.protocol.SyncRequest;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member who stops reading is disconnected once its unsent bytes pass the bound, without stalling
 * the room: the sender keeps getting acks, the other members keep getting every message, and the
 * slow member catches up from its cursor after reconnecting.
 */
class SlowConsumerTest {
  private static final int MESSAGES = 80;
  private static final int MESSAGE_CHARS = 200_000;
  private static final int MAX_FRAME_BYTES = 512 << 10;
  private static final long MAX_PENDING_BYTES = 2 * MAX_FRAME_BYTES;

  @TempDir static Path dataDir;
  private static Relay relay;
  private static IdentityKeyPair alice;
  private static IdentityKeyPair bob;
  private static IdentityKeyPair carol;

  @BeforeAll
  static void startRelay() throws Exception {
    relay =
        Relay.start(
            RelayFixture.builder(dataDir)
                .maxFrameBytes(MAX_FRAME_BYTES)
                .maxPendingBytes(MAX_PENDING_BYTES)
                .build(),
            Clock.systemUTC(),
            RelayFixture.RANDOM);
    alice = RelayFixture.identity("alice");
    bob = RelayFixture.identity("bob");
    carol = RelayFixture.identity("carol");
    for (IdentityKeyPair identity : List.of(alice, bob, carol)) {
      try (TestClient client = connect(relay, dataDir)) {
        register(client, identity);
      }
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static TestClient joined(IdentityKeyPair identity) throws Exception {
    TestClient client = connect(relay, dataDir);
    login(client, identity.userId());
    client.ok(new JoinRequest(client.nextId(), "#busy"), JoinReply.class);
    return client;
  }

  @Test
  void stalledMember_isDisconnected_roomKeepsFlowing_andItCatchesUpFromCursor() throws Exception {
    List<Long> acked = new ArrayList<>();
    try (TestClient a = joined(alice);
        TestClient b = joined(bob);
        TestClient c = joined(carol)) {
      c.pauseReading();
      String text = "x".repeat(MESSAGE_CHARS);
      for (int i = 0; i < MESSAGES; i++) {
        var envelope = seal(alice, "#busy", List.of(bob.bundle(), carol.bundle()), text + i);
        SendReply ack =
            a.ok(
                new SendRequest(a.nextId(), "#busy", Bytes.of(envelope.encode())), SendReply.class);
        acked.add(ack.seq());
        assertThat(b.nextEvent(MessageEvent.class).seq()).isEqualTo(ack.seq());
      }
      assertThat(acked).hasSize(MESSAGES);

      c.resumeReading();
      assertThat(c.isClosedByPeer()).as("the relay dropped the stalled member").isTrue();
    }

    try (TestClient again = connect(relay, dataDir)) {
      login(again, "carol");
      Set<Long> caughtUp = new TreeSet<>();
      long cursor = 0;
      boolean more = true;
      while (more) {
        SyncReply page =
            again.ok(new SyncRequest(again.nextId(), "#busy", cursor, 0), SyncReply.class);
        for (StoredMessage message : page.messages()) {
          caughtUp.add(message.seq());
        }
        cursor = page.cursor();
        more = page.more();
      }
      assertThat(caughtUp).containsExactlyElementsOf(new TreeSet<>(acked));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(audited(AuditType.SLOW_CONSUMER))
                    .extracting(AuditEvent::username)
                    .containsExactly("carol"));
    assertThat(audited(AuditType.DISCONNECT))
        .anyMatch(e -> e.username().equals("carol") && e.detail().equals("slow consumer"));
  }

  private static List<AuditEvent> audited(AuditType type) throws Exception {
    try (Connection c = Database.openReadOnly(dataDir)) {
      return new AuditRepository()
          .find(c, new AuditQuery(Optional.empty(), 0, Optional.of(type), 100));
    }
  }
}
