package chat.crypto;

import static chat.crypto.EnvelopeFixtures.ALICE;
import static chat.crypto.EnvelopeFixtures.BOB;
import static chat.crypto.EnvelopeFixtures.CAROL;
import static chat.crypto.EnvelopeFixtures.CONVERSATION;
import static chat.crypto.EnvelopeFixtures.sealer;
import static chat.crypto.EnvelopeFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.internal.ByteWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The relay's path for a send against {@link Envelope}'s: the same forms, byte for byte, and the
 * same refusals, with the same messages, of every malformed or forged input tried.
 */
class ReceivedEnvelopeTest {
  private static final Envelope SEALED =
      sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle(), CAROL.bundle()), utf8("hi both"));
  private static final byte[] ENCODED = SEALED.encode();
  private static final Verifier ALICES_KEY = ALICE.bundle().verifier();

  @Test
  void parse_sealed_theRecordsHeaderAndRecipients() throws Exception {
    ReceivedEnvelope received = ReceivedEnvelope.parse(Bytes.of(ENCODED));

    assertThat(received.header()).isEqualTo(SEALED.header());
    assertThat(received.recipientIds()).containsExactly("alice", "bob", "carol");
    assertThatThrownBy(() -> received.recipientIds().add("mallory"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void verifyForms_anyRecipientCount_eachFormItsSplitEncodingAndTheBytesUntouched()
      throws Exception {
    SecureRandom random = new SecureRandom();
    for (int count : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33, 1000}) {
      Envelope full = EnvelopeFixtures.syntheticEnvelope(count, random);
      byte[] encoded = full.encode();
      Bytes arrived = Bytes.of(encoded);

      RecipientForms forms = ReceivedEnvelope.parse(arrived).verifyForms(ALICES_KEY);

      List<RecipientEnvelope> split = full.split();
      assertThat(forms.size()).isEqualTo(count);
      assertThat(forms.retainedBytes()).isEqualTo(full.verifyForms(ALICES_KEY).retainedBytes());
      for (int i = 0; i < count; i++) {
        assertThat(forms.form(i).toByteArray())
            .as("form %d of %d", i, count)
            .isEqualTo(split.get(i).encode());
      }
      assertThat(arrived.toByteArray()).isEqualTo(encoded);
    }
  }

  @Test
  void unverifiedForms_oneForm_andKeys_anyRecipientCount_theRecordsByteForByte() throws Exception {
    SecureRandom random = new SecureRandom();
    for (int count : new int[] {1, 2, 3, 5, 8, 9, 33, 1000}) {
      Envelope full = EnvelopeFixtures.syntheticEnvelope(count, random);
      ReceivedEnvelope received = ReceivedEnvelope.parse(Bytes.of(full.encode()));

      RecipientForms forms = received.unverifiedForms();

      RecipientForms records = full.unverifiedForms();
      assertThat(forms.size()).isEqualTo(count);
      assertThat(forms.retainedBytes()).isEqualTo(records.retainedBytes());
      for (int i = 0; i < count; i++) {
        byte[] expected = records.form(i).toByteArray();
        assertThat(forms.form(i).toByteArray()).as("form %d of %d", i, count).isEqualTo(expected);
        assertThat(received.recipientKey(i))
            .as("key %d of %d", i, count)
            .isEqualTo(full.recipients().get(i).recipient().keyFingerprint());
        if (count < 100 || i % 97 == 0 || i == count - 1) { // each one form builds the whole tree
          assertThat(received.unverifiedForm(i).toByteArray())
              .as("form %d of %d alone", i, count)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void unverifiedForms_signatureFlipped_laidOutAsTheRecordLaysThemOut() throws Exception {
    byte[] flipped = EnvelopeFixtures.flip(ENCODED, ENCODED.length - 1, 1);
    ReceivedEnvelope received = ReceivedEnvelope.parse(Bytes.of(flipped));
    RecipientForms records = Envelope.parse(Bytes.of(flipped)).unverifiedForms();

    assertThat(formsOf(received.unverifiedForms())).isEqualTo(formsOf(records));
    assertThat(received.unverifiedForm(2).toByteArray()).isEqualTo(records.form(2).toByteArray());
    assertThatThrownBy(() -> received.unverifiedForm(3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> received.recipientKey(-1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void verifyForms_otherKeyOrSignatureFlipped_throwsAuthentication() throws Exception {
    ReceivedEnvelope received = ReceivedEnvelope.parse(Bytes.of(ENCODED));
    byte[] flipped = EnvelopeFixtures.flip(ENCODED, ENCODED.length - 1, 1);

    assertThatThrownBy(() -> received.verifyForms(BOB.bundle().verifier()))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> ReceivedEnvelope.parse(Bytes.of(flipped)).verifyForms(ALICES_KEY))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void parseAndVerify_everyByteFlippedOrTruncated_sameOutcomeAsTheRecord() {
    List<byte[]> inputs = new ArrayList<>();
    for (int mask : new int[] {0x01, 0xFF}) {
      for (int i = 0; i < ENCODED.length; i++) {
        inputs.add(EnvelopeFixtures.flip(ENCODED, i, mask));
      }
    }
    for (int length = 0; length <= ENCODED.length + 1; length++) {
      inputs.add(Arrays.copyOf(ENCODED, length));
    }
    List<String> differences = new ArrayList<>();
    Set<String> outcomes = new HashSet<>();
    for (byte[] input : inputs) {
      String record = recordOutcome(input, ALICES_KEY);
      String received = receivedOutcome(input, ALICES_KEY);
      if (!record.equals(received)) {
        differences.add("record: " + record + ", received: " + received);
      }
      outcomes.add(record.startsWith("forms") ? "forms" : record);
    }

    assertThat(differences).isEmpty();
    // Each kind of check was reached, so each was compared.
    assertThat(outcomes)
        .contains(
            "forms",
            "auth",
            "parse: truncated input",
            "parse: trailing bytes",
            "parse: invalid UTF-8",
            "parse: recipient count does not match the header",
            "parse: invalid envelope: recipients are not in canonical order",
            "parse: invalid envelope: recipient set hash does not match the recipients");
  }

  @Test
  void parseAndVerify_everyCheckedInFullVector_sameOutcomeAsTheRecord() throws Exception {
    List<String> differences = new ArrayList<>();
    int full = 0;
    for (Path file : EnvelopeVectorsTest.vectorFiles(EnvelopeVectorsTest.CHECKED_IN)) {
      EnvelopeVector vector = EnvelopeVector.fromJson(Files.readString(file));
      if (vector.form() != EnvelopeVector.Form.FULL) {
        continue;
      }
      full++;
      byte[] wire = vector.envelope().toByteArray();
      Verifier sender = IdentityBundle.parse(vector.senderBundle().toByteArray()).verifier();
      String record = recordOutcome(wire, sender);
      String received = receivedOutcome(wire, sender);
      if (!record.equals(received)) {
        differences.add(file.getFileName() + ": record " + record + ", received " + received);
      }
    }

    assertThat(full).isGreaterThan(5);
    assertThat(differences).isEmpty();
  }

  @Test
  void parse_recipientsOutOfPlace_sameErrorsAsTheRecord() {
    List<RecipientEntry> entries = SEALED.recipients();
    List<RecipientEntry> reordered = List.of(entries.get(0), entries.get(2), entries.get(1));
    List<RecipientEntry> twice = List.of(entries.get(0), entries.get(1), entries.get(1));
    EnvelopeHeader otherHash =
        EnvelopeFixtures.withRecipients(
            SEALED.header(),
            SEALED.header().recipientCount(),
            EnvelopeFixtures.flip(SEALED.header().recipientSetHash(), 0));
    Bytes shortPayload = Bytes.of(new byte[Envelope.MIN_PAYLOAD_BYTES - 1]);

    assertBothRefuse(
        EnvelopeFixtures.encodeWithEntries(SEALED, reordered),
        "invalid envelope: recipients are not in canonical order");
    assertBothRefuse(
        EnvelopeFixtures.encodeWithEntries(SEALED, twice), "invalid envelope: duplicate recipient");
    assertBothRefuse(
        EnvelopeFixtures.encodeFull(
            otherHash, SEALED.keyCommitment(), SEALED.payload(), entries, SEALED.signature()),
        "invalid envelope: recipient set hash does not match the recipients");
    assertBothRefuse(
        EnvelopeFixtures.encodeFull(
            SEALED.header(), SEALED.keyCommitment(), shortPayload, entries, SEALED.signature()),
        "invalid envelope: payload length out of range");
    assertBothRefuse(
        EnvelopeFixtures.encodeWithEntries(SEALED, entries.subList(0, 2)),
        "recipient count does not match the header");
  }

  @Test
  void parseAndVerify_aUserWithTwoKeys_orderedByFingerprintAsTheRecordOrdersIt() {
    Envelope twoKeys =
        EnvelopeFixtures.syntheticEnvelope(List.of("dave", "dave", "erin"), new SecureRandom());
    List<RecipientEntry> entries = twoKeys.recipients();
    byte[] encoded = twoKeys.encode();
    List<RecipientEntry> swapped = List.of(entries.get(1), entries.get(0), entries.get(2));
    List<RecipientEntry> twice = List.of(entries.get(0), entries.get(0), entries.get(2));

    assertThat(receivedOutcome(encoded, ALICES_KEY))
        .startsWith("forms")
        .isEqualTo(recordOutcome(encoded, ALICES_KEY));
    assertBothRefuse(
        EnvelopeFixtures.encodeWithEntries(twoKeys, swapped),
        "invalid envelope: recipients are not in canonical order");
    assertBothRefuse(
        EnvelopeFixtures.encodeWithEntries(twoKeys, twice),
        "invalid envelope: duplicate recipient");
  }

  @Test
  void parse_userIdNotInItsOnlyUtf8Encoding_refusedAsTheRecordRefusesIt() {
    // "bob" with its first letter in two and three bytes, as a UTF-16 surrogate (CESU-8), and
    // past U+10FFFF: each would hash other bytes than the id's own encoding, so none may pass.
    byte[][] spellings = {
      {(byte) 0xC1, (byte) 0xA2, 'o', 'b'},
      {(byte) 0xE0, (byte) 0x81, (byte) 0xA2, 'o', 'b'},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 'o', 'b'},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, 'o', 'b'}
    };
    for (byte[] spelling : spellings) {
      assertBothRefuse(withBobsIdSpelled(spelling), "invalid UTF-8");
    }
    assertBothRefuse(withBobsIdSpelled(new byte[] {'b', 0x07, 'b'}), "invalid recipient entry");
  }

  /** {@link #ENCODED} with bob's entry's user id replaced by {@code userId}, however invalid. */
  private static byte[] withBobsIdSpelled(byte[] userId) {
    RecipientEntry bobs = SEALED.recipients().get(1);
    byte[] entry = bobs.encode();
    int at = indexOf(ENCODED, entry);
    return new ByteWriter(ENCODED.length + userId.length)
        .raw(Arrays.copyOf(ENCODED, at))
        .u8(userId.length)
        .raw(userId)
        .raw(bobs.recipient().keyFingerprint().value())
        .bytes16(bobs.wrappedKey().toByteArray())
        .raw(Arrays.copyOfRange(ENCODED, at + entry.length, ENCODED.length))
        .toByteArray();
  }

  private static int indexOf(byte[] data, byte[] part) {
    for (int i = 0; i + part.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  private static void assertBothRefuse(byte[] input, String message) {
    assertThatThrownBy(() -> Envelope.parse(input))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> ReceivedEnvelope.parse(Bytes.of(input)))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(message);
  }

  /**
   * What the record's path makes of {@code input} sent by {@code sender}: its parse error, {@code
   * auth} or its forms.
   */
  private static String recordOutcome(byte[] input, Verifier sender) {
    try {
      return formsOf(Envelope.parse(input).verifyForms(sender));
    } catch (MalformedDataException e) {
      return "parse: " + e.getMessage();
    } catch (AuthenticationException e) {
      return "auth";
    }
  }

  /** {@link #recordOutcome} of the relay's path. */
  private static String receivedOutcome(byte[] input, Verifier sender) {
    try {
      return formsOf(ReceivedEnvelope.parse(Bytes.of(input)).verifyForms(sender));
    } catch (MalformedDataException e) {
      return "parse: " + e.getMessage();
    } catch (AuthenticationException e) {
      return "auth";
    }
  }

  private static String formsOf(RecipientForms forms) {
    StringBuilder out = new StringBuilder("forms");
    for (int i = 0; i < forms.size(); i++) {
      out.append(' ').append(forms.form(i).hex());
    }
    return out.toString();
  }
}
