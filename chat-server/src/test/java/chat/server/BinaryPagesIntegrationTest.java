package chat.server;

import static chat.server.RelayFixture.seal;
import static chat.server.RelayFixture.signInAndJoin;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.EnvelopeOpener;
import chat.crypto.IdentityKeyPair;
import chat.crypto.RecipientEnvelope;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.ProtocolVersions;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.protocol.StoredMessage;
import chat.protocol.SyncReply;
import chat.protocol.SyncRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wire version 8: {@code history_ok} and {@code sync_ok} travel as binary bodies on a version 8
 * connection and as JSON on an older one, with the same messages in the same pages.
 */
class BinaryPagesIntegrationTest {
  private static final byte HISTORY_KIND = 0x03;
  private static final byte SYNC_KIND = 0x04;

  @TempDir Path dataDir;

  /** The texts of {@code messages}, each opened by {@code me} as sent by {@code sender}. */
  private static List<String> texts(
      IdentityKeyPair me, IdentityKeyPair sender, List<StoredMessage> messages) throws Exception {
    List<String> texts = new ArrayList<>();
    for (StoredMessage message : messages) {
      RecipientEnvelope envelope = RecipientEnvelope.parse(message.envelope().toByteArray());
      texts.add(
          new String(
              new EnvelopeOpener(RelayFixture.RANDOM)
                  .open(me, sender.bundle(), envelope)
                  .plaintext(),
              StandardCharsets.UTF_8));
    }
    return texts;
  }

  /** Seq and store time of each message: what two readers of the same page must both get. */
  private static List<List<Long>> numbers(List<StoredMessage> messages) {
    return messages.stream().map(m -> List.of(m.seq(), m.storedAtMillis())).toList();
  }

  @Test
  void pages_version8ReaderGetsBinary_version7ReaderJson_sameMessages() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    IdentityKeyPair bob = RelayFixture.identity("bob");
    IdentityKeyPair carol = RelayFixture.identity("carol");
    try (Relay relay =
            Relay.start(RelayFixture.config(dataDir), Clock.systemUTC(), RelayFixture.RANDOM);
        TestClient a = RelayFixture.connect(relay, dataDir, ProtocolVersions.BINARY_PAGES);
        TestClient b = RelayFixture.connect(relay, dataDir, ProtocolVersions.BINARY_PAGES);
        TestClient c = RelayFixture.connect(relay, dataDir, ProtocolVersions.CLOSE_DIRECT)) {
      signInAndJoin("#pages", List.of(a, b, c), List.of(alice, bob, carol));
      List<String> sent = List.of("one", "two", "three");
      for (String text : sent) {
        a.ok(
            new SendRequest(
                a.nextId(),
                "#pages",
                Bytes.of(
                    seal(alice, "#pages", List.of(bob.bundle(), carol.bundle()), text).encode())),
            SendReply.class);
      }

      HistoryReply bobsHistory =
          b.ok(new HistoryRequest(b.nextId(), "#pages", 0, 2), HistoryReply.class);
      HistoryReply carolsHistory =
          c.ok(new HistoryRequest(c.nextId(), "#pages", 0, 2), HistoryReply.class);
      SyncReply bobsSync = b.ok(new SyncRequest(b.nextId(), "#pages", 0, 0), SyncReply.class);
      SyncReply carolsSync = c.ok(new SyncRequest(c.nextId(), "#pages", 0, 0), SyncReply.class);

      assertThat(b.binaryKinds).as("bob speaks version 8").contains(HISTORY_KIND, SYNC_KIND);
      assertThat(c.binaryKinds)
          .as("carol speaks version 7: binary events, JSON pages")
          .isNotEmpty()
          .doesNotContain(HISTORY_KIND, SYNC_KIND);
      assertThat(texts(bob, alice, bobsHistory.messages()))
          .isEqualTo(texts(carol, alice, carolsHistory.messages()))
          .containsExactly("two", "three");
      assertThat(numbers(bobsHistory.messages())).isEqualTo(numbers(carolsHistory.messages()));
      assertThat(List.of(bobsHistory.nextBefore(), bobsHistory.more()))
          .isEqualTo(List.of(carolsHistory.nextBefore(), carolsHistory.more()))
          .isEqualTo(List.of(2L, true));
      assertThat(texts(bob, alice, bobsSync.messages()))
          .isEqualTo(texts(carol, alice, carolsSync.messages()))
          .isEqualTo(sent);
      assertThat(numbers(bobsSync.messages())).isEqualTo(numbers(carolsSync.messages()));
      assertThat(List.of(bobsSync.cursor(), bobsSync.more()))
          .isEqualTo(List.of(carolsSync.cursor(), carolsSync.more()))
          .isEqualTo(List.of(3L, false));
    }
  }

  @Test
  void emptyPages_version8Reader_binaryAndEmpty() throws Exception {
    IdentityKeyPair dora = RelayFixture.identity("dora");
    try (Relay relay =
            Relay.start(RelayFixture.config(dataDir), Clock.systemUTC(), RelayFixture.RANDOM);
        TestClient d = RelayFixture.connect(relay, dataDir, ProtocolVersions.BINARY_PAGES)) {
      signInAndJoin("#quiet", List.of(d), List.of(dora));

      HistoryReply history =
          d.ok(new HistoryRequest(d.nextId(), "#quiet", 0, 0), HistoryReply.class);
      SyncReply sync = d.ok(new SyncRequest(d.nextId(), "#quiet", 5, 0), SyncReply.class);

      assertThat(d.binaryKinds).containsExactly(HISTORY_KIND, SYNC_KIND);
      assertThat(history.messages()).isEmpty();
      assertThat(history.more()).isFalse();
      assertThat(sync.messages()).isEmpty();
      assertThat(sync.cursor()).isEqualTo(5);
    }
  }
}
