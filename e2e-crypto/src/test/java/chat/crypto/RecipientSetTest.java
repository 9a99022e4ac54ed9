package chat.crypto;

import static chat.crypto.EnvelopeFixtures.ALICE;
import static chat.crypto.EnvelopeFixtures.BOB;
import static chat.crypto.EnvelopeFixtures.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.internal.ByteWriter;
import chat.crypto.internal.Hashes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipientSetTest {
  private static final Recipient A = Recipient.of(ALICE.bundle());
  private static final Recipient B = Recipient.of(BOB.bundle());
  private static final Recipient C = Recipient.of(CAROL.bundle());

  private static Recipient named(String userId, int fingerprintByte) {
    byte[] fingerprint = new byte[Fingerprint.SIZE_BYTES];
    fingerprint[0] = (byte) fingerprintByte;
    return new Recipient(userId, Fingerprint.of(fingerprint));
  }

  @Test
  void hash_anyInputOrder_sameHash() {
    Bytes expected = RecipientSet.hash(List.of(A, B, C));

    assertThat(RecipientSet.hash(List.of(C, A, B))).isEqualTo(expected);
    assertThat(RecipientSet.hash(List.of(B, C, A))).isEqualTo(expected);
  }

  @Test
  void hash_memberAddedOrKeyChanged_differs() {
    Bytes known = RecipientSet.hash(List.of(A, B));

    assertThat(RecipientSet.hash(List.of(A, B, C))).isNotEqualTo(known);
    assertThat(RecipientSet.hash(List.of(A, new Recipient("bob", C.keyFingerprint()))))
        .isNotEqualTo(known);
  }

  @Test
  void hash_twoRecipients_matchesSpecFormula() {
    ByteWriter expected = new ByteWriter(200);
    expected.raw(Hashes.context("chat-e2e/v1/recipient-set")).u32(2);
    expected.string8("alice").raw(A.keyFingerprint().value());
    expected.string8("bob").raw(B.keyFingerprint().value());

    assertThat(RecipientSet.hash(List.of(B, A)))
        .isEqualTo(Bytes.of(Hashes.sha256(expected.toByteArray())));
  }

  @Test
  void canonical_ordersByUtf8BytesThenFingerprint() {
    Recipient upper = named("Zed", 0);
    Recipient lower = named("alice", 0);
    Recipient replacementChar = named("\uFFFD", 0);
    Recipient emoji = named("\uD83D\uDE00", 0);
    Recipient sameIdHigherKey = named("alice", 0x80);

    assertThat(
            RecipientSet.canonical(List.of(emoji, sameIdHigherKey, replacementChar, lower, upper)))
        .containsExactly(upper, lower, sameIdHigherKey, replacementChar, emoji);
  }

  @Test
  void canonical_duplicate_throwsIllegalArgument() {
    assertThatThrownBy(() -> RecipientSet.canonical(List.of(A, B, A)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void canonical_emptyOrTooMany_throwsIllegalArgument() {
    List<Recipient> tooMany = new ArrayList<>();
    for (int i = 0; i <= RecipientSet.MAX_RECIPIENTS; i++) {
      tooMany.add(named("user" + i, 0));
    }

    assertThatThrownBy(() -> RecipientSet.canonical(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecipientSet.hash(tooMany))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
