package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.ChatMessage;
import chat.cli.client.HistoryPage;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.LeftOutMessages.Reason;
import chat.cli.client.internal.RelayChatClient;
import chat.crypto.Bytes;
import chat.crypto.EnvelopeHeader;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import chat.crypto.MalformedDataException;
import chat.crypto.RecipientEnvelope;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.Frame;
import chat.protocol.HistoryReply;
import chat.protocol.MessageEvent;
import chat.protocol.StoredMessage;
import chat.protocol.SyncReply;
import chat.server.RelayFixture;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * History pages served by a relay that misbehaves on purpose ({@link HostileRelay}): what a page
 * cannot show is counted in {@link HistoryPage#leftOut}, never dropped without a word.
 */
class HostileRelayHistoryTest {
  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "bob");

  /**
   * Serves bob's history pages with the envelopes of the sequence numbers in {@code replaced}
   * replaced, and keeps each message pushed to him in {@code pushed}.
   */
  private static Tamper replacingInHistory(Map<Long, Bytes> replaced, List<MessageEvent> pushed) {
    return new Tamper() {
      @Override
      public List<Frame> toClient(Link link, Frame frame) {
        if (!link.username().filter("bob"::equals).isPresent()) {
          return List.of(frame);
        }
        if (frame instanceof MessageEvent event) {
          pushed.add(event);
        }
        if (!(frame instanceof HistoryReply reply)) {
          return List.of(frame);
        }
        List<StoredMessage> messages = new ArrayList<>();
        for (StoredMessage m : reply.messages()) {
          Bytes envelope = replaced.getOrDefault(m.seq(), m.envelope());
          messages.add(new StoredMessage(m.seq(), m.storedAtMillis(), envelope));
        }
        return List.of(
            new HistoryReply(
                reply.re(), reply.conversation(), messages, reply.nextBefore(), reply.more()));
      }
    };
  }

  /**
   * In bob's direct conversations, replaces the envelopes of the sequence numbers in {@code
   * replaced} wherever they reach him (pushed, in a history page, in a catch-up), and drops the
   * pushes of those in {@code withheld}.
   */
  private static Tamper replacingForBob(Map<Long, Bytes> replaced, Set<Long> withheld) {
    return rewritingForBob(IN_DIRECT, replaced::getOrDefault, withheld);
  }

  /** Bob's direct conversations, for {@link #rewritingForBob}. */
  private static final Predicate<String> IN_DIRECT = conversation -> conversation.startsWith("@");

  /**
   * In bob's conversations that {@code where} takes, gives him each envelope as {@code rewrite}
   * makes it of its sequence number and the envelope stored, wherever it reaches him (pushed, in a
   * history page, in a catch-up), and drops the pushes of the sequence numbers in {@code withheld}.
   */
  private static Tamper rewritingForBob(
      Predicate<String> where, BiFunction<Long, Bytes, Bytes> rewrite, Set<Long> withheld) {
    return new Tamper() {
      @Override
      public List<Frame> toClient(Link link, Frame frame) {
        if (!link.username().filter("bob"::equals).isPresent()) {
          return List.of(frame);
        }
        if (frame instanceof MessageEvent event && where.test(event.conversation())) {
          if (withheld.contains(event.seq())) {
            return List.of();
          }
          return List.of(
              new MessageEvent(
                  event.conversation(),
                  event.seq(),
                  event.storedAtMillis(),
                  rewrite.apply(event.seq(), event.envelope())));
        }
        if (frame instanceof HistoryReply reply && where.test(reply.conversation())) {
          return List.of(
              new HistoryReply(
                  reply.re(),
                  reply.conversation(),
                  rewrite(reply.messages(), rewrite),
                  reply.nextBefore(),
                  reply.more()));
        }
        if (frame instanceof SyncReply reply && where.test(reply.conversation())) {
          return List.of(
              new SyncReply(
                  reply.re(),
                  reply.conversation(),
                  rewrite(reply.messages(), rewrite),
                  reply.cursor(),
                  reply.more()));
        }
        return List.of(frame);
      }
    };
  }

  private static List<StoredMessage> rewrite(
      List<StoredMessage> messages, BiFunction<Long, Bytes, Bytes> rewrite) {
    List<StoredMessage> out = new ArrayList<>();
    for (StoredMessage m : messages) {
      out.add(new StoredMessage(m.seq(), m.storedAtMillis(), rewrite.apply(m.seq(), m.envelope())));
    }
    return out;
  }

  /**
   * Rewrites in bob's direct conversations the envelopes of the sequence numbers in {@code senders}
   * to name the sender given there: a forgery the relay could make of any name, which parses but
   * names a sender who is not one of the conversation's two people.
   */
  static Tamper forgingSendersForBob(Map<Long, String> senders) {
    return forgingSendersForBob(IN_DIRECT, senders);
  }

  /**
   * {@link #forgingSendersForBob(Map)} in the conversations {@code where} takes: in a room, a
   * forgery that names a sender the relay has no key for.
   */
  private static Tamper forgingSendersForBob(Predicate<String> where, Map<Long, String> senders) {
    return rewritingForBob(
        where,
        (seq, envelope) ->
            senders.containsKey(seq) ? withSender(envelope, senders.get(seq)) : envelope,
        Set.of());
  }

  /** {@code envelope} with its header naming {@code sender}; its signature no longer fits. */
  private static Bytes withSender(Bytes envelope, String sender) {
    try {
      RecipientEnvelope e = RecipientEnvelope.parse(envelope.toByteArray());
      EnvelopeHeader h = e.header();
      EnvelopeHeader forged =
          new EnvelopeHeader(
              h.messageId(),
              h.timestampMillis(),
              h.conversationId(),
              sender,
              h.senderKey(),
              h.recipientCount(),
              h.recipientSetHash());
      return Bytes.of(
          new RecipientEnvelope(
                  forged,
                  e.keyCommitment(),
                  e.payload(),
                  e.leafIndex(),
                  e.entry(),
                  e.auditPath(),
                  e.signature())
              .encode());
    } catch (MalformedDataException e) {
      throw new IllegalStateException("the relay stored an envelope that does not parse", e);
    }
  }

  /** What a test checks while alice and bob are logged in, given "two"'s sequence number. */
  private interface LiveCheck {
    void check(RelayChatClient bob, RecordingListener bobEvents, String direct, long two);
  }

  /**
   * alice sends bob "one", then "two" (telling {@code beforeTwo} its sequence number just before)
   * and "three" while he is logged in; once bob has "three", {@code check} runs, both still logged
   * in.
   */
  private static void aliceWritesToBobLive(LongConsumer beforeTwo, LiveCheck check) {
    aliceWritesToBobLive(null, beforeTwo, check);
  }

  /**
   * {@link #aliceWritesToBobLive(LongConsumer, LiveCheck)} in {@code room}, which both are in
   * (null: in their direct conversation).
   */
  private static void aliceWritesToBobLive(String room, LongConsumer beforeTwo, LiveCheck check) {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      assertThat(bob.username()).hasValue("bob");
      String direct = room != null ? room : alice.directWith("bob");
      long two = alice.send(direct, "one").seq() + 1;
      bobEvents.awaitText("one");
      beforeTwo.accept(two);
      alice.send(direct, "two");
      alice.send(direct, "three");
      bobEvents.awaitText("three");
      check.check(bob, bobEvents, direct, two);
    }
  }

  /** bob's direct conversation with alice, and the message alice sent while he was there. */
  private record Away(String direct, long first) {}

  /**
   * alice sends bob a message while he is logged in, then, once he is not, {@code count} more,
   * telling {@code beforeSending} the sequence number of each just before, then "after them".
   */
  private static Away aliceWritesWhileBobIsAway(int count, LongConsumer beforeSending) {
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener())) {
      RecordingListener bobEvents = new RecordingListener();
      String direct;
      long first;
      try (RelayChatClient bob = relay.registered("bob", bobEvents)) {
        assertThat(bob.username()).hasValue("bob");
        direct = alice.directWith("bob");
        first = alice.send(direct, "while bob is here").seq();
        bobEvents.awaitText("while bob is here");
      }
      for (int i = 1; i <= count; i++) {
        beforeSending.accept(first + i);
        alice.send(direct, "while bob is away " + i);
      }
      alice.send(direct, "after them");
      return new Away(direct, first);
    }
  }

  /** bob, logged in again with {@code back} listening, once his catch-up reached "after them". */
  private static RelayChatClient bobBack(RecordingListener back) {
    RelayChatClient bob = Clients.live(relay.port(), relay.homes());
    try {
      bob.addListener(back);
      bob.login("bob", Clients.PASSWORD.clone(), Clients.PASSPHRASE.clone());
      back.awaitText("after them");
      return bob;
    } catch (RuntimeException | Error e) {
      bob.close();
      throw e;
    }
  }

  /**
   * A message a page leaves out between two it gives (as the relay does with one it cannot read
   * back) is not said to be from before this user joined.
   */
  @Test
  void historyPage_aMessageMissingBetweenTwoGiven_isSaidNotGiven_notSentBeforeJoining() {
    Set<Long> dropped = ConcurrentHashMap.newKeySet();
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (link.username().filter("bob"::equals).isPresent()
                && frame instanceof HistoryReply reply) {
              List<StoredMessage> kept =
                  reply.messages().stream().filter(m -> !dropped.contains(m.seq())).toList();
              return List.of(
                  new HistoryReply(
                      reply.re(), reply.conversation(), kept, reply.nextBefore(), reply.more()));
            }
            return List.of(frame);
          }
        });
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      assertThat(bob.username()).hasValue("bob");
      String direct = alice.directWith("bob");
      alice.send(direct, "one");
      dropped.add(alice.send(direct, "two").seq());
      alice.send(direct, "three");
      bobEvents.awaitText("three");

      HistoryPage page = bob.historyPage(direct, 10);

      assertThat(page.messages()).extracting(ChatMessage::text).containsExactly("one", "three");
      assertThat(page.notForYouNote("@alice"))
          .contains(
              "1 message in @alice newer than the oldest one the relay gave you was not given to you: not"
                  + " encrypted to you (sent while you were not in it, or before the sender saw you"
                  + " join), or withheld by the relay");
    }
  }

  @Test
  void historyPage_damagedEnvelopeAndOneFromAnotherConversation_areCountedAsLeftOut() {
    Map<Long, Bytes> replaced = new ConcurrentHashMap<>();
    List<MessageEvent> pushed = new CopyOnWriteArrayList<>();
    relay.tamper(replacingInHistory(replaced, pushed));
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      assertThat(bob.username()).hasValue("bob");
      alice.send("#lobby", "said in the lobby");
      bobEvents.awaitText("said in the lobby");
      Bytes fromTheLobby =
          pushed.stream()
              .filter(event -> event.conversation().equals("#lobby"))
              .findFirst()
              .orElseThrow()
              .envelope();
      String direct = alice.directWith("bob");
      alice.send(direct, "one");
      ChatMessage two = alice.send(direct, "two");
      ChatMessage three = alice.send(direct, "three");
      alice.send(direct, "four");
      bobEvents.awaitText("four");
      replaced.put(two.seq(), Bytes.of(new byte[] {1, 2, 3}));
      replaced.put(three.seq(), fromTheLobby);

      HistoryPage page = bob.historyPage(direct, 10);

      assertThat(page.messages()).extracting(ChatMessage::text).containsExactly("one", "four");
      assertThat(page.leftOut())
          .containsExactly(
              LeftOutMessages.one(direct, "", Reason.DAMAGED, two.seq()),
              LeftOutMessages.one(direct, "alice", Reason.NOT_FOR_THIS_CONVERSATION, three.seq()));
    }
  }

  @Test
  void historyPage_countsWhatItLeftOutAmongTheMessagesShown_notOlderOnes() {
    Map<Long, Bytes> replaced = new ConcurrentHashMap<>();
    relay.tamper(replacingInHistory(replaced, new CopyOnWriteArrayList<>()));
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      assertThat(bob.username()).hasValue("bob");
      String direct = alice.directWith("bob");
      List<ChatMessage> sent = new ArrayList<>();
      for (int i = 1; i <= 6; i++) {
        sent.add(alice.send(direct, "message " + i));
      }
      bobEvents.awaitText("message 6");
      replaced.put(sent.get(1).seq(), Bytes.of(new byte[] {2})); // older than the two shown
      replaced.put(sent.get(4).seq(), Bytes.of(new byte[] {5})); // between them

      HistoryPage page = bob.historyPage(direct, 2);

      assertThat(page.messages())
          .extracting(ChatMessage::text)
          .containsExactly("message 4", "message 6");
      assertThat(page.leftOut())
          .containsExactly(LeftOutMessages.one(direct, "", Reason.DAMAGED, sent.get(4).seq()));
    }
  }

  @Test
  void damagedEnvelopePushedLive_isLeftOutWithItsSeq_theOneTheHistoryPageCounts() {
    Map<Long, Bytes> replaced = new ConcurrentHashMap<>();
    relay.tamper(replacingForBob(replaced, Set.of()));
    aliceWritesToBobLive(
        seq -> replaced.put(seq, Bytes.of(new byte[] {1, 2, 3})),
        (bob, bobEvents, direct, two) -> {
          LeftOutMessages damaged = LeftOutMessages.one(direct, "", Reason.DAMAGED, two);
          assertThat(bobEvents.leftOut).containsExactly(damaged);
          assertThat(bob.historyPage(direct, 10).leftOut()).containsExactly(damaged);
        });
  }

  @Test
  void catchUp_severalDamagedEnvelopes_oneNoticeCountingThem() {
    Map<Long, Bytes> replaced = new ConcurrentHashMap<>();
    relay.tamper(replacingForBob(replaced, Set.of()));
    Away away =
        aliceWritesWhileBobIsAway(3, seq -> replaced.put(seq, Bytes.of(new byte[] {(byte) seq})));
    String direct = away.direct();
    long first = away.first();
    RecordingListener back = new RecordingListener();
    try (RelayChatClient bob = bobBack(back)) {
      assertThat(bob.username()).hasValue("bob");
      await().atMost(Duration.ofSeconds(15)).until(() -> !back.leftOut.isEmpty());

      assertThat(back.leftOut)
          .containsExactly(
              new LeftOutMessages(
                  direct, "", Reason.DAMAGED, List.of(first + 1, first + 2, first + 3)));
      assertThat(back.notices)
          .filteredOn(notice -> notice.contains("damaged"))
          .containsExactly(
              direct
                  + ": 3 messages are damaged (they are not valid envelopes); they are not shown");
    }
  }

  @Test
  void damagedEnvelopePushedAfterAGap_theCatchUpFetchedItToo_leftOutOnce() {
    Map<Long, Bytes> replaced = new ConcurrentHashMap<>();
    Set<Long> withheld = ConcurrentHashMap.newKeySet();
    relay.tamper(replacingForBob(replaced, withheld));
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice", new RecordingListener());
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      assertThat(bob.username()).hasValue("bob");
      String direct = alice.directWith("bob");
      long first = alice.send(direct, "one").seq();
      bobEvents.awaitText("one");
      withheld.add(first + 1); // its push never comes: the next push finds a gap
      replaced.put(first + 2, Bytes.of(new byte[] {1, 2, 3}));
      alice.send(direct, "two");
      alice.send(direct, "three");
      alice.send(direct, "four");
      bobEvents.awaitText("four");

      assertThat(bobEvents.messages).extracting(ChatMessage::text).contains("two");
      assertThat(bobEvents.leftOut)
          .containsExactly(LeftOutMessages.one(direct, "", Reason.DAMAGED, first + 2));
    }
  }

  @Test
  void envelopePushedLiveNamingASenderTheRelayHasNoKeyFor_saidWithItsSeqAndWhy() {
    Map<Long, String> senders = new ConcurrentHashMap<>();
    relay.tamper(forgingSendersForBob("#lobby"::equals, senders));
    aliceWritesToBobLive(
        "#lobby",
        seq -> senders.put(seq, "mallory"),
        (bob, bobEvents, direct, two) -> {
          assertThat(bobEvents.leftOut).hasSize(1);
          LeftOutMessages left = bobEvents.leftOut.get(0);
          assertThat(left.reason()).isEqualTo(Reason.NO_KEY);
          assertThat(left.seqs()).containsExactly(two);
          assertThat(left.detail()).isNotEmpty();
          assertThat(bobEvents.notices)
              .contains(
                  direct
                      + ": message #"
                      + two
                      + " from mallory cannot be checked: no usable key for that sender ("
                      + left.detail()
                      + "); not shown");
          assertThat(bob.historyPage(direct, 10).leftOut())
              .containsExactly(LeftOutMessages.one(direct, "mallory", Reason.NO_KEY, two));
        });
  }

  @Test
  void envelopePushedLiveNamingAnOutsiderOfTheDirectConversation_isLeftOut_liveAndInHistory() {
    Map<Long, String> senders = new ConcurrentHashMap<>();
    relay.tamper(forgingSendersForBob(senders));
    aliceWritesToBobLive(
        seq -> senders.put(seq, "mallory"),
        (bob, bobEvents, direct, two) -> {
          assertThat(bobEvents.leftOut)
              .containsExactly(LeftOutMessages.one(direct, "mallory", Reason.NOT_A_PARTY, two));
          assertThat(bob.historyPage(direct, 10).leftOut())
              .containsExactly(LeftOutMessages.one(direct, "mallory", Reason.NOT_A_PARTY, two));
        });
  }

  @Test
  void catchUp_envelopesForgedInTwelveSendersNames_fiveNamed_theOthersSaidOnceTogether() {
    Map<Long, String> senders = new ConcurrentHashMap<>();
    relay.tamper(forgingSendersForBob(senders));
    Away away =
        aliceWritesWhileBobIsAway(
            12, seq -> senders.put(seq, String.format("forged%02d", senders.size() + 1)));
    String direct = away.direct();
    long first = away.first();
    RecordingListener back = new RecordingListener();
    try (RelayChatClient bob = bobBack(back)) {
      assertThat(bob.username()).hasValue("bob");
      await().atMost(Duration.ofSeconds(15)).until(() -> !back.leftOutFromOthers.isEmpty());

      assertThat(back.leftOut)
          .extracting(LeftOutMessages::sender)
          .containsExactly("forged01", "forged02", "forged03", "forged04", "forged05");
      assertThat(back.leftOutFromOthers).hasSize(1);
      assertThat(back.leftOutFromOthers.get(0).seqs())
          .containsExactly(
              first + 6, first + 7, first + 8, first + 9, first + 10, first + 11, first + 12);
      assertThat(back.notices).filteredOn(notice -> notice.contains("not shown")).hasSize(6);
      assertThat(back.notices)
          .contains(
              direct
                  + ": and 7 more messages from 7 other senders were left out; they are not"
                  + " shown");
    }
  }

  /**
   * Bob's clock runs an hour ahead of the relay's and alice's (a message pushed live is taken as
   * stored no earlier than it arrives by his clock); the relay restamps his history as told.
   */
  @Test
  void aMessageOfAnEarlierKeyStoredAfterThatKeyWasReplaced_isLeftOut_inHistoryAndLive()
      throws Exception {
    Map<Long, Long> restamped = new ConcurrentHashMap<>();
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toClient(Link link, Frame frame) {
            if (!link.username().filter("bob"::equals).isPresent()
                || !(frame instanceof HistoryReply reply)) {
              return List.of(frame);
            }
            List<StoredMessage> messages = new ArrayList<>();
            for (StoredMessage m : reply.messages()) {
              long storedAt = restamped.getOrDefault(m.seq(), m.storedAtMillis());
              messages.add(new StoredMessage(m.seq(), storedAt, m.envelope()));
            }
            return List.of(
                new HistoryReply(
                    reply.re(), reply.conversation(), messages, reply.nextBefore(), reply.more()));
          }
        });
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice");
        RelayChatClient bob =
            Clients.live(
                relay.port(),
                relay.homes(),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))) {
      bob.addListener(bobEvents);
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      String direct = alice.directWith("bob");
      alice.send(direct, "one");
      ChatMessage two = alice.send(direct, "two");
      bobEvents.awaitText("two");
      IdentityKeyPair oldAlice =
          KeyFile.open(
              Files.readAllBytes(relay.homes().resolve("alice").resolve("identity.key")),
              PASSPHRASE.clone());
      alice.replaceKeys("alice", PASSWORD.clone(), "second passphrase".toCharArray());
      bobEvents.awaitEvent("trust alice CHANGED");
      bob.trust("alice");
      assertThat(bob.historyPage(direct, 10).messages())
          .extracting(ChatMessage::text)
          .containsExactly("one", "two"); // the earlier key, pinned here, signed both

      // a relay holding the leaked earlier key places its message after the change
      restamped.put(two.seq(), System.currentTimeMillis() + Duration.ofHours(1).toMillis());
      HistoryPage page = bob.historyPage(direct, 10);

      assertThat(page.messages()).extracting(ChatMessage::text).containsExactly("one");
      assertThat(page.leftOut())
          .containsExactly(LeftOutMessages.one(direct, "alice", Reason.OLD_KEY, two.seq()));

      // ... or pushes a new one live, stamped as stored before the change: it arrives now
      IdentityBundle bobKey =
          KeyFile.open(
                  Files.readAllBytes(relay.homes().resolve("bob").resolve("identity.key")),
                  PASSPHRASE.clone())
              .bundle();
      RecipientEnvelope late =
          RelayFixture.seal(
                  oldAlice,
                  direct,
                  List.of(oldAlice.bundle(), bobKey),
                  "{\"kind\":\"text\",\"text\":\"forged late\"}")
              .forRecipient("bob")
              .orElseThrow();
      relay
          .proxy()
          .linkOf("bob")
          .sendToClient(
              new MessageEvent(
                  direct, two.seq() + 1, two.storedAtMillis(), Bytes.of(late.encode())));
      bobEvents.awaitNotice(
          LeftOutMessages.one(direct, "alice", Reason.OLD_KEY, two.seq() + 1).notice());
      assertThat(bobEvents.messages).extracting(ChatMessage::text).doesNotContain("forged late");
    }
  }
}
