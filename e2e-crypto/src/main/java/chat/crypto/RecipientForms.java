package chat.crypto;

import chat.crypto.internal.MerkleTree;
import java.nio.ByteBuffer;

/**
 * The per-recipient forms of one envelope ({@link RecipientEnvelope}'s encoding), written on demand
 * from the parts they share rather than held as one array each: a relay fanning a message out to a
 * 1,000-member room writes each member's form straight into that member's write buffer. Form {@code
 * i} is byte for byte {@code envelope.split().get(i).encode()}. Made by {@link
 * Envelope#verifyForms}; immutable and safe to read from any number of threads.
 */
public final class RecipientForms {
  /** Form byte, header, key commitment and payload: the start of every form. */
  private final byte[] shared;

  /** Each recipient's encoded entry, in canonical order. */
  private final byte[][] entries;

  private final MerkleTree merkle;
  private final byte[] signature;

  RecipientForms(byte[] shared, byte[][] entries, MerkleTree merkle, byte[] signature) {
    this.shared = shared;
    this.entries = entries;
    this.merkle = merkle;
    this.signature = signature;
  }

  /** The number of forms: one per recipient entry. */
  public int size() {
    return entries.length;
  }

  /** The length of form {@code index}. */
  public int length(int index) {
    return shared.length
        + Integer.BYTES
        + entries[index].length
        + 1
        + merkle.auditPathSize(index) * MerkleTree.HASH_SIZE_BYTES
        + signature.length;
  }

  /**
   * Writes form {@code index} into {@code out} at its position, which moves past it.
   *
   * @throws java.nio.BufferOverflowException if {@code out} has less room than {@link #length}
   *     (part of the form may have been written)
   */
  public void writeTo(int index, ByteBuffer out) {
    out.put(shared).putInt(index).put(entries[index]);
    int pathLengthAt = out.position();
    out.put((byte) 0); // the path's length, known once the walk has written it
    out.put(pathLengthAt, (byte) merkle.writeAuditPath(index, out));
    out.put(signature);
  }

  /** Form {@code index} as a byte string of its own. */
  public Bytes form(int index) {
    return Bytes.adopt(encode(index));
  }

  /** Form {@code index} in a new array. */
  byte[] encode(int index) {
    byte[] form = new byte[length(index)];
    writeTo(index, ByteBuffer.wrap(form));
    return form;
  }
}
