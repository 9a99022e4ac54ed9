package chat.crypto;

import chat.crypto.internal.AesGcm;
import chat.crypto.internal.ByteWriter;
import chat.crypto.internal.EnvelopeSignature;
import chat.crypto.internal.MerkleTree;
import chat.crypto.internal.Padding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The full form of envelope v1: header, key commitment, payload, every recipient's wrapped key and
 * the sender's signature (see PacketDiagram.md, "Full form"). The sender makes it with {@link
 * EnvelopeSealer}; anyone can check it with {@link #verifySignature} and split it into {@link
 * RecipientEnvelope}s, one per recipient, without any private key. A relay checks the bytes that
 * arrived without making this record: see {@link ReceivedEnvelope}.
 *
 * <p>Instances from {@link #parse} are well-formed (counts, canonical order, set hash) but their
 * signature is unchecked until {@link #verifySignature}.
 */
public record Envelope(
    EnvelopeHeader header,
    Bytes keyCommitment,
    Bytes payload,
    List<RecipientEntry> recipients,
    Bytes signature) {
  /** Form byte of the full envelope. */
  public static final int FORM = 'F';

  /** Length of the key commitment. */
  static final int KEY_COMMITMENT_SIZE_BYTES = 32;

  /** Largest plaintext one envelope carries. */
  public static final int MAX_PLAINTEXT_BYTES = 1 << 20;

  /** Largest payload ({@code nonce || ciphertext || tag}) accepted. */
  public static final int MAX_PAYLOAD_BYTES =
      AesGcm.NONCE_SIZE_BYTES
          + Padding.paddedLength(MAX_PLAINTEXT_BYTES + 4)
          + AesGcm.TAG_SIZE_BYTES;

  /** Smallest payload accepted: nonce, the minimum padded size and the tag. */
  public static final int MIN_PAYLOAD_BYTES =
      AesGcm.NONCE_SIZE_BYTES + Padding.MIN_PADDED_BYTES + AesGcm.TAG_SIZE_BYTES;

  /** Validates sizes, count, canonical order and the recipient-set hash. */
  public Envelope {
    Objects.requireNonNull(header, "header");
    checkFixed(keyCommitment, payload, signature);
    recipients = List.copyOf(recipients);
    if (recipients.size() != header.recipientCount()) {
      throw new IllegalArgumentException("recipient count does not match the header");
    }
    List<Recipient> set = new ArrayList<>(recipients.size());
    for (RecipientEntry entry : recipients) {
      set.add(entry.recipient());
    }
    RecipientSet.requireCanonical(set);
    requireSetHash(header, RecipientSet.hashCanonical(set));
  }

  /**
   * Checks that {@code header} carries {@code setHash}, the hash of the recipients listed.
   *
   * @throws IllegalArgumentException if not
   */
  static void requireSetHash(EnvelopeHeader header, Bytes setHash) {
    if (!setHash.equals(header.recipientSetHash())) {
      throw new IllegalArgumentException("recipient set hash does not match the recipients");
    }
  }

  static void checkFixed(Bytes keyCommitment, Bytes payload, Bytes signature) {
    Objects.requireNonNull(keyCommitment, "keyCommitment");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(signature, "signature");
    if (keyCommitment.length() != KEY_COMMITMENT_SIZE_BYTES) {
      throw new IllegalArgumentException("key commitment must be 32 bytes");
    }
    checkPayloadLength(payload.length());
    if (signature.length() != Ed25519Verifier.SIGNATURE_SIZE_BYTES) {
      throw new IllegalArgumentException("signature must be 64 bytes");
    }
  }

  /**
   * Checks a payload's length.
   *
   * @throws IllegalArgumentException if out of range
   */
  static void checkPayloadLength(int length) {
    if (length < MIN_PAYLOAD_BYTES || length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("payload length out of range");
    }
  }

  /** How a parse reports what a constructor refused. */
  static MalformedDataException invalid(IllegalArgumentException refused) {
    return new MalformedDataException("invalid envelope: " + refused.getMessage());
  }

  /** The canonical encoding. */
  public byte[] encode() {
    ByteWriter out = new ByteWriter(payload.length() + recipients.size() * 440 + 300);
    out.u8(FORM).raw(header.encode()).raw(keyCommitment).u32(payload.length()).raw(payload);
    out.u32(recipients.size());
    for (RecipientEntry entry : recipients) {
      out.raw(entry.encode());
    }
    return out.raw(signature).finish();
  }

  /**
   * As {@link #parse(byte[])}, reading {@code encoded} in place: an envelope to a large room is
   * hundreds of kilobytes, and the relay parses each one it stores or pages out.
   *
   * @throws MalformedDataException if anything is out of place
   */
  public static Envelope parse(Bytes encoded) throws MalformedDataException {
    return parse(Objects.requireNonNull(encoded, "encoded").shared());
  }

  /**
   * Parses the full form; checks structure, not the signature.
   *
   * @throws MalformedDataException if anything is out of place
   */
  public static Envelope parse(byte[] encoded) throws MalformedDataException {
    ReceivedEnvelope read = ReceivedEnvelope.read(Objects.requireNonNull(encoded, "encoded"));
    try {
      return read.toEnvelope();
    } catch (IllegalArgumentException e) {
      throw invalid(e);
    }
  }

  private MerkleTree tree() {
    List<byte[]> leaves = new ArrayList<>(recipients.size());
    for (RecipientEntry entry : recipients) {
      leaves.add(entry.leafHash());
    }
    return new MerkleTree(leaves);
  }

  /** The Merkle root over the recipient entries. */
  public Bytes recipientsRoot() {
    return Bytes.of(tree().root());
  }

  /**
   * Verifies the sender's signature with {@code senderKey}; a public-key operation, safe on the
   * relay.
   *
   * @throws AuthenticationException if the signature does not verify
   */
  public void verifySignature(Verifier senderKey) throws AuthenticationException {
    verifySignature(senderKey, tree().root());
  }

  /** Checks the signature over the signed fields with {@code root} as the recipients' root. */
  private void verifySignature(Verifier senderKey, byte[] root) throws AuthenticationException {
    senderKey.verify(
        EnvelopeSignature.input(
            header.encode(), keyCommitment.toByteArray(), root, payload.toByteArray()),
        signature.toByteArray());
  }

  /** The per-recipient form for every recipient, in canonical order; builds the tree once. */
  public List<RecipientEnvelope> split() {
    MerkleTree tree = tree();
    List<RecipientEnvelope> out = new ArrayList<>(recipients.size());
    for (int i = 0; i < recipients.size(); i++) {
      out.add(form(tree, i));
    }
    return out;
  }

  /**
   * The encoded per-recipient form of every recipient, in canonical order: element {@code i} is
   * byte for byte {@code split().get(i).encode()}. The parts every form shares (header, commitment,
   * payload, signature) are encoded once and the tree is built once. Each call returns fresh
   * arrays.
   */
  public List<byte[]> encodedForms() {
    RecipientForms forms = unverifiedForms();
    List<byte[]> out = new ArrayList<>(forms.size());
    for (int i = 0; i < forms.size(); i++) {
      out.add(forms.encode(i));
    }
    return out;
  }

  /**
   * The forms of {@link #encodedForms()}, to be written on demand, without checking the signature:
   * what a relay lays out for the readers of a message whose signature it checked when it stored
   * it.
   */
  public RecipientForms unverifiedForms() {
    return forms(new EncodedTree(recipients));
  }

  /**
   * Verifies the signature exactly as {@link #verifySignature} does, then returns the forms of
   * {@link #encodedForms()}, to be written on demand, building the Merkle tree once for both;
   * {@link ReceivedEnvelope#verifyForms} does the same from the bytes that arrived.
   *
   * @throws AuthenticationException if the signature does not verify
   */
  public RecipientForms verifyForms(Verifier senderKey) throws AuthenticationException {
    EncodedTree tree = new EncodedTree(recipients);
    verifySignature(senderKey, tree.merkle.root());
    return forms(tree);
  }

  /**
   * The recipient entries encoded once, and their Merkle tree. Each entry's array has room after it
   * for its per-recipient form's audit path (a count byte, then the hashes), filled in once the
   * tree is built: what each form has of its own, in one array (see {@link RecipientForms}).
   */
  private static final class EncodedTree {
    private final byte[][] own;
    private final MerkleTree merkle;

    EncodedTree(List<RecipientEntry> recipients) {
      int size = recipients.size();
      own = new byte[size][];
      int[] entryLengths = new int[size];
      for (int i = 0; i < size; i++) {
        int room = 1 + MerkleTree.auditPathSize(size, i) * MerkleTree.HASH_SIZE_BYTES;
        own[i] = recipients.get(i).encode(room);
        entryLengths[i] = own[i].length - room;
      }
      merkle = MerkleTree.overData(own, entryLengths);
      for (int i = 0; i < size; i++) {
        int at = entryLengths[i];
        own[i][at] = (byte) merkle.writeAuditPath(i, own[i], at + 1);
      }
    }
  }

  private RecipientForms forms(EncodedTree tree) {
    byte[] shared =
        new ByteWriter(payload.length() + 200)
            .u8(RecipientEnvelope.FORM)
            .raw(header.encode())
            .raw(keyCommitment)
            .u32(payload.length())
            .raw(payload)
            .finish();
    return new RecipientForms(shared, tree.own, signature.toByteArray());
  }

  /**
   * The per-recipient form for {@code userId}'s first entry, if it is a recipient. A user listed
   * with several keys has several entries; use {@link #forRecipient(Recipient)} or {@link #split}
   * to reach the others.
   */
  public Optional<RecipientEnvelope> forRecipient(String userId) {
    for (int i = 0; i < recipients.size(); i++) {
      if (recipients.get(i).recipient().userId().equals(userId)) {
        return Optional.of(form(tree(), i));
      }
    }
    return Optional.empty();
  }

  /** The per-recipient form for exactly {@code recipient} (user id and key), if listed. */
  public Optional<RecipientEnvelope> forRecipient(Recipient recipient) {
    Objects.requireNonNull(recipient, "recipient");
    for (int i = 0; i < recipients.size(); i++) {
      if (recipients.get(i).recipient().equals(recipient)) {
        return Optional.of(form(tree(), i));
      }
    }
    return Optional.empty();
  }

  private RecipientEnvelope form(MerkleTree tree, int index) {
    List<Bytes> path = new ArrayList<>();
    for (byte[] hash : tree.auditPath(index)) {
      path.add(Bytes.of(hash));
    }
    return new RecipientEnvelope(
        header, keyCommitment, payload, index, recipients.get(index), path, signature);
  }

  /** The recipients (user id and key fingerprint) in canonical order. */
  public List<Recipient> recipientSet() {
    List<Recipient> out = new ArrayList<>(recipients.size());
    for (RecipientEntry entry : recipients) {
      out.add(entry.recipient());
    }
    return out;
  }
}
