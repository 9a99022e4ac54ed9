package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.HistoryPage;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.LeftOutMessages.Reason;
import chat.cli.client.TrustState;
import chat.cli.client.internal.RelayChatClient;
import chat.crypto.Bytes;
import chat.crypto.Contexts;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeHeader;
import chat.crypto.EnvelopeSealer;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import chat.crypto.Recipient;
import chat.crypto.RecipientEntry;
import chat.crypto.RecipientSet;
import chat.crypto.RsaOaepKeyWrap;
import chat.crypto.internal.AesGcm;
import chat.crypto.internal.EnvelopeSignature;
import chat.crypto.internal.Hashes;
import chat.crypto.internal.MerkleTree;
import chat.crypto.internal.Padding;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.BundlesReply;
import chat.protocol.Frame;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.KeyChangeEvent;
import chat.protocol.MessageEvent;
import chat.protocol.StoredMessage;
import chat.protocol.SyncReply;
import chat.protocol.UserBundle;
import chat.server.RelayFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real clients behind a relay that misbehaves on purpose ({@link HostileRelay}): every attack is
 * either refused with a clear {@link CommandException} or reported through a notice, and never
 * silently accepted. SECURITY.md lists these scenarios; those about who is a member of a
 * conversation are in {@link HostileRelayMembersTest}.
 */
class HostileRelayTest {
  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "bob", "mallory");

  @Test
  void substitutedKey_afterPinning_isRefusedUntilTrust_andWarned() {
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", aliceEvents);
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      assertThat(bob.username()).hasValue("bob");
      String direct = alice.directWith("bob");
      alice.send(direct, "pinned");
      bobEvents.awaitText("pinned");
      IdentityBundle fakeBob = RelayFixture.identity("bob").bundle();
      relay.tamper(Tampers.substituteKey("alice", fakeBob));
      relay
          .proxy()
          .linkOf("alice")
          .sendToClient(new KeyChangeEvent("bob", Bytes.of(fakeBob.encode())));

      aliceEvents.awaitNotice("bob's key changed. Sending to them is blocked");
      await().until(() -> aliceEvents.events.contains("trust bob CHANGED"));
      assertThat(alice.trustState("bob")).isEqualTo(TrustState.CHANGED);
      assertThatThrownBy(() -> alice.send(direct, "to the substituted key"))
          .isInstanceOfSatisfying(
              CommandException.KeysChanged.class,
              changed -> assertThat(changed.users()).containsExactly("bob"))
          .hasMessageContaining("key of bob changed");

      alice.trust("bob");
      alice.send(direct, "sealed to the substituted key");
      bobEvents.awaitNotice("was not encrypted to your current key");
      assertThat(bobEvents.messages).extracting(ChatMessage::text).containsExactly("pinned");
    }
  }

  @Test
  void substitutedKey_atFirstContact_failsTheSafetyNumber_andTheRealUserIsTold() {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      String trueSafetyNumber = bob.safetyNumber("alice").digits();
      relay.tamper(Tampers.substituteKey("alice", RelayFixture.identity("bob").bundle()));

      alice.send(alice.directWith("bob"), "first words");
      assertThatThrownBy(() -> alice.verify("bob", trueSafetyNumber))
          .isInstanceOf(CommandException.Untrusted.class)
          .hasMessageContaining("does not match");
      bobEvents.awaitNotice("was not encrypted to your current key");
      assertThat(bobEvents.messages).isEmpty();
    }
  }

  @Test
  void historyPage_longerThanAskedFor_givesOnlyTheNewestAskedFor() {
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toRelay(Link link, Frame frame) {
            if (frame instanceof HistoryRequest asked) {
              return List.of(
                  new HistoryRequest(asked.id(), asked.conversation(), asked.before(), 100));
            }
            return List.of(frame);
          }
        });
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", new RecordingListener())) {
      String direct = alice.directWith("bob");
      for (int i = 0; i < 8; i++) {
        alice.send(direct, "message " + i);
      }

      assertThat(bob.history(direct, 3))
          .extracting(ChatMessage::text)
          .containsExactly("message 5", "message 6", "message 7");
    }
  }

  @Test
  void replayedEnvelope_isShownOnce_andReported_andTheRealMessageWithItsNumberStillShows() {
    List<MessageEvent> toBob = new CopyOnWriteArrayList<>();
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (frame instanceof MessageEvent event && link.username().orElse("").equals("bob")) {
              toBob.add(event);
            }
            return List.of(frame);
          }
        });
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      assertThat(bob.username()).hasValue("bob");
      String direct = alice.directWith("bob");
      alice.send(direct, "say this once");
      bobEvents.awaitText("say this once");
      MessageEvent original = toBob.get(toBob.size() - 1);
      Link link = relay.proxy().linkOf("bob");

      link.sendToClient(original);
      link.sendToClient(
          new MessageEvent(
              direct, original.seq() + 1, original.storedAtMillis(), original.envelope()));
      bobEvents.awaitNotice(
          "dropped a replayed copy of an earlier message (#" + (original.seq() + 1));
      link.sendToClient(
          new MessageEvent("#lobby", 1, original.storedAtMillis(), original.envelope()));
      bobEvents.awaitNotice(
          "message #1 from alice belongs to another conversation (the relay moved it here)");

      ChatMessage next = alice.send(direct, "the real next message");
      assertThat(next.seq()).isEqualTo(original.seq() + 1);
      bobEvents.awaitText("the real next message");
      assertThat(bobEvents.messages)
          .extracting(ChatMessage::text)
          .containsExactly("say this once", "the real next message");
    }
  }

  @Test
  void aMessageFromSomeoneOutsideAPrivateConversation_isLeftOut_liveAndInHistory_unpinned()
      throws Exception {
    List<StoredMessage> addedToAlicesHistory = new CopyOnWriteArrayList<>();
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (frame instanceof HistoryReply reply && link.username().orElse("").equals("alice")) {
              List<StoredMessage> messages = new ArrayList<>(addedToAlicesHistory); // newest first
              messages.addAll(reply.messages());
              return List.of(
                  new HistoryReply(
                      reply.re(), reply.conversation(), messages, reply.nextBefore(), false));
            }
            return List.of(frame);
          }
        });
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", aliceEvents);
        RelayChatClient bob = relay.registered("bob", new RecordingListener());
        RelayChatClient mallory = relay.registered("mallory", new RecordingListener())) {
      assertThat(mallory.username()).hasValue("mallory");
      String direct = bob.directWith("alice");
      ChatMessage hi = bob.send(direct, "hi alice");
      aliceEvents.awaitText("hi alice");
      // mallory, an account of the relay's, seals a message for alice's conversation with bob
      Bytes forged =
          Bytes.of(
              RelayFixture.seal(
                      keysOf("mallory"),
                      direct,
                      List.of(keysOf("alice").bundle(), keysOf("bob").bundle()),
                      "{\"kind\":\"text\",\"text\":\"this is bob: send me the code\"}")
                  .forRecipient("alice")
                  .orElseThrow()
                  .encode());
      long seq = hi.seq() + 1;

      relay
          .proxy()
          .linkOf("alice")
          .sendToClient(new MessageEvent(direct, seq, System.currentTimeMillis(), forged));
      aliceEvents.awaitNotice(
          "message #"
              + seq
              + " from mallory was let in by the relay, but mallory is not one of this private"
              + " conversation's two people; it is not shown");
      addedToAlicesHistory.add(new StoredMessage(seq, System.currentTimeMillis(), forged));
      HistoryPage page = alice.historyPage(direct, 10);

      assertThat(page.messages()).extracting(ChatMessage::text).containsExactly("hi alice");
      assertThat(page.leftOut())
          .containsExactly(LeftOutMessages.one(direct, "mallory", Reason.NOT_A_PARTY, seq));
      assertThat(aliceEvents.messages).extracting(ChatMessage::text).containsExactly("hi alice");
      assertThat(Files.readString(relay.homes().resolve("alice").resolve("contacts.json")))
          .contains("bob")
          .doesNotContain("mallory");
    }
  }

  @Test
  void aKeyServedForSomeoneNotAskedFor_isRefused_neverEncryptedTo_norPinned() throws Exception {
    relay.registered("mallory").close();
    Bytes malloryKey = Bytes.of(keysOf("mallory").bundle().encode());
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (frame instanceof BundlesReply reply && link.username().orElse("").equals("alice")) {
              List<UserBundle> bundles = new ArrayList<>(reply.bundles());
              bundles.add(new UserBundle("mallory", malloryKey));
              return List.of(new BundlesReply(reply.re(), bundles));
            }
            return List.of(frame);
          }
        });
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      assertThat(bob.username()).hasValue("bob");
      String direct = alice.directWith("bob");

      assertThatThrownBy(() -> alice.send(direct, "for bob alone"))
          .isInstanceOf(CommandException.KeyRejected.class)
          .hasMessage("the relay served a key of mallory, whom this client did not ask for");
      Path contacts = relay.homes().resolve("alice").resolve("contacts.json");
      assertThat(Files.exists(contacts) ? Files.readString(contacts) : "")
          .doesNotContain("mallory");
      assertThat(bobEvents.messages).isEmpty();
    }
  }

  /**
   * In a room, a message from someone the relay never listed as a member, sealed to exactly the
   * members alice sees, is said once: a member's own client seals to a list that names them, so the
   * relay let it in. A member's message after it says nothing.
   */
  @Test
  void aRoomMessageSealedToTheMembersYouSee_fromSomeoneNotListed_isSaidOnce() throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", aliceEvents);
        RelayChatClient bob = relay.registered("bob", new RecordingListener());
        RelayChatClient mallory = relay.registered("mallory", new RecordingListener())) {
      assertThat(mallory.username()).hasValue("mallory");
      alice.join("#side");
      bob.join("#side");
      ChatMessage hi = bob.send("#side", "just us two");
      aliceEvents.awaitText("just us two");
      assertThat(alice.members("#side")).extracting(m -> m.username()).containsOnly("alice", "bob");
      long seq = hi.seq();
      for (String text : List.of("hello from nowhere", "and again")) {
        // mallory, an account of the relay's and no member, seals to the members alice sees, and
        // (against the sealing rules) not to herself, which a relay's own client can do
        Bytes forged =
            Bytes.of(
                sealedWithoutTheSender(
                        keysOf("mallory"),
                        "#side",
                        List.of(keysOf("alice").bundle(), keysOf("bob").bundle()),
                        "{\"kind\":\"text\",\"text\":\"" + text + "\"}")
                    .forRecipient("alice")
                    .orElseThrow()
                    .encode());
        relay
            .proxy()
            .linkOf("alice")
            .sendToClient(new MessageEvent("#side", ++seq, System.currentTimeMillis(), forged));
        aliceEvents.awaitText(text);
      }
      bob.send("#side", "a member's message");
      aliceEvents.awaitText("a member's message");

      assertThat(aliceEvents.notices)
          .filteredOn(n -> n.contains("encrypted their last message"))
          .containsExactly(
              "#side: mallory encrypted their last message in #side to the members you see, and"
                  + " mallory is not one of them: the relay let in a message from someone it does"
                  + " not list as a member");
    }
  }

  /**
   * {@code text} sealed as {@link EnvelopeSealer} seals it, but to {@code to} alone: without the
   * sender, whom a sealer following the rules always adds (PacketDiagram.md, "Sealing").
   */
  private static Envelope sealedWithoutTheSender(
      IdentityKeyPair sender, String conversation, List<IdentityBundle> to, String text) {
    SecureRandom random = new SecureRandom();
    Map<Recipient, IdentityBundle> bundles = new HashMap<>();
    to.forEach(bundle -> bundles.put(Recipient.of(bundle), bundle));
    List<Recipient> ordered = RecipientSet.canonical(bundles.keySet());
    byte[] messageId = new byte[EnvelopeHeader.MESSAGE_ID_SIZE_BYTES];
    random.nextBytes(messageId);
    EnvelopeHeader header =
        new EnvelopeHeader(
            Bytes.of(messageId),
            System.currentTimeMillis(),
            conversation,
            sender.userId(),
            sender.bundle().fingerprint(),
            ordered.size(),
            RecipientSet.hash(ordered));
    byte[] key = new byte[32];
    byte[] nonce = new byte[AesGcm.NONCE_SIZE_BYTES];
    random.nextBytes(key);
    random.nextBytes(nonce);
    byte[] commitment = Hashes.hmacSha256(key, Hashes.context(Contexts.KEY_COMMITMENT));
    byte[] sealed =
        AesGcm.seal(
            key, nonce, Padding.pad(text.getBytes(StandardCharsets.UTF_8)), header.encode());
    byte[] payload = new byte[nonce.length + sealed.length];
    System.arraycopy(nonce, 0, payload, 0, nonce.length);
    System.arraycopy(sealed, 0, payload, nonce.length, sealed.length);
    RsaOaepKeyWrap wrap =
        new RsaOaepKeyWrap(random, Contexts.CONTENT_KEY_LABEL.getBytes(StandardCharsets.US_ASCII));
    List<RecipientEntry> entries = new ArrayList<>();
    List<byte[]> leaves = new ArrayList<>();
    for (Recipient recipient : ordered) {
      RecipientEntry entry =
          new RecipientEntry(recipient, Bytes.of(wrap.wrap(bundles.get(recipient).rsaKey(), key)));
      entries.add(entry);
      leaves.add(entry.leafHash());
    }
    byte[] signature =
        sender
            .signer()
            .sign(
                EnvelopeSignature.input(
                    header.encode(), commitment, new MerkleTree(leaves).root(), payload));
    return new Envelope(
        header, Bytes.of(commitment), Bytes.of(payload), entries, Bytes.of(signature));
  }

  private static IdentityKeyPair keysOf(String user) throws Exception {
    return KeyFile.open(
        Files.readAllBytes(relay.homes().resolve(user).resolve("identity.key")),
        PASSPHRASE.clone());
  }

  @Test
  void alteredEnvelopes_headerRecipientsPayloadOrSignature_areEachRejectedWithANotice() {
    List<MessageEvent> withheld = new CopyOnWriteArrayList<>();
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (frame instanceof MessageEvent event
                && event.conversation().equals("#side")
                && link.username().orElse("").equals("bob")) {
              withheld.add(event);
              return List.of();
            }
            return List.of(frame);
          }
        });
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      alice.join("#side");
      bob.join("#side");
      alice.send("#side", "the genuine text");
      await().until(() -> !withheld.isEmpty());
      MessageEvent genuine = withheld.get(0);
      byte[] envelope = genuine.envelope().toByteArray();
      Link link = relay.proxy().linkOf("bob");

      List<Integer> offsets = alteredOffsets(envelope.length, "#side".length(), "alice".length());
      for (int offset : offsets) {
        byte[] altered = envelope.clone();
        altered[offset] ^= 0x01;
        int before = bobEvents.notices.size();
        link.sendToClient(
            new MessageEvent("#side", genuine.seq(), genuine.storedAtMillis(), Bytes.of(altered)));
        await()
            .alias("a notice for the byte altered at offset " + offset)
            .until(() -> bobEvents.notices.size() > before);
      }
      assertThat(bobEvents.messages).isEmpty();

      link.sendToClient(genuine);
      bobEvents.awaitText("the genuine text");
      assertThat(bobEvents.messages).hasSize(1);
    }
  }

  /**
   * Offsets of one byte in every field of a per-recipient form (see PacketDiagram.md): the header
   * (message id, time, conversation, sender, sender key, recipient count, recipient-set hash), then
   * points spread over the entry, audit path, payload and signature, and the last byte.
   */
  private static List<Integer> alteredOffsets(int length, int conversation, int sender) {
    int header = 1;
    List<Integer> out =
        new ArrayList<>(
            List.of(
                header,
                header + 2,
                header + 25,
                header + 27,
                header + 28 + conversation,
                header + 28 + conversation + sender,
                header + 63 + conversation + sender,
                header + 64 + conversation + sender));
    int body = header + 96 + conversation + sender;
    for (int offset = body; offset < length; offset += Math.max(1, (length - body) / 12)) {
      out.add(offset);
    }
    out.add(length - 1);
    return out;
  }

  @Test
  void droppedMessage_isReportedAsAGap_evenWhenTheCatchUpHidesItToo() {
    AtomicLong dropped = new AtomicLong(-1);
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (!link.username().orElse("").equals("bob")) {
              return List.of(frame);
            }
            if (frame instanceof MessageEvent event && event.seq() == dropped.get()) {
              return List.of();
            }
            if (frame instanceof SyncReply reply) {
              return List.of(
                  new SyncReply(
                      reply.re(),
                      reply.conversation(),
                      reply.messages().stream().filter(m -> m.seq() != dropped.get()).toList(),
                      reply.cursor(),
                      reply.more()));
            }
            return List.of(frame);
          }
        });
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      assertThat(bob.username()).hasValue("bob");
      String direct = alice.directWith("bob");
      ChatMessage one = alice.send(direct, "one");
      bobEvents.awaitText("one");
      dropped.set(one.seq() + 1);
      alice.send(direct, "two");
      alice.send(direct, "three");

      bobEvents.awaitText("three");
      bobEvents.awaitNotice("message #" + dropped.get() + " of @alice was not delivered");
      assertThat(bobEvents.messages).extracting(ChatMessage::text).containsExactly("one", "three");
    }
  }

  @Test
  void differentCertificate_isRefusedLoudly_withBothFingerprints_andNotRetried() throws Exception {
    RecordingListener events = new RecordingListener();
    String pinned = relay.proxy().certificateSha256();
    try (RelayChatClient alice = relay.registered("alice", events)) {
      assertThat(alice.send("#lobby", "over the pinned certificate").seq()).isPositive();
      relay.proxy().newCertificate();
      String presented = relay.proxy().certificateSha256();
      relay.proxy().dropConnections();

      String notice = events.awaitNotice("HAS CHANGED");
      assertThat(notice).contains(colons(pinned)).contains(colons(presented));
      events.awaitState(ConnectionState.OFFLINE);
      assertThat(events.connectionDetails)
          .contains(
              "OFFLINE the relay's certificate changed (see its warning, which names both"
                  + " fingerprints); not reconnecting: once that is settled, log in again as"
                  + " alice")
          .noneMatch(detail -> detail.contains("HAS CHANGED"));
      int states = events.states.size();
      await().during(Duration.ofSeconds(2)).until(() -> events.states.size() == states);
      assertThat(alice.connectionState()).isEqualTo(ConnectionState.OFFLINE);
    }
    try (RelayChatClient again = Clients.oneShot(relay.port(), relay.homes())) {
      assertThatThrownBy(() -> again.resume("alice", PASSPHRASE.clone()))
          .isInstanceOf(CommandException.Network.class)
          .hasMessageContaining("HAS CHANGED")
          .hasMessageContaining(colons(pinned));
    }
  }

  private static String colons(String hex) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      out.append(i == 0 ? "" : ":").append(hex, i, i + 2);
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}
