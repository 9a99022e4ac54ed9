package chat.crypto;

import static chat.crypto.EnvelopeFixtures.ALICE;
import static chat.crypto.EnvelopeFixtures.BOB;
import static chat.crypto.EnvelopeFixtures.CAROL;
import static chat.crypto.EnvelopeFixtures.CONVERSATION;
import static chat.crypto.EnvelopeFixtures.opener;
import static chat.crypto.EnvelopeFixtures.recipientsOf;
import static chat.crypto.EnvelopeFixtures.sealer;
import static chat.crypto.EnvelopeFixtures.syntheticEntry;
import static chat.crypto.EnvelopeFixtures.syntheticEnvelope;
import static chat.crypto.EnvelopeFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private static final Envelope SEALED =
      sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle()), utf8("hi bob"));
  private static final byte[] ENCODED = SEALED.encode();

  private static EnvelopeHeader headerFor(EnvelopeHeader h, List<RecipientEntry> entries) {
    return EnvelopeFixtures.withRecipients(
        h, entries.size(), RecipientSet.hash(recipientsOf(entries)));
  }

  @Test
  void parse_encoded_roundTripsExactly() throws Exception {
    Envelope parsed = Envelope.parse(ENCODED);

    assertThat(parsed).isEqualTo(SEALED);
    assertThat(parsed.encode()).isEqualTo(ENCODED);
    assertThat(EnvelopeFixtures.encodeWithEntries(SEALED, SEALED.recipients())).isEqualTo(ENCODED);
  }

  @Test
  void parse_bytesInPlace_sameEnvelopeAndTheBytesUntouched() throws Exception {
    Bytes encoded = Bytes.of(ENCODED);

    Envelope parsed = Envelope.parse(encoded);

    assertThat(parsed).isEqualTo(Envelope.parse(ENCODED)).isEqualTo(SEALED);
    assertThat(encoded.toByteArray()).isEqualTo(ENCODED);
    assertThatThrownBy(() -> Envelope.parse(Bytes.of(ENCODED, 0, ENCODED.length - 1)))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void parseAndOpen_everyByteFlipped_throwsCryptoException() {
    EnvelopeOpener opener = opener();
    List<String> failures = new ArrayList<>();
    for (int mask : new int[] {0x01, 0xFF}) {
      for (int i = 0; i < ENCODED.length; i++) {
        byte[] tampered = EnvelopeFixtures.flip(ENCODED, i, mask);
        try {
          opener.open(BOB, ALICE.bundle(), Envelope.parse(tampered));
          failures.add("byte " + i + " ^ " + mask + ": opened");
        } catch (CryptoException expected) {
          // rejected at parse or open, as it must be
        } catch (RuntimeException e) {
          failures.add("byte " + i + " ^ " + mask + ": " + e);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void parse_everyTruncation_throwsMalformed() {
    for (int length = 0; length < ENCODED.length; length++) {
      byte[] truncated = Arrays.copyOf(ENCODED, length);
      assertThatThrownBy(() -> Envelope.parse(truncated))
          .as("length %d", length)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  @Test
  void parse_trailingByte_throwsMalformed() {
    byte[] longer = Arrays.copyOf(ENCODED, ENCODED.length + 1);

    assertThatThrownBy(() -> Envelope.parse(longer)).isInstanceOf(MalformedDataException.class);
  }

  @Test
  void parse_perRecipientForm_throwsMalformed() {
    byte[] other = SEALED.split().get(0).encode();

    assertThatThrownBy(() -> Envelope.parse(other)).isInstanceOf(MalformedDataException.class);
  }

  @Test
  void parse_entryAddedOrRemoved_throwsMalformed() {
    List<RecipientEntry> added = new ArrayList<>(SEALED.recipients());
    added.add(syntheticEntry(CAROL.userId(), new SecureRandom()));
    List<RecipientEntry> removed = SEALED.recipients().subList(1, 2);

    assertThatThrownBy(() -> Envelope.parse(EnvelopeFixtures.encodeWithEntries(SEALED, added)))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> Envelope.parse(EnvelopeFixtures.encodeWithEntries(SEALED, removed)))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void parse_entryUserIdWithAControlCharacter_throwsMalformedNamingTheEntry() {
    byte[] entry = SEALED.recipients().get(0).encode();
    int at = indexOf(ENCODED, entry);
    byte[] bad = ENCODED.clone();
    bad[at + 1] = 0x07; // the user id's first byte, after its length

    assertThatThrownBy(() -> Envelope.parse(bad))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("invalid recipient entry");
  }

  private static int indexOf(byte[] data, byte[] part) {
    for (int i = 0; i + part.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void parse_entriesReordered_throwsMalformed() {
    List<RecipientEntry> reordered = new ArrayList<>(SEALED.recipients());
    reordered.sort(Comparator.comparing((RecipientEntry e) -> e.recipient().userId()).reversed());

    assertThatThrownBy(() -> Envelope.parse(EnvelopeFixtures.encodeWithEntries(SEALED, reordered)))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void open_entryAddedWithHeaderUpdated_throwsAuthentication() throws Exception {
    List<RecipientEntry> added = new ArrayList<>(SEALED.recipients());
    added.add(EnvelopeFixtures.wrappedFor(CAROL.bundle(), new byte[32], new SecureRandom()));
    List<RecipientEntry> removed = SEALED.recipients().subList(1, 2);

    for (List<RecipientEntry> entries : List.of(added, removed)) {
      EnvelopeHeader header = headerFor(SEALED.header(), entries);
      byte[] encoded =
          EnvelopeFixtures.encodeFull(
              header, SEALED.keyCommitment(), SEALED.payload(), entries, SEALED.signature());
      Envelope parsed = Envelope.parse(encoded);
      assertThatThrownBy(() -> parsed.verifySignature(ALICE.bundle().verifier()))
          .isInstanceOf(AuthenticationException.class);
      assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), parsed))
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void open_wrappedKeysSwapped_throwsAuthentication() throws Exception {
    RecipientEntry first = SEALED.recipients().get(0);
    RecipientEntry second = SEALED.recipients().get(1);
    List<RecipientEntry> swapped =
        List.of(
            new RecipientEntry(first.recipient(), second.wrappedKey()),
            new RecipientEntry(second.recipient(), first.wrappedKey()));
    Envelope parsed = Envelope.parse(EnvelopeFixtures.encodeWithEntries(SEALED, swapped));

    assertThatThrownBy(() -> parsed.verifySignature(ALICE.bundle().verifier()))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), parsed))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> opener().open(ALICE, ALICE.bundle(), parsed))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void constructor_inconsistentRecipients_throwsIllegalArgument() {
    List<RecipientEntry> entries = SEALED.recipients();
    List<RecipientEntry> reversed = List.of(entries.get(1), entries.get(0));
    EnvelopeHeader otherHash =
        new EnvelopeHeader(
            SEALED.header().messageId(),
            SEALED.header().timestampMillis(),
            CONVERSATION,
            "alice",
            SEALED.header().senderKey(),
            2,
            EnvelopeFixtures.flip(SEALED.header().recipientSetHash(), 0));

    assertThatThrownBy(() -> withEntries(entries.subList(0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> withEntries(reversed)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnvelopeFixtures.withHeader(SEALED, otherHash))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Envelope withEntries(List<RecipientEntry> entries) {
    return new Envelope(
        SEALED.header(), SEALED.keyCommitment(), SEALED.payload(), entries, SEALED.signature());
  }

  @Test
  void constructor_wrongFixedSizes_throwsIllegalArgument() {
    Bytes commitment = SEALED.keyCommitment();
    Bytes signature = SEALED.signature();
    Bytes tinyPayload = Bytes.of(new byte[Envelope.MIN_PAYLOAD_BYTES - 1]);
    EnvelopeHeader header = SEALED.header();
    List<RecipientEntry> entries = SEALED.recipients();
    Bytes payload = SEALED.payload();

    assertThatThrownBy(
            () -> new Envelope(header, Bytes.of(new byte[31]), payload, entries, signature))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Envelope(header, commitment, tinyPayload, entries, signature))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new Envelope(header, commitment, payload, entries, Bytes.of(new byte[63])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifySignature_senderKey_passesOtherKeyThrows() throws Exception {
    SEALED.verifySignature(ALICE.bundle().verifier());

    assertThatThrownBy(() -> SEALED.verifySignature(CAROL.bundle().verifier()))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void forRecipient_unknownUserOrKey_empty() {
    Recipient bobWithCarolsKey = new Recipient("bob", CAROL.bundle().fingerprint());

    assertThat(SEALED.forRecipient("carol")).isEmpty();
    assertThat(SEALED.forRecipient(bobWithCarolsKey)).isEmpty();
    assertThat(SEALED.forRecipient(Recipient.of(BOB.bundle())))
        .contains(SEALED.forRecipient("bob").orElseThrow());
  }

  @Test
  void split_everyForm_recomputesTheSignedRoot() throws Exception {
    for (RecipientEnvelope form : SEALED.split()) {
      assertThat(Bytes.of(form.recipientsRoot())).isEqualTo(SEALED.recipientsRoot());
    }
  }

  @Test
  void split_thousandRecipients_everyFormVerifiesAndIsSmall() throws Exception {
    Envelope full = syntheticEnvelope(1000, new SecureRandom());
    int payloadLength = full.payload().length();
    Verifier verifier = ALICE.bundle().verifier();
    full.verifySignature(verifier);

    List<RecipientEnvelope> forms = Envelope.parse(full.encode()).split();

    assertThat(forms).hasSize(1000);
    for (RecipientEnvelope form : forms) {
      form.verifySignature(verifier);
      assertThat(form.auditPath()).hasSizeLessThanOrEqualTo(10);
      assertThat(form.encode().length).isLessThan(2048 + payloadLength);
    }
    assertThat(full.encode().length).isGreaterThan(1000 * 384);
  }

  @Test
  void encodedForms_anyRecipientCount_equalSplitThenEncode() throws Exception {
    SecureRandom random = new SecureRandom();
    for (int count : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33, 1000}) {
      Envelope full = syntheticEnvelope(count, random);

      List<byte[]> encoded = full.encodedForms();

      List<RecipientEnvelope> split = full.split();
      assertThat(encoded).hasSize(count);
      for (int i = 0; i < count; i++) {
        assertThat(encoded.get(i)).as("form %d of %d", i, count).isEqualTo(split.get(i).encode());
      }
    }
  }

  @Test
  void verifyForms_senderKey_eachFormItsSplitEncodingWrittenAnywhereOtherKeyThrows()
      throws Exception {
    RecipientForms forms = SEALED.verifyForms(ALICE.bundle().verifier());

    List<RecipientEnvelope> split = SEALED.split();
    assertThat(forms.size()).isEqualTo(split.size());
    for (int i = 0; i < forms.size(); i++) {
      byte[] expected = split.get(i).encode();
      assertThat(forms.form(i).toByteArray()).isEqualTo(expected);
      assertThat(forms.length(i)).isEqualTo(expected.length);
      ByteBuffer out = ByteBuffer.allocate(expected.length + 7).position(7);
      forms.writeTo(i, out);
      assertThat(out.hasRemaining()).isFalse();
      assertThat(Arrays.copyOfRange(out.array(), 7, out.capacity())).isEqualTo(expected);
    }
    assertThatThrownBy(() -> SEALED.verifyForms(BOB.bundle().verifier()))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void unverifiedForms_withoutTheSignatureCheck_theFormsVerifyFormsGives() throws Exception {
    RecipientForms verified = SEALED.verifyForms(ALICE.bundle().verifier());
    // Its signature broken: unverifiedForms() does not look at it.
    Envelope synthetic = syntheticEnvelope(17, new SecureRandom());
    byte[] broken = synthetic.signature().toByteArray();
    broken[0] ^= 1;
    Envelope unsigned =
        new Envelope(
            synthetic.header(),
            synthetic.keyCommitment(),
            synthetic.payload(),
            synthetic.recipients(),
            Bytes.of(broken));

    RecipientForms forms = SEALED.unverifiedForms();
    RecipientForms unsignedForms = unsigned.unverifiedForms();

    assertThat(forms.size()).isEqualTo(verified.size());
    assertThat(forms.retainedBytes()).isEqualTo(verified.retainedBytes());
    for (int i = 0; i < forms.size(); i++) {
      assertThat(forms.form(i)).isEqualTo(verified.form(i));
    }
    List<RecipientEnvelope> split = unsigned.split();
    assertThat(unsignedForms.size()).isEqualTo(17);
    for (int i = 0; i < 17; i++) {
      assertThat(unsignedForms.form(i).toByteArray()).isEqualTo(split.get(i).encode());
    }
    assertThatThrownBy(() -> unsigned.verifyForms(ALICE.bundle().verifier()))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void encodedForms_sealed_bobsFormOpens() throws Exception {
    RecipientEnvelope bobs = null;
    for (byte[] form : SEALED.encodedForms()) {
      RecipientEnvelope parsed = RecipientEnvelope.parse(form);
      if (parsed.entry().recipient().userId().equals("bob")) {
        bobs = parsed;
      }
    }

    assertThat(bobs).isNotNull();
    assertThat(opener().open(BOB, ALICE.bundle(), bobs).plaintext()).isNotEmpty();
  }
}
