package chat.crypto;

import java.nio.ByteBuffer;

/**
 * The per-recipient forms of one envelope ({@link RecipientEnvelope}'s encoding), written on demand
 * from the parts they share rather than held as one array each: a relay fanning a message out to a
 * 1,000-member room writes each member's form straight into that member's write buffer. Form {@code
 * i} is byte for byte {@code envelope.split().get(i).encode()}. Made by {@link
 * Envelope#verifyForms} or {@link Envelope#unverifiedForms}; immutable and safe to read from any
 * number of threads.
 */
public final class RecipientForms {
  /** Form byte, header, key commitment and payload: the start of every form. */
  private final byte[] shared;

  /**
   * What each form has of its own, in canonical order: the recipient's encoded entry, its audit
   * path's length (one byte) and the path's hashes, in one array each, laid out once when the forms
   * are made (see {@link Envelope#verifyForms}), so that writing a form copies this part in one
   * piece instead of walking the tree.
   */
  private final byte[][] own;

  private final byte[] signature;

  private final long retainedBytes;

  RecipientForms(byte[] shared, byte[][] own, byte[] signature) {
    this.shared = shared;
    this.own = own;
    this.signature = signature;
    long total = (long) shared.length + signature.length;
    for (byte[] part : own) {
      total += part.length;
    }
    retainedBytes = total;
  }

  /** The number of forms: one per recipient entry. */
  public int size() {
    return own.length;
  }

  /** The length of form {@code index}. */
  public int length(int index) {
    return shared.length + Integer.BYTES + own[index].length + signature.length;
  }

  /**
   * The bytes these forms keep, all forms' parts together: what a queued frame that refers to them
   * keeps alive.
   */
  public long retainedBytes() {
    return retainedBytes;
  }

  /**
   * Writes form {@code index} into {@code out} at its position, which moves past it.
   *
   * @throws java.nio.BufferOverflowException if {@code out} has less room than {@link #length}
   *     (part of the form may have been written)
   */
  public void writeTo(int index, ByteBuffer out) {
    out.put(shared).putInt(index).put(own[index]).put(signature);
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
