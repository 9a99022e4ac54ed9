package chat.cli;

import chat.crypto.CryptoException;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KdfParameters;
import chat.crypto.KeyFile;
import chat.crypto.MalformedDataException;

/**
 * Opens a key file only where this JVM can give its Argon2id the memory the file asks for. A key
 * file, or the key backup a relay hands back at a login on a new machine, may ask for up to 1 GiB
 * ({@link KdfParameters#MAX_MEMORY_KIB}): more than a client with a smaller heap can allocate (the
 * JVM's default is a quarter of the machine's memory), where the derivation would end in an {@link
 * OutOfMemoryError} instead of a refusal that says what to do. Such a file is refused before
 * Argon2id runs; an {@link OutOfMemoryError} the check did not foresee (the rest of the client
 * holding more than {@link #RESERVE_BYTES}) ends in the same refusal.
 */
public final class KeyFileMemory {
  /**
   * Heap taken per KiB of Argon2id memory: Bouncy Castle keeps each 1 KiB block as an object
   * holding a {@code long[128]}, with their headers and the array's reference to it.
   */
  static final long HEAP_BYTES_PER_KIB = 1024 + 64;

  /** Heap left for the rest of the client while a key file is unlocked. */
  static final long RESERVE_BYTES = 48L << 20;

  private KeyFileMemory() {}

  /**
   * {@link KeyFile#open}, after checking that this JVM's heap can hold the file's Argon2id memory.
   *
   * @param where what to call the file in the refusal, e.g. {@code the key backup on the relay}
   * @throws CommandException.Auth if the heap is too small for the file's memory cost
   * @throws CryptoException as {@link KeyFile#open}
   */
  public static IdentityKeyPair open(byte[] keyFile, char[] passphrase, String where)
      throws CryptoException {
    return open(keyFile, passphrase, where, Runtime.getRuntime().maxMemory());
  }

  /** {@link #open(byte[], char[], String)} with a heap of at most {@code maxHeapBytes}. */
  static IdentityKeyPair open(byte[] keyFile, char[] passphrase, String where, long maxHeapBytes)
      throws CryptoException {
    KdfParameters params;
    try {
      params = KeyFile.parameters(keyFile);
    } catch (MalformedDataException e) {
      return KeyFile.open(keyFile, passphrase); // refused there, with the same reason
    }
    if (heapNeeded(params) > maxHeapBytes) {
      throw tooLarge(params, where, maxHeapBytes);
    }
    try {
      return KeyFile.open(keyFile, passphrase);
    } catch (OutOfMemoryError e) {
      throw tooLarge(params, where, maxHeapBytes);
    }
  }

  /** The heap a client needs to unlock a file with {@code params}, the rest of it included. */
  static long heapNeeded(KdfParameters params) {
    return params.memoryKiB() * HEAP_BYTES_PER_KIB + RESERVE_BYTES;
  }

  private static CommandException.Auth tooLarge(
      KdfParameters params, String where, long maxHeapBytes) {
    long suggestedMiB = ((heapNeeded(params) >> 20) + 64 + 63) / 64 * 64;
    return new CommandException.Auth(
        where
            + " asks for "
            + (params.memoryKiB() >> 10)
            + " MiB of memory to unlock (its Argon2id cost), more than this client may use ("
            + (maxHeapBytes >> 20)
            + " MiB): start it with a larger heap, e.g. CHAT_JAVA_OPTS=-Xmx"
            + suggestedMiB
            + "m",
        null);
  }
}
