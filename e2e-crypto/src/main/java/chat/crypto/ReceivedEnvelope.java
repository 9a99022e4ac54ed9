package chat.crypto;

import chat.crypto.internal.ByteReader;
import chat.crypto.internal.EnvelopeSignature;
import chat.crypto.internal.MerkleTree;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An envelope's full form read where it lies in the bytes that arrived: its header, and where each
 * other part and each recipient entry starts. A relay checks a send with it: {@link #parse} makes
 * every check {@link Envelope#parse} makes, in the same order and with the same errors, and {@link
 * #verifyForms} hashes each recipient entry in place for the Merkle tree and lays out each
 * recipient's own part of its form from there, where {@link Envelope} holds a copy of each entry
 * and encodes it again. Its forms are byte for byte those of {@link Envelope#verifyForms}.
 *
 * <p>Immutable; it keeps the bytes it was parsed from.
 */
public final class ReceivedEnvelope {
  private final byte[] encoded;
  private final EnvelopeHeader header;

  /** Where the key commitment starts; the header lies before it, after the form byte. */
  private final int commitmentAt;

  /** Where the payload starts; its length lies in the four bytes before it. */
  private final int payloadAt;

  private final int payloadEnd;

  /**
   * Where each recipient entry starts, in canonical order, then where the signature starts: entry
   * {@code i} lies from {@code entryAt[i]} to {@code entryAt[i + 1]}.
   */
  private final int[] entryAt;

  private final List<String> userIds;

  private ReceivedEnvelope(
      byte[] encoded,
      EnvelopeHeader header,
      int commitmentAt,
      int payloadAt,
      int payloadEnd,
      int[] entryAt,
      String[] userIds) {
    this.encoded = encoded;
    this.header = header;
    this.commitmentAt = commitmentAt;
    this.payloadAt = payloadAt;
    this.payloadEnd = payloadEnd;
    this.entryAt = entryAt;
    this.userIds = Collections.unmodifiableList(Arrays.asList(userIds));
  }

  /**
   * Parses the full form in place; checks structure (counts, canonical order, set hash) as {@link
   * Envelope#parse} does, not the signature.
   *
   * @throws MalformedDataException if anything is out of place, with the message {@link
   *     Envelope#parse} gives
   */
  public static ReceivedEnvelope parse(Bytes encoded) throws MalformedDataException {
    ReceivedEnvelope envelope = read(Objects.requireNonNull(encoded, "encoded").shared());
    try {
      // What the record's constructor checks that a parse can fail, in its order.
      Envelope.checkPayloadLength(envelope.payloadEnd - envelope.payloadAt);
      RecipientSet.requireCanonical(envelope.userIds.size(), envelope::compareWithPrevious);
      Envelope.requireSetHash(
          envelope.header,
          RecipientSet.hashOfEntries(envelope.encoded, envelope.entryAt, envelope.userIds.size()));
    } catch (IllegalArgumentException e) {
      throw Envelope.invalid(e);
    }
    return envelope;
  }

  /**
   * Reads where each part lies, checking all that {@link Envelope#parse} checks before the record's
   * constructor; {@code encoded} is kept, not copied.
   */
  static ReceivedEnvelope read(byte[] encoded) throws MalformedDataException {
    ByteReader in = new ByteReader(encoded);
    if (in.u8() != Envelope.FORM) {
      throw new MalformedDataException("not a full envelope");
    }
    EnvelopeHeader header = EnvelopeHeader.read(in);
    int commitmentAt = in.position();
    in.skip(Envelope.KEY_COMMITMENT_SIZE_BYTES);
    int payloadLength = in.u32(Envelope.MAX_PAYLOAD_BYTES);
    int payloadAt = in.position();
    in.skip(payloadLength);
    int count = in.u32(RecipientSet.MAX_RECIPIENTS);
    if (count != header.recipientCount()) {
      throw new MalformedDataException("recipient count does not match the header");
    }
    int[] entryAt = new int[count + 1];
    String[] userIds = new String[count];
    for (int i = 0; i < count; i++) {
      entryAt[i] = in.position();
      userIds[i] = RecipientEntry.skip(in);
    }
    entryAt[count] = in.position();
    in.skip(Ed25519Verifier.SIGNATURE_SIZE_BYTES);
    in.expectEnd();
    return new ReceivedEnvelope(
        encoded, header, commitmentAt, payloadAt, payloadAt + payloadLength, entryAt, userIds);
  }

  /**
   * Compares recipient {@code index - 1} with recipient {@code index} in {@link
   * Recipient#CANONICAL_ORDER}, on their bytes where they lie: the UTF-8 of the user ids, then the
   * fingerprints.
   */
  private int compareWithPrevious(int index) {
    int beforeKey = keyAt(index - 1);
    int key = keyAt(index);
    int byId =
        Arrays.compareUnsigned(
            encoded, entryAt[index - 1] + 1, beforeKey, encoded, entryAt[index] + 1, key);
    return byId != 0
        ? byId
        : Arrays.compareUnsigned(
            encoded,
            beforeKey,
            beforeKey + Fingerprint.SIZE_BYTES,
            encoded,
            key,
            key + Fingerprint.SIZE_BYTES);
  }

  /** Where the fingerprint of entry {@code index} starts: after its {@code string8} user id. */
  private int keyAt(int index) {
    return entryAt[index] + 1 + (encoded[entryAt[index]] & 0xFF);
  }

  private byte[] signature() {
    return Arrays.copyOfRange(encoded, entryAt[userIds.size()], encoded.length);
  }

  /** The header. */
  public EnvelopeHeader header() {
    return header;
  }

  /**
   * The user id of each recipient entry, in canonical order: a user listed with several keys is
   * listed once per key. Form {@code i} of {@link #verifyForms} is entry {@code i}'s.
   */
  public List<String> recipientIds() {
    return userIds;
  }

  /**
   * The key fingerprint of recipient entry {@code index} (in canonical order, as {@link
   * #recipientIds}), a copy.
   */
  public Fingerprint recipientKey(int index) {
    int key = keyAt(Objects.checkIndex(index, userIds.size()));
    return new Fingerprint(Bytes.of(encoded, key, key + Fingerprint.SIZE_BYTES));
  }

  /**
   * Verifies the sender's signature exactly as {@link Envelope#verifySignature} does, then returns
   * the per-recipient forms, to be written on demand: byte for byte those of {@link
   * Envelope#verifyForms}. Each recipient entry is hashed where it lies and copied once, into its
   * own part of its form.
   *
   * @throws AuthenticationException if the signature does not verify
   */
  public RecipientForms verifyForms(Verifier senderKey) throws AuthenticationException {
    Objects.requireNonNull(senderKey, "senderKey");
    MerkleTree tree = MerkleTree.overSlices(encoded, entryAt);
    senderKey.verify(
        EnvelopeSignature.input(
            encoded,
            commitmentAt + Envelope.KEY_COMMITMENT_SIZE_BYTES,
            tree.root(),
            payloadAt,
            payloadEnd),
        signature());
    return forms(tree);
  }

  /**
   * The forms of {@link #verifyForms} without checking the signature, byte for byte those of {@link
   * Envelope#unverifiedForms}: what a relay lays out for the readers of a message whose signature
   * it checked when it stored it.
   */
  public RecipientForms unverifiedForms() {
    return forms(MerkleTree.overSlices(encoded, entryAt));
  }

  /**
   * Form {@code index} alone, without checking the signature and without laying out the others:
   * byte for byte {@code unverifiedForms().form(index)}. The whole tree is still built, since the
   * form carries its audit path.
   */
  public Bytes unverifiedForm(int index) {
    Objects.checkIndex(index, userIds.size());
    MerkleTree tree = MerkleTree.overSlices(encoded, entryAt);
    int entryLength = entryAt[index + 1] - entryAt[index];
    int pathLength = tree.auditPathSize(index) * MerkleTree.HASH_SIZE_BYTES;
    int signatureAt = entryAt[userIds.size()];
    byte[] form =
        new byte
            [payloadEnd
                + Integer.BYTES
                + entryLength
                + 1
                + pathLength
                + (encoded.length - signatureAt)];
    ByteBuffer out = ByteBuffer.wrap(form);
    out.put(encoded, 0, payloadEnd).putInt(index).put(encoded, entryAt[index], entryLength);
    int pathAt = out.position() + 1;
    form[out.position()] = (byte) tree.writeAuditPath(index, form, pathAt);
    out.position(pathAt + pathLength).put(encoded, signatureAt, encoded.length - signatureAt);
    form[0] = RecipientEnvelope.FORM;
    return Bytes.adopt(form);
  }

  /**
   * The forms over {@code tree}: every form opens with what the full form has up to the payload's
   * end, but its form byte; each has its own entry and audit path, laid out once here.
   */
  private RecipientForms forms(MerkleTree tree) {
    byte[] shared = Arrays.copyOf(encoded, payloadEnd);
    shared[0] = RecipientEnvelope.FORM;
    byte[][] own = new byte[userIds.size()][];
    for (int i = 0; i < own.length; i++) {
      int length = entryAt[i + 1] - entryAt[i];
      own[i] = new byte[length + 1 + tree.auditPathSize(i) * MerkleTree.HASH_SIZE_BYTES];
      System.arraycopy(encoded, entryAt[i], own[i], 0, length);
      own[i][length] = (byte) tree.writeAuditPath(i, own[i], length + 1);
    }
    return new RecipientForms(shared, own, signature());
  }

  /**
   * The record of these bytes, each part a copy: {@link Envelope#parse}'s result.
   *
   * @throws IllegalArgumentException if the record's constructor refuses it
   */
  Envelope toEnvelope() {
    List<RecipientEntry> entries = new ArrayList<>(userIds.size());
    for (int i = 0; i < userIds.size(); i++) {
      int key = keyAt(i);
      int wrappedAt = key + Fingerprint.SIZE_BYTES + Short.BYTES;
      entries.add(
          new RecipientEntry(
              new Recipient(
                  userIds.get(i),
                  new Fingerprint(Bytes.of(encoded, key, key + Fingerprint.SIZE_BYTES))),
              Bytes.of(encoded, wrappedAt, entryAt[i + 1])));
    }
    return new Envelope(
        header,
        Bytes.of(encoded, commitmentAt, commitmentAt + Envelope.KEY_COMMITMENT_SIZE_BYTES),
        Bytes.of(encoded, payloadAt, payloadEnd),
        entries,
        Bytes.adopt(signature()));
  }
}
