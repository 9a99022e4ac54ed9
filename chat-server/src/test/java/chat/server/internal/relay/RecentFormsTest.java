package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.RecipientForms;
import chat.server.RelayFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecentFormsTest {
  private static Envelope envelope;
  private static Envelope other;
  private static RecipientForms forms;
  private static RecipientForms otherForms;

  /** Two messages from alice to herself and three others. */
  @BeforeAll
  static void seal() throws Exception {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    List<IdentityBundle> members = new ArrayList<>();
    members.add(alice.bundle());
    for (String name : List.of("bob", "carol", "dave")) {
      members.add(RelayFixture.identity(name).bundle());
    }
    envelope = RelayFixture.seal(alice, "#lobby", members, "hello");
    forms = envelope.verifyForms(alice.bundle().verifier());
    other = RelayFixture.seal(alice, "#lobby", members, "again");
    otherForms = other.verifyForms(alice.bundle().verifier());
  }

  private static Bytes id(Envelope message) {
    return message.header().messageId();
  }

  private static void keep(RecentForms recent, long seq, Envelope message, RecipientForms kept) {
    recent.keep("#lobby", seq, id(message), kept, message.recipients());
  }

  @Test
  void formFor_eachRecipient_isByteForByteWhatTheStoredEnvelopeGives() throws Exception {
    RecentForms recent = new RecentForms(1 << 20);
    keep(recent, 7, envelope, forms);
    Envelope stored = Envelope.parse(Bytes.of(envelope.encode()));

    for (String user : List.of("alice", "bob", "carol", "dave")) {
      RecentForms.Found found = recent.formFor("#lobby", 7, id(envelope), user);
      assertThat(found).isNotNull();
      assertThat(found.form().toByteArray())
          .isEqualTo(stored.forRecipient(user).orElseThrow().encode());
    }
  }

  @Test
  void formFor_notARecipient_aNullForm() {
    RecentForms recent = new RecentForms(1 << 20);
    keep(recent, 7, envelope, forms);

    RecentForms.Found found = recent.formFor("#lobby", 7, id(envelope), "mallory");

    assertThat(found).isNotNull();
    assertThat(found.form()).isNull();
  }

  @Test
  void formFor_anotherMessageUnderTheSameNumber_orAnotherConversation_notKept() {
    RecentForms recent = new RecentForms(1 << 20);
    keep(recent, 7, envelope, forms);

    assertThat(recent.formFor("#lobby", 7, id(other), "bob")).isNull();
    assertThat(recent.formFor("#other", 7, id(envelope), "bob")).isNull();
    assertThat(recent.formFor("#lobby", 8, id(envelope), "bob")).isNull();
  }

  @Test
  void keep_pastItsBytes_theLeastRecentlyUsedGoFirst() {
    RecentForms probe = new RecentForms(1 << 20);
    keep(probe, 1, envelope, forms);
    long one = probe.bytesKept();
    RecentForms recent = new RecentForms(2 * one + one / 2);
    keep(recent, 1, envelope, forms);
    keep(recent, 2, other, otherForms);
    assertThat(recent.formFor("#lobby", 1, id(envelope), "bob")).isNotNull(); // 1 used last

    keep(recent, 3, envelope, forms);

    assertThat(recent.formFor("#lobby", 2, id(other), "bob")).isNull();
    assertThat(recent.formFor("#lobby", 1, id(envelope), "bob")).isNotNull();
    assertThat(recent.formFor("#lobby", 3, id(envelope), "bob")).isNotNull();
    assertThat(recent.bytesKept()).isLessThanOrEqualTo(2 * one + one / 2);
  }

  @Test
  void keep_noRoom_keepsNothing() {
    RecentForms recent = new RecentForms(0);
    keep(recent, 1, envelope, forms);

    assertThat(recent.formFor("#lobby", 1, id(envelope), "bob")).isNull();
    assertThat(recent.bytesKept()).isZero();
  }
}
