package chat.crypto;

import chat.crypto.internal.AesGcm;
import chat.crypto.internal.ByteWriter;
import chat.crypto.internal.EnvelopeSignature;
import chat.crypto.internal.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared fixtures for the envelope tests and the vector generator: fixed and generated identities,
 * a fixed clock, and helpers that build envelopes the sealer never would (re-signed, re-ordered,
 * re-sealed with raw internals) to play a malicious relay or sender.
 */
final class EnvelopeFixtures {
  /**
   * The fixed time every test envelope is sealed at: 2025-03-01T12:00:00Z. The checked-in vectors
   * use it too, as they use {@link #CONVERSATION}: changing either means regenerating them.
   */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

  /** The conversation test envelopes are sealed in. */
  static final String CONVERSATION = "room-general";

  static final IdentityKeyPair ALICE = VectorKeys.alice();
  static final IdentityKeyPair BOB = VectorKeys.bob();
  static final IdentityKeyPair CAROL = VectorKeys.carol();

  /** Identities with freshly generated RSA-3072 keys, made at most once per JVM. */
  private static final Map<String, IdentityKeyPair> GENERATED = new ConcurrentHashMap<>();

  private EnvelopeFixtures() {}

  /** An identity with a freshly generated key for {@code userId}, cached for the JVM's life. */
  static IdentityKeyPair generated(String userId) {
    return GENERATED.computeIfAbsent(
        userId, id -> IdentityKeyPair.generate(id, new SecureRandom(), CLOCK));
  }

  /** A sealer with real randomness and the fixed clock. */
  static EnvelopeSealer sealer() {
    return new EnvelopeSealer(new SecureRandom(), CLOCK);
  }

  /** An opener with real randomness. */
  static EnvelopeOpener opener() {
    return new EnvelopeOpener(new SecureRandom());
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A copy of {@code data} with byte {@code index} XORed with {@code mask}. */
  static byte[] flip(byte[] data, int index, int mask) {
    byte[] out = data.clone();
    out[index] ^= (byte) mask;
    return out;
  }

  /** A copy of {@code value} with byte {@code index} XORed with 1. */
  static Bytes flip(Bytes value, int index) {
    return Bytes.of(flip(value.toByteArray(), index, 1));
  }

  /** A header equal to {@code h} but in another conversation. */
  static EnvelopeHeader withConversation(EnvelopeHeader h, String conversationId) {
    return new EnvelopeHeader(
        h.messageId(),
        h.timestampMillis(),
        conversationId,
        h.senderId(),
        h.senderKey(),
        h.recipientCount(),
        h.recipientSetHash());
  }

  /** A header equal to {@code h} but naming another sender and sender key. */
  static EnvelopeHeader withSender(EnvelopeHeader h, String senderId, Fingerprint senderKey) {
    return new EnvelopeHeader(
        h.messageId(),
        h.timestampMillis(),
        h.conversationId(),
        senderId,
        senderKey,
        h.recipientCount(),
        h.recipientSetHash());
  }

  /** A header equal to {@code h} but with another recipient count and set hash. */
  static EnvelopeHeader withRecipients(EnvelopeHeader h, int count, Bytes setHash) {
    return new EnvelopeHeader(
        h.messageId(),
        h.timestampMillis(),
        h.conversationId(),
        h.senderId(),
        h.senderKey(),
        count,
        setHash);
  }

  /** {@code e} with another header and the original signature, as a relay could make it. */
  static Envelope withHeader(Envelope e, EnvelopeHeader header) {
    return new Envelope(header, e.keyCommitment(), e.payload(), e.recipients(), e.signature());
  }

  /** {@code e} with the given parts, freshly and validly signed by {@code sender}. */
  static Envelope signed(
      IdentityKeyPair sender,
      EnvelopeHeader header,
      Bytes keyCommitment,
      Bytes payload,
      List<RecipientEntry> entries) {
    List<byte[]> leaves = new ArrayList<>();
    for (RecipientEntry entry : entries) {
      leaves.add(entry.leafHash());
    }
    byte[] root = new MerkleTree(leaves).root();
    byte[] signature =
        sender
            .signer()
            .sign(
                EnvelopeSignature.input(
                    header.encode(), keyCommitment.toByteArray(), root, payload.toByteArray()));
    return new Envelope(header, keyCommitment, payload, entries, Bytes.of(signature));
  }

  /** Re-signs {@code e} unchanged but for the parts given (nulls keep the original). */
  static Envelope resigned(IdentityKeyPair sender, Envelope e, Bytes keyCommitment, Bytes payload) {
    return signed(
        sender,
        e.header(),
        keyCommitment == null ? e.keyCommitment() : keyCommitment,
        payload == null ? e.payload() : payload,
        e.recipients());
  }

  /**
   * Seals like {@link EnvelopeSealer} but from explicit parts, so a test can choose the content key
   * and the exact padded plaintext (for example a non-canonical padding).
   */
  static Envelope rawSeal(
      IdentityKeyPair sender,
      Collection<IdentityBundle> recipients,
      byte[] contentKey,
      byte[] paddedPlaintext,
      SecureRandom random) {
    List<Recipient> set = new ArrayList<>();
    set.add(Recipient.of(sender.bundle()));
    for (IdentityBundle bundle : recipients) {
      set.add(Recipient.of(bundle));
    }
    List<Recipient> ordered = RecipientSet.canonical(set);
    byte[] messageId = new byte[EnvelopeHeader.MESSAGE_ID_SIZE_BYTES];
    random.nextBytes(messageId);
    EnvelopeHeader header =
        new EnvelopeHeader(
            Bytes.of(messageId),
            CLOCK.millis(),
            CONVERSATION,
            sender.userId(),
            sender.bundle().fingerprint(),
            ordered.size(),
            RecipientSet.hash(ordered));
    byte[] nonce = new byte[AesGcm.NONCE_SIZE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = AesGcm.seal(contentKey, nonce, paddedPlaintext, header.encode());
    byte[] payload =
        new ByteWriter(nonce.length + sealed.length).raw(nonce).raw(sealed).toByteArray();
    List<IdentityBundle> bundles = new ArrayList<>(recipients);
    bundles.add(sender.bundle());
    List<RecipientEntry> entries = new ArrayList<>();
    for (Recipient recipient : ordered) {
      for (IdentityBundle bundle : bundles) {
        if (Recipient.of(bundle).equals(recipient)) {
          entries.add(wrappedFor(bundle, contentKey, random));
          break;
        }
      }
    }
    return signed(
        sender,
        header,
        Bytes.of(EnvelopeSealer.keyCommitment(contentKey)),
        Bytes.of(payload),
        entries);
  }

  /** An entry for {@code bundle} wrapping {@code contentKey} exactly as the sealer does. */
  static RecipientEntry wrappedFor(IdentityBundle bundle, byte[] contentKey, SecureRandom random) {
    KeyWrap wrap =
        new RsaOaepKeyWrap(random, Contexts.CONTENT_KEY_LABEL.getBytes(StandardCharsets.US_ASCII));
    return new RecipientEntry(
        Recipient.of(bundle), Bytes.of(wrap.wrap(bundle.rsaKey(), contentKey)));
  }

  /**
   * The full-form encoding of arbitrary parts, skipping every check of the record constructor, so
   * tests can hand {@link Envelope#parse} a non-canonical or inconsistent envelope.
   */
  static byte[] encodeFull(
      EnvelopeHeader header,
      Bytes keyCommitment,
      Bytes payload,
      List<RecipientEntry> entries,
      Bytes signature) {
    ByteWriter out = new ByteWriter(4096);
    out.u8(Envelope.FORM).raw(header.encode()).raw(keyCommitment).bytes32(payload.toByteArray());
    out.u32(entries.size());
    for (RecipientEntry entry : entries) {
      out.raw(entry.encode());
    }
    return out.raw(signature).toByteArray();
  }

  /** {@link #encodeFull} of {@code e} with its entries replaced by {@code entries}. */
  static byte[] encodeWithEntries(Envelope e, List<RecipientEntry> entries) {
    return encodeFull(e.header(), e.keyCommitment(), e.payload(), entries, e.signature());
  }

  /** {@code length} bytes from {@code random}. */
  static byte[] randomBytes(SecureRandom random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  /** An entry for {@code userId} with a random fingerprint and a random 384-byte wrapped key. */
  static RecipientEntry syntheticEntry(String userId, SecureRandom random) {
    return new RecipientEntry(
        new Recipient(userId, Fingerprint.of(randomBytes(random, Fingerprint.SIZE_BYTES))),
        Bytes.of(randomBytes(random, 384)));
  }

  /** The recipients of {@code entries}, in their order. */
  static List<Recipient> recipientsOf(List<RecipientEntry> entries) {
    List<Recipient> out = new ArrayList<>();
    for (RecipientEntry entry : entries) {
      out.add(entry.recipient());
    }
    return out;
  }

  /**
   * A validly signed (by alice) envelope to {@code count} synthetic recipients, {@code user0000}
   * on, with random keys and a random payload: no real wrapped key in it.
   */
  static Envelope syntheticEnvelope(int count, SecureRandom random) {
    List<String> userIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      userIds.add(String.format("user%04d", i));
    }
    return syntheticEnvelope(userIds, random);
  }

  /**
   * A validly signed (by alice) envelope with one synthetic entry for each of {@code userIds} (a
   * user listed twice gets two keys), in canonical order.
   */
  static Envelope syntheticEnvelope(List<String> userIds, SecureRandom random) {
    List<RecipientEntry> entries = new ArrayList<>();
    for (String userId : userIds) {
      entries.add(syntheticEntry(userId, random));
    }
    entries.sort(Comparator.comparing(RecipientEntry::recipient, Recipient.CANONICAL_ORDER));
    EnvelopeHeader header =
        new EnvelopeHeader(
            Bytes.of(randomBytes(random, EnvelopeHeader.MESSAGE_ID_SIZE_BYTES)),
            CLOCK.millis(),
            CONVERSATION,
            ALICE.userId(),
            ALICE.bundle().fingerprint(),
            entries.size(),
            RecipientSet.hash(recipientsOf(entries)));
    Bytes payload = Bytes.of(randomBytes(random, Envelope.MIN_PAYLOAD_BYTES + 64));
    return signed(ALICE, header, Bytes.of(randomBytes(random, 32)), payload, entries);
  }
}
