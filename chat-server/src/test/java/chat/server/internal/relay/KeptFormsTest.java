package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.Fingerprint;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.MalformedDataException;
import chat.crypto.ReceivedEnvelope;
import chat.crypto.Recipient;
import chat.crypto.RecipientEntry;
import chat.server.RelayFixture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeptFormsTest {
  private static IdentityKeyPair alice;
  private static List<IdentityBundle> members;
  private static Envelope envelope;
  private static Envelope other;

  /** Two messages from alice to herself and three others. */
  @BeforeAll
  static void seal() throws Exception {
    alice = RelayFixture.identity("alice");
    members = new ArrayList<>();
    members.add(alice.bundle());
    for (String name : List.of("bob", "carol", "dave")) {
      members.add(RelayFixture.identity(name).bundle());
    }
    envelope = RelayFixture.seal(alice, "#lobby", members, "hello");
    other = RelayFixture.seal(alice, "#lobby", members, "again");
  }

  private static Bytes id(Envelope message) {
    return message.header().messageId();
  }

  private static KeptForms.Message message(Envelope message) {
    return new KeptForms.Message(id(message), message.unverifiedForms(), received(message));
  }

  /** {@code message} as the relay reads it from its store. */
  static ReceivedEnvelope received(Envelope message) {
    try {
      return ReceivedEnvelope.parse(Bytes.of(message.encode()));
    } catch (MalformedDataException e) {
      throw new AssertionError(e);
    }
  }

  private static void keep(KeptForms kept, long seq, Envelope message) {
    kept.keep("#lobby", seq, message(message));
  }

  /** A registered key that is never looked up. */
  private static Optional<Fingerprint> notAsked() {
    throw new AssertionError("the registered key was looked up");
  }

  /** {@code userId}'s form of kept message {@code seq} of #lobby, if it is kept. */
  private static Optional<Optional<Bytes>> found(
      KeptForms kept, long seq, Envelope message, String userId) {
    return kept.find("#lobby", seq, id(message))
        .map(forms -> forms.formFor(userId, KeptFormsTest::notAsked));
  }

  /** Each reader's form, byte for byte what the stored envelope's forRecipient gives. */
  private static void assertFormsAsStored(KeptForms kept, long seq, Envelope message)
      throws Exception {
    Envelope stored = Envelope.parse(Bytes.of(message.encode()));
    for (String user : List.of("alice", "bob", "carol", "dave")) {
      assertThat(found(kept, seq, message, user).orElseThrow().orElseThrow().toByteArray())
          .as(user)
          .isEqualTo(stored.forRecipient(user).orElseThrow().encode());
    }
  }

  /** A message that lists a user with several keys, and those keys in canonical order. */
  private record SeveralKeys(Envelope message, List<Fingerprint> keys) {}

  /** To three of ben's keys, and to three of zed's, each message also to the members. */
  private static final Map<String, SeveralKeys> SEVERAL_KEYS = new HashMap<>();

  /**
   * A message from alice to the members and to three keys of {@code user}, who is not one of them,
   * made once.
   */
  private static SeveralKeys withSeveralKeys(String user) {
    return SEVERAL_KEYS.computeIfAbsent(
        user,
        name -> {
          List<IdentityBundle> keys = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            keys.add(RelayFixture.identity(name).bundle());
          }
          keys.sort(Comparator.comparing(Recipient::of, Recipient.CANONICAL_ORDER));
          List<IdentityBundle> to = new ArrayList<>(members);
          to.addAll(keys);
          return new SeveralKeys(
              RelayFixture.seal(alice, "#lobby", to, "to three of " + name + "'s keys"),
              keys.stream().map(IdentityBundle::fingerprint).toList());
        });
  }

  /** {@code user}'s entries in {@code message}, in canonical order. */
  private static List<Recipient> entriesOf(Envelope message, String user) {
    return message.recipientSet().stream().filter(r -> r.userId().equals(user)).toList();
  }

  @Test
  void formFor_eachRecipient_isByteForByteWhatTheStoredEnvelopeGives() throws Exception {
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 7, envelope);

    assertFormsAsStored(kept, 7, envelope);
  }

  @Test
  void formFor_aUserListedWithSeveralKeys_theEntryWithItsRegisteredKeyWhereverItIs()
      throws Exception {
    // "ben" sorts among the members, "zed" after them all, so his entries are the message's last.
    for (String user : List.of("ben", "zed")) {
      SeveralKeys several = withSeveralKeys(user);
      Envelope message = several.message();
      for (Fingerprint registered : several.keys()) {
        assertThat(entriesOf(message, user)).hasSize(3);
        KeptForms kept = new KeptForms(1 << 20);
        keep(kept, 3, message);

        Bytes form =
            kept.find("#lobby", 3, id(message))
                .orElseThrow()
                .formFor(user, () -> Optional.of(registered))
                .orElseThrow();

        assertThat(form.toByteArray())
            .as("%s's key %d of 3", user, several.keys().indexOf(registered) + 1)
            .isEqualTo(
                message.forRecipient(new Recipient(user, registered)).orElseThrow().encode());
        assertFormsAsStored(kept, 3, message); // the others are asked for no key
        int entry =
            KeptForms.entryFor(received(message), user, () -> Optional.of(registered))
                .orElseThrow();
        assertThat(message.recipients().get(entry).recipient())
            .isEqualTo(new Recipient(user, registered));
      }
    }
  }

  @Test
  void formFor_aUserListedWithSeveralKeys_noneRegisteredOrKeyUnknown_theFirstEntry() {
    Envelope message = withSeveralKeys("ben").message();
    KeptForms.Message forms = message(message);
    byte[] first = message.forRecipient(entriesOf(message, "ben").get(0)).orElseThrow().encode();
    Fingerprint another = RelayFixture.identity("ben").bundle().fingerprint();

    assertThat(forms.formFor("ben", () -> Optional.of(another)).orElseThrow().toByteArray())
        .isEqualTo(first);
    assertThat(forms.formFor("ben", Optional::empty).orElseThrow().toByteArray()).isEqualTo(first);
  }

  @Test
  void entryFor_eachRecipientsFirstEntry_noneForAStranger_keyAskedOnlyForSeveral() {
    List<RecipientEntry> entries = envelope.recipients();
    ReceivedEnvelope received = received(envelope);
    for (int i = 0; i < entries.size(); i++) {
      assertThat(
              KeptForms.entryFor(received, entries.get(i).recipient().userId(), () -> notAsked()))
          .hasValue(i);
    }
    assertThat(KeptForms.entryFor(received, "mallory", () -> notAsked())).isEmpty();
    Envelope several = withSeveralKeys("ben").message();
    int first = several.recipientSet().indexOf(entriesOf(several, "ben").get(0));
    assertThat(KeptForms.entryFor(received(several), "ben", Optional::empty)).hasValue(first);
  }

  @Test
  void estimatedBytes_aLittleMoreThanWhatAKeptMessageCounts() {
    for (Envelope message : List.of(envelope, withSeveralKeys("zed").message())) {
      long counted = message(message).bytes();

      long estimated =
          KeptForms.estimatedBytes(message.encode().length, message.recipients().size());

      assertThat(estimated).isBetween(counted, counted + counted / 20);
    }
  }

  @Test
  void formFor_notARecipient_none() {
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 7, envelope);

    assertThat(found(kept, 7, envelope, "mallory")).contains(Optional.empty());
  }

  @Test
  void find_anotherMessageUnderTheSameNumber_orAnotherConversationOrNumber_notKept() {
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 7, envelope);

    assertThat(kept.find("#lobby", 7, id(other))).isEmpty();
    assertThat(kept.find("#other", 7, id(envelope))).isEmpty();
    assertThat(kept.find("#lobby", 8, id(envelope))).isEmpty();
    assertThat(kept.find("#lobby", 7, id(envelope))).isPresent();
  }

  @Test
  void keep_theSameMessageTwice_keptOnceAndCountedOnce() {
    KeptForms kept = new KeptForms(1 << 20);
    assertThat(kept.keep("#lobby", 7, message(envelope))).isTrue();
    long once = kept.bytesKept();

    assertThat(kept.keep("#lobby", 7, message(envelope))).isFalse();

    assertThat(once)
        .isEqualTo(
            envelope.unverifiedForms().retainedBytes()
                + KeptForms.BYTES_PER_ENTRY * envelope.recipients().size());
    assertThat(kept.bytesKept()).isEqualTo(once);
  }

  @Test
  void keep_anotherMessageUnderTheSameNumber_replacesIt() throws Exception {
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 7, envelope);

    keep(kept, 7, other);

    assertThat(kept.find("#lobby", 7, id(envelope))).isEmpty();
    assertFormsAsStored(kept, 7, other);
    assertThat(kept.bytesKept()).isEqualTo(message(other).bytes());
  }

  @Test
  void keep_pastItsBytes_theLeastRecentlyUsedGoFirst() {
    long one = message(envelope).bytes();
    assertThat(message(other).bytes()).isEqualTo(one);
    KeptForms kept = new KeptForms(2 * one + one / 2);
    keep(kept, 1, envelope);
    keep(kept, 2, other);
    assertThat(kept.find("#lobby", 1, id(envelope))).isPresent(); // 1 used last

    keep(kept, 3, envelope);

    assertThat(kept.find("#lobby", 2, id(other))).isEmpty();
    assertThat(kept.find("#lobby", 1, id(envelope))).isPresent();
    assertThat(kept.find("#lobby", 3, id(envelope))).isPresent();
    assertThat(kept.bytesKept()).isEqualTo(2 * one);
  }

  @Test
  void keep_noRoom_keepsNothing() {
    KeptForms kept = new KeptForms(0);

    assertThat(kept.keep("#lobby", 1, message(envelope))).isFalse();

    assertThat(kept.find("#lobby", 1, id(envelope))).isEmpty();
    assertThat(kept.bytesKept()).isZero();
  }

  @Test
  void forget_aConversation_itsMessagesGoOthersStay() {
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 1, envelope);
    keep(kept, 2, other);
    kept.keep("#other", 1, message(envelope));

    kept.forget("#lobby");

    assertThat(kept.find("#lobby", 1, id(envelope))).isEmpty();
    assertThat(kept.find("#lobby", 2, id(other))).isEmpty();
    assertThat(kept.find("#other", 1, id(envelope))).isPresent();
    assertThat(kept.bytesKept()).isEqualTo(message(envelope).bytes());
  }

  @Test
  void keepAndFind_fromSeveralThreadsAtOnce_theBytesKeptAddUp() throws Exception {
    long one = message(envelope).bytes();
    KeptForms kept = new KeptForms(10 * one);
    KeptForms.Message[] messages = {message(envelope), message(other)};
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    long seq = (i * 7L + thread) % 25;
                    KeptForms.Message message = messages[(int) (seq % 2)];
                    if (kept.find("#lobby", seq, message == messages[0] ? id(envelope) : id(other))
                        .isEmpty()) {
                      kept.keep("#lobby", seq, message);
                    }
                    if (i % 500 == 0) {
                      kept.forget("#nowhere");
                    }
                  }
                }));
      }
      for (Future<?> each : done) {
        each.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    int found = 0;
    for (long seq = 0; seq < 25; seq++) {
      if (kept.find("#lobby", seq, seq % 2 == 0 ? id(envelope) : id(other)).isPresent()) {
        found++;
      }
    }
    assertThat(found).isEqualTo(10);
    assertThat(kept.bytesKept()).isEqualTo(10 * one);
  }
}
