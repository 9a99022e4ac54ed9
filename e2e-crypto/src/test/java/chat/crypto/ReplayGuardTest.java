package chat.crypto;

import static chat.crypto.EnvelopeFixtures.ALICE;
import static chat.crypto.EnvelopeFixtures.BOB;
import static chat.crypto.EnvelopeFixtures.CONVERSATION;
import static chat.crypto.EnvelopeFixtures.opener;
import static chat.crypto.EnvelopeFixtures.sealer;
import static chat.crypto.EnvelopeFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  private static Bytes id(int n) {
    byte[] id = new byte[EnvelopeHeader.MESSAGE_ID_SIZE_BYTES];
    id[0] = (byte) n;
    return Bytes.of(id);
  }

  @Test
  void accept_sameIdTwice_throwsReplay() throws Exception {
    ReplayGuard guard = new ReplayGuard(100);
    guard.accept(id(1));

    assertThatThrownBy(() -> guard.accept(id(1))).isInstanceOf(ReplayException.class);
  }

  @Test
  void accept_distinctIds_allAccepted() throws Exception {
    ReplayGuard guard = new ReplayGuard(100);

    for (int n = 0; n < 50; n++) {
      guard.accept(id(n));
    }
  }

  @Test
  void accept_sameEnvelopeOpenedTwice_secondThrowsReplay() throws Exception {
    Envelope envelope = sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle()), utf8("once"));
    byte[] wire = envelope.encode();
    ReplayGuard guard = new ReplayGuard(100);
    guard.accept(opener().open(BOB, ALICE.bundle(), Envelope.parse(wire)).header().messageId());

    OpenedMessage again = opener().open(BOB, ALICE.bundle(), Envelope.parse(wire));
    assertThatThrownBy(() -> guard.accept(again.header().messageId()))
        .isInstanceOf(ReplayException.class);
  }

  @Test
  void accept_sameTextSealedTwice_bothAccepted() throws Exception {
    ReplayGuard guard = new ReplayGuard(100);

    for (int i = 0; i < 2; i++) {
      Envelope envelope = sealer().seal(ALICE, CONVERSATION, List.of(), utf8("same text"));
      guard.accept(envelope.header().messageId());
    }
  }

  @Test
  void accept_pastCapacity_forgetsOldestOnly() throws Exception {
    ReplayGuard guard = new ReplayGuard(2);
    guard.accept(id(1));
    guard.accept(id(2));
    guard.accept(id(3));

    assertThatThrownBy(() -> guard.accept(id(3))).isInstanceOf(ReplayException.class);
    assertThatThrownBy(() -> guard.accept(id(2))).isInstanceOf(ReplayException.class);
    guard.accept(id(1));
  }

  @Test
  void constructor_nonPositiveCapacity_throwsIllegalArgument() {
    assertThatThrownBy(() -> new ReplayGuard(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accept_null_throwsNullPointer() {
    ReplayGuard guard = new ReplayGuard(1);

    assertThatThrownBy(() -> guard.accept(null)).isInstanceOf(NullPointerException.class);
  }
}
