package chat.crypto;

/**
 * Produces signatures that a matching {@link Verifier} accepts.
 *
 * <p>Guarantee: existential unforgeability under chosen-message attack. A null message throws
 * {@link NullPointerException}; an empty message is signed like any other.
 */
public interface Signer {
  /** Signs {@code message}. */
  byte[] sign(byte[] message);
}
