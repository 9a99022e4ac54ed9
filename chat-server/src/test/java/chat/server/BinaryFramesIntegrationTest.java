package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static chat.server.RelayFixture.seal;
import static chat.server.RelayFixture.signInAndJoin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeOpener;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.RecipientEnvelope;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FrameCodec;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.MessageEvent;
import chat.protocol.ProtocolVersions;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wire version 3: a {@code send} and an {@code event.message} travel as binary bodies on a version
 * 3 connection and as JSON on an older one, for the same message in the same room.
 */
class BinaryFramesIntegrationTest {
  @TempDir Path dataDir;

  private static String open(IdentityKeyPair me, IdentityKeyPair sender, Bytes form)
      throws Exception {
    RecipientEnvelope envelope = RecipientEnvelope.parse(form.toByteArray());
    return new String(
        new EnvelopeOpener(RelayFixture.RANDOM).open(me, sender.bundle(), envelope).plaintext(),
        StandardCharsets.UTF_8);
  }

  /**
   * Bob (wire version 3, on {@code b}) and carol (version 1, on {@code c}) each got alice's {@code
   * text} as the message {@code ack} confirmed, each in its own encoding.
   */
  private static void assertEachGotItInItsOwnEncoding(
      TestClient b,
      TestClient c,
      IdentityKeyPair alice,
      IdentityKeyPair bob,
      IdentityKeyPair carol,
      SendReply ack,
      String text)
      throws Exception {
    MessageEvent toBob = b.nextEvent(MessageEvent.class);
    MessageEvent toCarol = c.nextEvent(MessageEvent.class);
    assertThat(toBob.seq()).isEqualTo(ack.seq()).isEqualTo(toCarol.seq());
    assertThat(open(bob, alice, toBob.envelope())).isEqualTo(text);
    assertThat(open(carol, alice, toCarol.envelope())).isEqualTo(text);
    assertThat(b.binaryFramesReceived).as("bob speaks version 3").hasValue(1);
    assertThat(c.binaryFramesReceived).as("carol speaks version 1").hasValue(0);
  }

  @Test
  void binarySend_reachesVersion3AndVersion1MembersEachInTheirOwnEncoding() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    IdentityKeyPair bob = RelayFixture.identity("bob");
    IdentityKeyPair carol = RelayFixture.identity("carol");
    try (Relay relay =
            Relay.start(RelayFixture.config(dataDir), Clock.systemUTC(), RelayFixture.RANDOM);
        TestClient a = RelayFixture.connect(relay, dataDir, ProtocolVersions.BINARY);
        TestClient b = RelayFixture.connect(relay, dataDir, ProtocolVersions.BINARY);
        TestClient c = RelayFixture.connect(relay, dataDir, 1)) {
      signInAndJoin("#bin", List.of(a, b, c), List.of(alice, bob, carol));
      Envelope envelope =
          seal(alice, "#bin", List.of(bob.bundle(), carol.bundle()), "no base64 here");

      SendReply ack =
          a.ok(new SendRequest(a.nextId(), "#bin", Bytes.of(envelope.encode())), SendReply.class);

      assertEachGotItInItsOwnEncoding(b, c, alice, bob, carol, ack, "no base64 here");
      HistoryReply history = c.ok(new HistoryRequest(c.nextId(), "#bin", 0, 0), HistoryReply.class);
      assertThat(history.messages()).singleElement();
    }
  }

  @Test
  void binarySend_mostRecipientsOffline_eachOnlineMemberStillGetsItsOwnForm() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    IdentityKeyPair bob = RelayFixture.identity("bob");
    IdentityKeyPair carol = RelayFixture.identity("carol");
    List<IdentityKeyPair> away = new ArrayList<>();
    for (String name : List.of("dave", "erin", "frank", "grace", "heidi")) {
      away.add(RelayFixture.identity(name));
    }
    try (Relay relay =
            Relay.start(RelayFixture.config(dataDir), Clock.systemUTC(), RelayFixture.RANDOM);
        TestClient a = RelayFixture.connect(relay, dataDir, ProtocolVersions.BINARY);
        TestClient b = RelayFixture.connect(relay, dataDir, ProtocolVersions.BINARY);
        TestClient c = RelayFixture.connect(relay, dataDir, 1)) {
      for (IdentityKeyPair member : away) {
        try (TestClient client = RelayFixture.connect(relay, dataDir)) {
          signInAndJoin("#quiet", List.of(client), List.of(member));
        }
      }
      signInAndJoin("#quiet", List.of(a, b, c), List.of(alice, bob, carol));
      await().atMost(10, TimeUnit.SECONDS).until(() -> relay.connectionCount() == 3);
      List<IdentityBundle> to = new ArrayList<>(List.of(bob.bundle(), carol.bundle()));
      away.forEach(member -> to.add(member.bundle()));
      Envelope envelope = seal(alice, "#quiet", to, "two of seven online");

      // Two of the seven recipients are online: each gets a copy of its own form.
      SendReply ack =
          a.ok(new SendRequest(a.nextId(), "#quiet", Bytes.of(envelope.encode())), SendReply.class);

      assertEachGotItInItsOwnEncoding(b, c, alice, bob, carol, ack, "two of seven online");
    }
  }

  @Test
  void binarySend_onAVersion2Connection_badFrameAndNothingStored() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    try (Relay relay =
            Relay.start(RelayFixture.config(dataDir), Clock.systemUTC(), RelayFixture.RANDOM);
        TestClient a = RelayFixture.connect(relay, dataDir, ProtocolVersions.SOCIAL)) {
      register(a, alice);
      login(a, "alice");
      a.ok(new JoinRequest(a.nextId(), "#bin"), JoinReply.class);
      Envelope envelope = seal(alice, "#bin", List.of(), "sent in the wrong encoding");

      a.writeRaw(
          new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES)
              .encode(new SendRequest("raw", "#bin", Bytes.of(envelope.encode())), true));

      ErrorReply refused = a.unsolicited.poll(10, TimeUnit.SECONDS);
      assertThat(refused).isNotNull();
      assertThat(refused.code()).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(refused.message()).isEqualTo("binary frames need wire version 3");
      assertThat(a.ok(new HistoryRequest(a.nextId(), "#bin", 0, 0), HistoryReply.class).messages())
          .as("the connection survives and nothing was stored")
          .isEmpty();
    }
  }
}
