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
      throw tooLarge(params, where, maxHeapBytes, heapNeeded(params));
    }
    try {
      return KeyFile.open(keyFile, passphrase);
    } catch (OutOfMemoryError e) {
      // The estimate was not enough here (the rest of the client held more): ask for more than now.
      throw tooLarge(params, where, maxHeapBytes, Math.max(heapNeeded(params), maxHeapBytes));
    }
  }

  /** The heap a client needs to unlock a file with {@code params}, the rest of it included. */
  static long heapNeeded(KdfParameters params) {
    return params.memoryKiB() * HEAP_BYTES_PER_KIB + RESERVE_BYTES;
  }

  /**
   * An {@code -Xmx} in MiB, a multiple of 64, that gives at least {@code heapBytes} of usable heap
   * with every collector: the JVM reports less than {@code -Xmx} as usable (with the parallel
   * collector about nine tenths of it), so a quarter more is asked.
   */
  static long suggestedHeapMiB(long heapBytes) {
    long mib = (heapBytes * 5 / 4 + (1 << 20) - 1) >> 20;
    return (mib + 63) / 64 * 64;
  }

  /** The refusal, suggesting a heap that holds at least {@code atLeastBytes}. */
  private static CommandException.Auth tooLarge(
      KdfParameters params, String where, long maxHeapBytes, long atLeastBytes) {
    return new CommandException.Auth(
        where
            + " needs about "
            + (heapNeeded(params) >> 20)
            + " MiB of memory to unlock (its Argon2id cost is "
            + (params.memoryKiB() >> 10)
            + " MiB), and this client may use "
            + (maxHeapBytes >> 20)
            + " MiB: start it with a larger heap, e.g. CHAT_JAVA_OPTS=-Xmx"
            + suggestedHeapMiB(atLeastBytes)
            + "m",
        null);
  }
}
