package chat.crypto;

import static chat.crypto.EnvelopeFixtures.ALICE;
import static chat.crypto.EnvelopeFixtures.BOB;
import static chat.crypto.EnvelopeFixtures.CAROL;
import static chat.crypto.EnvelopeFixtures.CLOCK;
import static chat.crypto.EnvelopeFixtures.CONVERSATION;
import static chat.crypto.EnvelopeFixtures.generated;
import static chat.crypto.EnvelopeFixtures.opener;
import static chat.crypto.EnvelopeFixtures.sealer;
import static chat.crypto.EnvelopeFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeSealerTest {
  /** Alice's possible recipients besides herself; the first {@code n} are used. */
  private static List<IdentityKeyPair> others(int n) {
    List<IdentityKeyPair> all = new ArrayList<>(List.of(BOB, CAROL));
    for (String name : List.of("dave", "erin", "frank")) {
      if (all.size() >= n) {
        break;
      }
      all.add(generated(name));
    }
    return all.subList(0, n);
  }

  private static List<IdentityBundle> bundles(List<IdentityKeyPair> identities) {
    List<IdentityBundle> out = new ArrayList<>();
    for (IdentityKeyPair identity : identities) {
      out.add(identity.bundle());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 5})
  void seal_nRecipients_senderIncludedAndEveryMemberOpensEveryForm(int n) throws Exception {
    List<IdentityKeyPair> members = new ArrayList<>(others(n));
    byte[] plaintext = utf8("hello, " + n + " recipients");
    Envelope envelope = sealer().seal(ALICE, CONVERSATION, bundles(members), plaintext);
    members.add(ALICE);

    assertThat(envelope.recipients()).hasSize(n + 1);
    assertThat(envelope.recipientSet()).contains(Recipient.of(ALICE.bundle()));
    Envelope parsed = Envelope.parse(envelope.encode());
    List<RecipientEnvelope> split = parsed.split();
    for (IdentityKeyPair member : members) {
      RecipientEnvelope mine = parsed.forRecipient(member.userId()).orElseThrow();
      RecipientEnvelope fromSplit = split.get(mine.leafIndex());
      assertThat(fromSplit).isEqualTo(mine);
      assertThat(opener().open(member, ALICE.bundle(), parsed).plaintext()).isEqualTo(plaintext);
      for (RecipientEnvelope form : List.of(mine, fromSplit)) {
        RecipientEnvelope wire = RecipientEnvelope.parse(form.encode());
        assertThat(opener().open(member, ALICE.bundle(), wire).plaintext()).isEqualTo(plaintext);
      }
    }
  }

  @Test
  void seal_senderAlsoListedAsRecipient_includedOnce() {
    Envelope envelope =
        sealer().seal(ALICE, CONVERSATION, List.of(ALICE.bundle(), BOB.bundle()), utf8("hi"));

    assertThat(envelope.recipientSet())
        .containsExactly(Recipient.of(ALICE.bundle()), Recipient.of(BOB.bundle()));
    assertThat(envelope.header().recipientCount()).isEqualTo(2);
  }

  @Test
  void seal_emptyPlaintext_opensToEmpty() throws Exception {
    Envelope envelope = sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle()), new byte[0]);

    assertThat(opener().open(BOB, ALICE.bundle(), envelope).plaintext()).isEmpty();
  }

  @Test
  void seal_oneMebibytePlaintext_roundTrips() throws Exception {
    byte[] plaintext = new byte[Envelope.MAX_PLAINTEXT_BYTES];
    Arrays.fill(plaintext, (byte) 'x');
    plaintext[plaintext.length - 1] = 'y';

    Envelope envelope = sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle()), plaintext);
    Envelope parsed = Envelope.parse(envelope.encode());

    assertThat(parsed.payload().length()).isEqualTo(Envelope.MAX_PAYLOAD_BYTES);
    assertThat(opener().open(BOB, ALICE.bundle(), parsed).plaintext()).isEqualTo(plaintext);
  }

  @Test
  void seal_overOneMebibyte_throwsIllegalArgument() {
    byte[] plaintext = new byte[Envelope.MAX_PLAINTEXT_BYTES + 1];

    assertThatThrownBy(() -> sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle()), plaintext))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void seal_differentShortMessages_samePayloadLength() {
    Envelope shortest = sealer().seal(ALICE, CONVERSATION, List.of(), utf8("k"));
    Envelope longer =
        sealer().seal(ALICE, CONVERSATION, List.of(), utf8("a somewhat longer message ".repeat(9)));

    assertThat(longer.payload().length()).isEqualTo(shortest.payload().length());
    assertThat(longer.encode()).hasSameSizeAs(shortest.encode());
  }

  @Test
  void seal_sameTextTwice_differentMessageIdsAndCiphertexts() {
    Envelope first = sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle()), utf8("same"));
    Envelope second = sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle()), utf8("same"));

    assertThat(second.header().messageId()).isNotEqualTo(first.header().messageId());
    assertThat(second.payload()).isNotEqualTo(first.payload());
    assertThat(second.keyCommitment()).isNotEqualTo(first.keyCommitment());
  }

  @Test
  void seal_header_namesSenderConversationAndClockTime() {
    Envelope envelope = sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle()), utf8("hi"));

    EnvelopeHeader header = envelope.header();
    assertThat(header.senderId()).isEqualTo("alice");
    assertThat(header.senderKey()).isEqualTo(ALICE.bundle().fingerprint());
    assertThat(header.conversationId()).isEqualTo(CONVERSATION);
    assertThat(header.timestampMillis()).isEqualTo(CLOCK.millis());
    assertThat(header.recipientCount()).isEqualTo(2);
  }

  @Test
  void seal_headerSetHash_matchesKnownMembershipInAnyOrder() {
    Envelope envelope = sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle()), utf8("hi"));
    List<Recipient> known =
        new ArrayList<>(List.of(Recipient.of(BOB.bundle()), Recipient.of(ALICE.bundle())));

    assertThat(envelope.header().recipientSetHash()).isEqualTo(RecipientSet.hash(known));
    Collections.reverse(known);
    assertThat(envelope.header().recipientSetHash()).isEqualTo(RecipientSet.hash(known));
  }

  @Test
  void seal_memberAddedBehindClientsBack_setHashDiffersFromKnownMembership() {
    List<Recipient> known = List.of(Recipient.of(ALICE.bundle()), Recipient.of(BOB.bundle()));

    Envelope envelope =
        sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle(), CAROL.bundle()), utf8("secret"));

    assertThat(envelope.header().recipientSetHash()).isNotEqualTo(RecipientSet.hash(known));
  }

  @Test
  void seal_sameDeterministicRandom_sameBytes() {
    byte[] first =
        new EnvelopeSealer(InsecureDeterministicRandom.fromLabel("seal"), CLOCK)
            .seal(ALICE, CONVERSATION, List.of(BOB.bundle()), utf8("hi"))
            .encode();
    byte[] second =
        new EnvelopeSealer(InsecureDeterministicRandom.fromLabel("seal"), CLOCK)
            .seal(ALICE, CONVERSATION, List.of(BOB.bundle()), utf8("hi"))
            .encode();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void seal_invalidConversationId_throwsIllegalArgument() {
    for (String bad : List.of("", "line\nbreak", "x".repeat(256))) {
      assertThatThrownBy(() -> sealer().seal(ALICE, bad, List.of(), utf8("hi")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void seal_nullArgument_throwsNullPointer() {
    EnvelopeSealer sealer = sealer();
    List<IdentityBundle> none = List.of();

    assertThatThrownBy(() -> sealer.seal(null, CONVERSATION, none, utf8("hi")))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> sealer.seal(ALICE, CONVERSATION, null, utf8("hi")))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> sealer.seal(ALICE, CONVERSATION, none, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new EnvelopeSealer(null, CLOCK))
        .isInstanceOf(NullPointerException.class);
  }
}
