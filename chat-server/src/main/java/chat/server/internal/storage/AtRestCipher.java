package chat.server.internal.storage;

import chat.crypto.Bytes;
import chat.crypto.CryptoException;

/**
 * The relay's at-rest layer: seals a stored row with an AEAD keyset the relay owns, binding the
 * row's identity as associated data so a sealed value cannot be moved to another row.
 */
public interface AtRestCipher {
  /** Seals {@code data} for the row named by {@code rowId}. */
  byte[] seal(byte[] data, byte[] rowId);

  /** As {@link #seal(byte[], byte[])}, without a copy of {@code data} where the keyset allows. */
  default byte[] seal(Bytes data, byte[] rowId) {
    return seal(data.toByteArray(), rowId);
  }

  /**
   * Opens a value sealed for {@code rowId} under the current or any earlier key.
   *
   * @throws CryptoException if it was not sealed for that row or was modified
   */
  byte[] open(byte[] sealed, byte[] rowId) throws CryptoException;

  /**
   * Whether {@code sealed} names a key this keyset does not hold: a row of another keyset. False
   * for a row of this keyset's, damaged or not, and for bytes that name no key at all.
   */
  boolean namesAnotherKey(byte[] sealed);
}
