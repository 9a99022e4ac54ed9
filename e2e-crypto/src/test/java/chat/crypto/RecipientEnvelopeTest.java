package chat.crypto;

import static chat.crypto.EnvelopeFixtures.ALICE;
import static chat.crypto.EnvelopeFixtures.BOB;
import static chat.crypto.EnvelopeFixtures.CAROL;
import static chat.crypto.EnvelopeFixtures.CONVERSATION;
import static chat.crypto.EnvelopeFixtures.flip;
import static chat.crypto.EnvelopeFixtures.opener;
import static chat.crypto.EnvelopeFixtures.sealer;
import static chat.crypto.EnvelopeFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecipientEnvelopeTest {
  private static final byte[] TEXT = utf8("for bob only");
  private static final Envelope SEALED =
      sealer().seal(ALICE, CONVERSATION, List.of(BOB.bundle(), CAROL.bundle()), TEXT);
  private static final RecipientEnvelope BOBS = SEALED.forRecipient("bob").orElseThrow();
  private static final byte[] ENCODED = BOBS.encode();

  /** Every field of a per-recipient envelope, editable, so a test can change exactly one. */
  private static final class Parts {
    Bytes messageId;
    long timestampMillis;
    String conversationId;
    String senderId;
    Fingerprint senderKey;
    int recipientCount;
    Bytes recipientSetHash;
    Bytes keyCommitment;
    Bytes payload;
    int leafIndex;
    String userId;
    Fingerprint fingerprint;
    Bytes wrappedKey;
    List<Bytes> auditPath;
    Bytes signature;

    Parts(RecipientEnvelope f) {
      EnvelopeHeader h = f.header();
      messageId = h.messageId();
      timestampMillis = h.timestampMillis();
      conversationId = h.conversationId();
      senderId = h.senderId();
      senderKey = h.senderKey();
      recipientCount = h.recipientCount();
      recipientSetHash = h.recipientSetHash();
      keyCommitment = f.keyCommitment();
      payload = f.payload();
      leafIndex = f.leafIndex();
      userId = f.entry().recipient().userId();
      fingerprint = f.entry().recipient().keyFingerprint();
      wrappedKey = f.entry().wrappedKey();
      auditPath = new ArrayList<>(f.auditPath());
      signature = f.signature();
    }

    RecipientEnvelope build() {
      EnvelopeHeader header =
          new EnvelopeHeader(
              messageId,
              timestampMillis,
              conversationId,
              senderId,
              senderKey,
              recipientCount,
              recipientSetHash);
      RecipientEntry entry = new RecipientEntry(new Recipient(userId, fingerprint), wrappedKey);
      return new RecipientEnvelope(
          header, keyCommitment, payload, leafIndex, entry, auditPath, signature);
    }
  }

  private static Arguments edit(String name, Consumer<Parts> change) {
    return Arguments.of(named(name, change));
  }

  static Stream<Arguments> signedFieldChanges() {
    Fingerprint carols = CAROL.bundle().fingerprint();
    return Stream.of(
        edit("message id", p -> p.messageId = flip(p.messageId, 0)),
        edit("timestamp", p -> p.timestampMillis += 1),
        edit("conversation id", p -> p.conversationId = "room-other"),
        edit("sender id", p -> p.senderId = "mallory"),
        edit("sender key", p -> p.senderKey = carols),
        edit("recipient count", p -> p.recipientCount += 1),
        edit("recipient set hash", p -> p.recipientSetHash = flip(p.recipientSetHash, 31)),
        edit("key commitment", p -> p.keyCommitment = flip(p.keyCommitment, 5)),
        edit("payload nonce", p -> p.payload = flip(p.payload, 0)),
        edit("payload tag", p -> p.payload = flip(p.payload, p.payload.length() - 1)),
        edit("leaf index", p -> p.leafIndex = 0),
        edit("entry user id", p -> p.userId = "bobby"),
        edit("entry fingerprint", p -> p.fingerprint = carols),
        edit("entry wrapped key", p -> p.wrappedKey = flip(p.wrappedKey, 100)),
        edit("audit path hash", p -> p.auditPath.set(0, flip(p.auditPath.get(0), 7))),
        edit("audit path order", p -> Collections.reverse(p.auditPath)),
        edit("audit path too short", p -> p.auditPath.remove(p.auditPath.size() - 1)),
        edit("audit path too long", p -> p.auditPath.add(p.auditPath.get(0))),
        edit("signature R", p -> p.signature = flip(p.signature, 0)),
        edit("signature S", p -> p.signature = flip(p.signature, 40)));
  }

  @Test
  void parse_encoded_roundTripsAndOpens() throws Exception {
    RecipientEnvelope parsed = RecipientEnvelope.parse(ENCODED);

    assertThat(parsed).isEqualTo(BOBS);
    assertThat(parsed.encode()).isEqualTo(ENCODED);
    parsed.verifySignature(ALICE.bundle().verifier());
    assertThat(opener().open(BOB, ALICE.bundle(), parsed).plaintext()).isEqualTo(TEXT);
  }

  @Test
  void build_unchangedParts_stillVerifies() throws Exception {
    RecipientEnvelope rebuilt = new Parts(BOBS).build();

    assertThat(rebuilt).isEqualTo(BOBS);
    rebuilt.verifySignature(ALICE.bundle().verifier());
  }

  @ParameterizedTest
  @MethodSource("signedFieldChanges")
  void verifyAndOpen_signedFieldChanged_throws(Consumer<Parts> change) throws Exception {
    Parts parts = new Parts(BOBS);
    change.accept(parts);
    RecipientEnvelope changed = RecipientEnvelope.parse(parts.build().encode());

    assertThat(changed).isNotEqualTo(BOBS);
    assertThatThrownBy(() -> changed.verifySignature(ALICE.bundle().verifier()))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> opener().open(BOB, ALICE.bundle(), changed))
        .isInstanceOf(CryptoException.class);
  }

  @Test
  void parseAndOpen_everyByteFlipped_throwsCryptoException() {
    EnvelopeOpener opener = opener();
    List<String> failures = new ArrayList<>();
    for (int mask : new int[] {0x01, 0xFF}) {
      for (int i = 0; i < ENCODED.length; i++) {
        byte[] tampered = flip(ENCODED, i, mask);
        try {
          opener.open(BOB, ALICE.bundle(), RecipientEnvelope.parse(tampered));
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
      assertThatThrownBy(() -> RecipientEnvelope.parse(truncated))
          .as("length %d", length)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  @Test
  void parse_trailingByteOrFullForm_throwsMalformed() {
    byte[] longer = Arrays.copyOf(ENCODED, ENCODED.length + 1);

    assertThatThrownBy(() -> RecipientEnvelope.parse(longer))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> RecipientEnvelope.parse(SEALED.encode()))
        .isInstanceOf(MalformedDataException.class);
  }

  @Test
  void parse_pathLengthOverMaximum_throwsMalformed() {
    Parts parts = new Parts(BOBS);
    parts.auditPath =
        Collections.nCopies(RecipientEnvelope.MAX_PATH_LENGTH, BOBS.auditPath().get(0));
    byte[] encoded = parts.build().encode();
    int lengthByte = encoded.length - 64 - 32 * RecipientEnvelope.MAX_PATH_LENGTH - 1;
    encoded[lengthByte] = (byte) (RecipientEnvelope.MAX_PATH_LENGTH + 1);
    byte[] padded = Arrays.copyOf(encoded, encoded.length + 32);

    assertThatThrownBy(() -> RecipientEnvelope.parse(padded))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void recipientsRoot_pathOfWrongLength_throwsAuthentication() {
    Parts parts = new Parts(BOBS);
    parts.auditPath.clear();

    assertThatThrownBy(() -> parts.build().recipientsRoot())
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void constructor_outOfRangeFields_throwsIllegalArgument() {
    Parts badIndex = new Parts(BOBS);
    badIndex.leafIndex = BOBS.header().recipientCount();
    Parts negativeIndex = new Parts(BOBS);
    negativeIndex.leafIndex = -1;
    Parts longPath = new Parts(BOBS);
    longPath.auditPath =
        Collections.nCopies(RecipientEnvelope.MAX_PATH_LENGTH + 1, BOBS.auditPath().get(0));
    Parts shortHash = new Parts(BOBS);
    shortHash.auditPath.set(0, Bytes.of(new byte[31]));

    for (Parts parts : List.of(badIndex, negativeIndex, longPath, shortHash)) {
      assertThatThrownBy(parts::build).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
