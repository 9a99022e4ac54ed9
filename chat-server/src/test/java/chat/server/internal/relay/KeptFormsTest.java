package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.Fingerprint;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.Recipient;
import chat.server.RelayFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeptFormsTest {
  private static Envelope envelope;
  private static Envelope other;
  private static Envelope twoKeys;

  /**
   * Two messages from alice to herself and three others, and one that lists bob with two keys (his
   * own and one he had before).
   */
  @BeforeAll
  static void seal() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    List<IdentityBundle> members = new ArrayList<>();
    members.add(alice.bundle());
    for (String name : List.of("bob", "carol", "dave")) {
      members.add(RelayFixture.identity(name).bundle());
    }
    envelope = RelayFixture.seal(alice, "#lobby", members, "hello");
    other = RelayFixture.seal(alice, "#lobby", members, "again");
    List<IdentityBundle> withOldKey = new ArrayList<>(members);
    withOldKey.add(RelayFixture.identity("bob").bundle());
    twoKeys = RelayFixture.seal(alice, "#lobby", withOldKey, "to both of bob's keys");
  }

  private static Bytes id(Envelope message) {
    return message.header().messageId();
  }

  private static KeptForms.Message message(Envelope message) {
    return new KeptForms.Message(id(message), message.forms(), message.recipients());
  }

  private static void keep(KeptForms kept, long seq, Envelope message) {
    kept.keep("#lobby", seq, message(message));
  }

  /** {@code userId}'s form of kept message {@code seq}, its registered key unknown. */
  private static KeptForms.Found found(KeptForms kept, long seq, Envelope message, String userId) {
    return kept.formFor("#lobby", seq, id(message), userId, null);
  }

  /** Each reader's form, byte for byte what the stored envelope's forRecipient gives. */
  private static void assertFormsAsStored(KeptForms kept, long seq, Envelope message)
      throws Exception {
    Envelope stored = Envelope.parse(Bytes.of(message.encode()));
    for (String user : List.of("alice", "bob", "carol", "dave")) {
      KeptForms.Found found = found(kept, seq, message, user);
      assertThat(found).as(user).isNotNull();
      assertThat(found.form().toByteArray())
          .as(user)
          .isEqualTo(stored.forRecipient(user).orElseThrow().encode());
    }
  }

  /** Bob's two entries in {@link #twoKeys}, in canonical order. */
  private static List<Recipient> bobsEntries() {
    return twoKeys.recipientSet().stream().filter(r -> r.userId().equals("bob")).toList();
  }

  @Test
  void formFor_eachRecipient_isByteForByteWhatTheStoredEnvelopeGives() throws Exception {
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 7, envelope);

    assertFormsAsStored(kept, 7, envelope);
  }

  @Test
  void formFor_aUserListedWithTwoKeys_theEntryWithItsRegisteredKey() throws Exception {
    List<Recipient> bobs = bobsEntries();
    assertThat(bobs).hasSize(2);
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 3, twoKeys);

    for (Recipient bob : bobs) {
      Bytes form = kept.formFor("#lobby", 3, id(twoKeys), "bob", bob.keyFingerprint()).form();
      assertThat(form.toByteArray())
          .isEqualTo(twoKeys.forRecipient(bob).orElseThrow().encode())
          .isEqualTo(message(twoKeys).formFor("bob", bob.keyFingerprint()).toByteArray());
    }
  }

  @Test
  void formFor_aUserListedWithTwoKeys_neitherRegisteredOrKeyUnknown_theFirstEntry()
      throws Exception {
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 3, twoKeys);
    byte[] first = twoKeys.forRecipient(bobsEntries().get(0)).orElseThrow().encode();
    Fingerprint another = RelayFixture.identity("bob").bundle().fingerprint();

    assertThat(kept.formFor("#lobby", 3, id(twoKeys), "bob", another).form().toByteArray())
        .isEqualTo(first);
    assertThat(found(kept, 3, twoKeys, "bob").form().toByteArray()).isEqualTo(first);
    assertFormsAsStored(kept, 3, twoKeys);
  }

  @Test
  void formFor_notARecipient_aNullForm() {
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 7, envelope);

    KeptForms.Found found = found(kept, 7, envelope, "mallory");

    assertThat(found).isNotNull();
    assertThat(found.form()).isNull();
  }

  @Test
  void formFor_anotherMessageUnderTheSameNumber_orAnotherConversationOrNumber_notKept() {
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 7, envelope);

    assertThat(found(kept, 7, other, "bob")).isNull();
    assertThat(kept.formFor("#other", 7, id(envelope), "bob", null)).isNull();
    assertThat(found(kept, 8, envelope, "bob")).isNull();
  }

  @Test
  void keep_theSameMessageTwice_keptOnceAndCountedOnce() {
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 7, envelope);
    long once = kept.bytesKept();

    keep(kept, 7, envelope);

    assertThat(once)
        .isEqualTo(
            envelope.forms().retainedBytes()
                + KeptForms.BYTES_PER_ENTRY * envelope.recipients().size());
    assertThat(kept.bytesKept()).isEqualTo(once);
  }

  @Test
  void keep_anotherMessageUnderTheSameNumber_replacesIt() throws Exception {
    KeptForms kept = new KeptForms(1 << 20);
    keep(kept, 7, envelope);

    keep(kept, 7, other);

    assertThat(found(kept, 7, envelope, "bob")).isNull();
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
    assertThat(found(kept, 1, envelope, "bob")).isNotNull(); // 1 used last

    keep(kept, 3, envelope);

    assertThat(found(kept, 2, other, "bob")).isNull();
    assertThat(found(kept, 1, envelope, "bob")).isNotNull();
    assertThat(found(kept, 3, envelope, "bob")).isNotNull();
    assertThat(kept.bytesKept()).isEqualTo(2 * one);
  }

  @Test
  void keep_noRoom_keepsNothing() {
    KeptForms kept = new KeptForms(0);
    keep(kept, 1, envelope);

    assertThat(found(kept, 1, envelope, "bob")).isNull();
    assertThat(kept.bytesKept()).isZero();
  }
}
