package chat.crypto;

import chat.crypto.internal.ByteReader;
import chat.crypto.internal.ByteWriter;
import chat.crypto.internal.EnvelopeSignature;
import chat.crypto.internal.MerkleTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The per-recipient form of envelope v1: everything signed, but only one recipient's wrapped key
 * plus the Merkle audit path that links it to the signed root (see PacketDiagram.md, "Per-recipient
 * form"). Its size grows with log2 of the recipient count, not with the count.
 */
public record RecipientEnvelope(
    EnvelopeHeader header,
    Bytes keyCommitment,
    Bytes payload,
    int leafIndex,
    RecipientEntry entry,
    List<Bytes> auditPath,
    Bytes signature) {
  /** Form byte of the per-recipient envelope. */
  public static final int FORM = 'R';

  /** Longest audit path (a tree of at most 10,000 leaves has depth 14). */
  public static final int MAX_PATH_LENGTH = 14;

  /** Validates sizes and the leaf index. */
  public RecipientEnvelope {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(entry, "entry");
    Envelope.checkFixed(keyCommitment, payload, signature);
    auditPath = List.copyOf(auditPath);
    if (leafIndex < 0 || leafIndex >= header.recipientCount()) {
      throw new IllegalArgumentException("leaf index out of range");
    }
    if (auditPath.size() > MAX_PATH_LENGTH) {
      throw new IllegalArgumentException("audit path too long");
    }
    for (Bytes hash : auditPath) {
      if (hash.length() != MerkleTree.HASH_SIZE_BYTES) {
        throw new IllegalArgumentException("audit path hashes are 32 bytes");
      }
    }
  }

  /** The canonical encoding. */
  public byte[] encode() {
    ByteWriter out = new ByteWriter(payload.length() + 1000);
    out.u8(FORM).raw(header.encode()).raw(keyCommitment).bytes32(payload.toByteArray());
    out.u32(leafIndex).raw(entry.encode()).u8(auditPath.size());
    for (Bytes hash : auditPath) {
      out.raw(hash);
    }
    return out.raw(signature).toByteArray();
  }

  /**
   * Parses the per-recipient form; checks structure, not the proof or signature.
   *
   * @throws MalformedDataException if anything is out of place
   */
  public static RecipientEnvelope parse(byte[] encoded) throws MalformedDataException {
    Objects.requireNonNull(encoded, "encoded");
    ByteReader in = new ByteReader(encoded);
    if (in.u8() != FORM) {
      throw new MalformedDataException("not a per-recipient envelope");
    }
    EnvelopeHeader header = EnvelopeHeader.read(in);
    Bytes commitment = Bytes.of(in.raw(32));
    Bytes payload = Bytes.of(in.bytes32(Envelope.MAX_PAYLOAD_BYTES));
    int leafIndex = in.u32(RecipientSet.MAX_RECIPIENTS);
    RecipientEntry entry = RecipientEntry.read(in);
    int pathLength = in.u8();
    if (pathLength > MAX_PATH_LENGTH) {
      throw new MalformedDataException("audit path too long");
    }
    List<Bytes> path = new ArrayList<>(pathLength);
    for (int i = 0; i < pathLength; i++) {
      path.add(Bytes.of(in.raw(MerkleTree.HASH_SIZE_BYTES)));
    }
    Bytes signature = Bytes.of(in.raw(Ed25519Verifier.SIGNATURE_SIZE_BYTES));
    in.expectEnd();
    try {
      return new RecipientEnvelope(header, commitment, payload, leafIndex, entry, path, signature);
    } catch (IllegalArgumentException e) {
      throw Envelope.invalid(e);
    }
  }

  /**
   * Recomputes the Merkle root from this recipient's entry and audit path.
   *
   * @throws AuthenticationException if the path does not fit the index and recipient count
   */
  public byte[] recipientsRoot() throws AuthenticationException {
    List<byte[]> path = new ArrayList<>(auditPath.size());
    for (Bytes hash : auditPath) {
      path.add(hash.toByteArray());
    }
    byte[] root =
        MerkleTree.rootFromPath(entry.leafHash(), leafIndex, header.recipientCount(), path);
    if (root == null) {
      throw new AuthenticationException("audit path does not fit the recipient count");
    }
    return root;
  }

  /**
   * Verifies the sender's signature over the header, commitment, recomputed root and payload.
   *
   * @throws AuthenticationException if the proof or signature does not verify
   */
  public void verifySignature(Verifier senderKey) throws AuthenticationException {
    senderKey.verify(
        EnvelopeSignature.input(
            header.encode(), keyCommitment.toByteArray(), recipientsRoot(), payload.toByteArray()),
        signature.toByteArray());
  }
}
