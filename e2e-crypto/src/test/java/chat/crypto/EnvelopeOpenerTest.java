package chat.crypto;

import static chat.crypto.EnvelopeFixtures.ALICE;
import static chat.crypto.EnvelopeFixtures.BOB;
import static chat.crypto.EnvelopeFixtures.CAROL;
import static chat.crypto.EnvelopeFixtures.CONVERSATION;
import static chat.crypto.EnvelopeFixtures.opener;
import static chat.crypto.EnvelopeFixtures.sealer;
import static chat.crypto.EnvelopeFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.internal.Padding;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeOpenerTest {
  private static final byte[] TEXT = utf8("meet at noon");
  private static final Envelope SEALED =
      sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle()), TEXT);

  private static RecipientEnvelope bobsForm(Envelope envelope) {
    return envelope.forRecipient("bob").orElseThrow();
  }

  /** A second identity for user "bob" with other keys (a re-installed client). */
  private static IdentityKeyPair bobWithNewKey() throws MalformedDataException {
    return IdentityKeyPair.fromKeys(
        "bob", VectorKeys.CREATED_AT_MILLIS + 1, CAROL.rsaPrivateKeyPkcs8(), CAROL.ed25519Seed());
  }

  @Test
  void open_addressedRecipient_returnsPlaintextAndHeader() throws Exception {
    OpenedMessage opened = opener().open(BOB, ALICE.bundle(), SEALED);

    assertThat(opened.plaintext()).isEqualTo(TEXT);
    assertThat(opened.header()).isEqualTo(SEALED.header());
    assertThat(opened.toString()).doesNotContain("meet");
  }

  @Test
  void open_twoSendersThroughOneOpener_eachVerifiedWithItsOwnKey() throws Exception {
    EnvelopeOpener opener = opener();
    Envelope fromCarol = sealer().seal(CAROL, CONVERSATION, List.of(BOB.bundle()), TEXT);

    for (int i = 0; i < 3; i++) {
      assertThat(opener.open(BOB, ALICE.bundle(), SEALED).plaintext()).isEqualTo(TEXT);
      assertThat(opener.open(BOB, CAROL.bundle(), fromCarol).plaintext()).isEqualTo(TEXT);
      assertThatThrownBy(() -> opener.open(BOB, ALICE.bundle(), fromCarol))
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void open_notInRecipientSet_throwsNotRecipient() {
    assertThatThrownBy(() -> opener().open(CAROL, ALICE.bundle(), SEALED))
        .isInstanceOf(NotRecipientException.class);
    assertThatThrownBy(() -> opener().open(CAROL, ALICE.bundle(), bobsForm(SEALED)))
        .isInstanceOf(NotRecipientException.class);
  }

  @Test
  void open_otherRecipientsForm_throwsNotRecipient() {
    RecipientEnvelope alicesForm = SEALED.forRecipient("alice").orElseThrow();

    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), alicesForm))
        .isInstanceOf(NotRecipientException.class);
  }

  @Test
  void open_sameUserWithAnotherKey_throwsNotRecipient() throws Exception {
    IdentityKeyPair newBob = bobWithNewKey();

    assertThatThrownBy(() -> opener().open(newBob, ALICE.bundle(), SEALED))
        .isInstanceOf(NotRecipientException.class);
    assertThatThrownBy(() -> opener().open(newBob, ALICE.bundle(), bobsForm(SEALED)))
        .isInstanceOf(NotRecipientException.class);
  }

  @Test
  void open_userWithTwoKeysInSet_opensWithEitherKey() throws Exception {
    IdentityKeyPair newBob = bobWithNewKey();
    Envelope envelope =
        sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle(), newBob.bundle()), TEXT);

    assertThat(envelope.recipients()).hasSize(3);
    assertThat(opener().open(BOB, ALICE.bundle(), envelope).plaintext()).isEqualTo(TEXT);
    assertThat(opener().open(newBob, ALICE.bundle(), envelope).plaintext()).isEqualTo(TEXT);
  }

  @Test
  void open_otherClaimedSender_throwsAuthentication() {
    assertThatThrownBy(() -> opener().open(BOB, CAROL.bundle(), SEALED))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void open_claimedSenderSameIdOtherKey_throwsAuthentication() throws Exception {
    IdentityBundle impostor =
        IdentityKeyPair.fromKeys(
                "alice",
                VectorKeys.CREATED_AT_MILLIS,
                CAROL.rsaPrivateKeyPkcs8(),
                CAROL.ed25519Seed())
            .bundle();

    assertThatThrownBy(() -> opener().open(BOB, impostor, SEALED))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void open_movedToAnotherConversation_throwsAuthentication() {
    Envelope moved =
        EnvelopeFixtures.withHeader(
            SEALED, EnvelopeFixtures.withConversation(SEALED.header(), "room-other"));

    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), moved))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), bobsForm(moved)))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void open_relabelledAsAnotherSender_throwsAuthentication() {
    Envelope relabelled =
        EnvelopeFixtures.withHeader(
            SEALED,
            EnvelopeFixtures.withSender(SEALED.header(), "carol", CAROL.bundle().fingerprint()));

    assertThatThrownBy(() -> opener().open(BOB, CAROL.bundle(), relabelled))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), relabelled))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void open_commitmentNotOfContentKey_throwsAuthentication() {
    Envelope forged =
        EnvelopeFixtures.resigned(
            ALICE, SEALED, EnvelopeFixtures.flip(SEALED.keyCommitment(), 0), null);

    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), forged))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("commitment");
  }

  @Test
  void open_senderWrapsOtherKeyForOneRecipient_onlyThatRecipientRejects() throws Exception {
    byte[] otherKey = new byte[AesGcmAead.KEY_SIZE_BYTES];
    new SecureRandom().nextBytes(otherKey);
    List<RecipientEntry> entries = new ArrayList<>(SEALED.recipients());
    int bob = SEALED.forRecipient("bob").orElseThrow().leafIndex();
    entries.set(bob, EnvelopeFixtures.wrappedFor(BOB.bundle(), otherKey, new SecureRandom()));
    Envelope splitView =
        EnvelopeFixtures.signed(
            ALICE, SEALED.header(), SEALED.keyCommitment(), SEALED.payload(), entries);

    assertThat(opener().open(ALICE, ALICE.bundle(), splitView).plaintext()).isEqualTo(TEXT);
    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), splitView))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("commitment");
  }

  @Test
  void open_contentKeyOfWrongLength_throwsAuthentication() {
    byte[] shortKey = new byte[16];
    List<RecipientEntry> entries = new ArrayList<>();
    for (RecipientEntry entry : SEALED.recipients()) {
      IdentityBundle bundle =
          entry.recipient().userId().equals("bob") ? BOB.bundle() : ALICE.bundle();
      entries.add(EnvelopeFixtures.wrappedFor(bundle, shortKey, new SecureRandom()));
    }
    Envelope forged =
        EnvelopeFixtures.signed(
            ALICE,
            SEALED.header(),
            Bytes.of(EnvelopeSealer.keyCommitment(shortKey)),
            SEALED.payload(),
            entries);

    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), forged))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void open_ciphertextAlteredAndResigned_throwsAuthentication() {
    Bytes payload = SEALED.payload();
    Envelope forged =
        EnvelopeFixtures.resigned(
            ALICE, SEALED, null, EnvelopeFixtures.flip(payload, payload.length() / 2));

    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), forged))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("tag");
  }

  @Test
  void open_ciphertextAlteredNotResigned_throwsAuthentication() {
    Bytes payload = SEALED.payload();
    Envelope forged =
        new Envelope(
            SEALED.header(),
            SEALED.keyCommitment(),
            EnvelopeFixtures.flip(payload, payload.length() - 1),
            SEALED.recipients(),
            SEALED.signature());

    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), forged))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void open_nonZeroPaddingByte_throwsMalformed() {
    byte[] padded = Padding.pad(TEXT);
    padded[padded.length - 1] = 1;
    Envelope envelope = rawSeal(padded);

    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), envelope))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void open_paddingLongerThanCanonical_throwsMalformed() {
    byte[] padded = new byte[Padding.MIN_PADDED_BYTES * 2];
    System.arraycopy(Padding.pad(TEXT), 0, padded, 0, Padding.MIN_PADDED_BYTES);
    Envelope envelope = rawSeal(padded);

    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), envelope))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void open_canonicalPaddingThroughRawSeal_opens() throws Exception {
    Envelope envelope = rawSeal(Padding.pad(TEXT));

    assertThat(opener().open(BOB, ALICE.bundle(), envelope).plaintext()).isEqualTo(TEXT);
  }

  private static Envelope rawSeal(byte[] padded) {
    byte[] key = new byte[AesGcmAead.KEY_SIZE_BYTES];
    SecureRandom random = new SecureRandom();
    random.nextBytes(key);
    return EnvelopeFixtures.rawSeal(ALICE, List.of(BOB.bundle()), key, padded, random);
  }

  @Test
  void open_nullArgument_throwsNullPointer() {
    EnvelopeOpener opener = opener();

    assertThatThrownBy(() -> opener.open(null, ALICE.bundle(), SEALED))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> opener.open(BOB, null, SEALED))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> opener.open(BOB, ALICE.bundle(), (Envelope) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> opener.open(BOB, ALICE.bundle(), (RecipientEnvelope) null))
        .isInstanceOf(NullPointerException.class);
  }
}
