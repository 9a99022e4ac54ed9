package chat.crypto;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the key file reader (a key file can come from the relay's key backup): the header parser
 * accepts or throws {@link MalformedDataException}, and a file with the cheapest KDF parameters
 * opens or throws a {@link CryptoException}. Costlier parameters are in bounds by design (at most 1
 * GiB and 10 passes) and are not run here, to keep each input fast.
 */
class KeyFileFuzzTest {
  private static final char[] PASSPHRASE = "fuzzing passphrase".toCharArray();

  @FuzzTest(maxDuration = "10m")
  void open_anyBytes_opensOrThrowsCryptoException(byte[] data) {
    KdfParameters params;
    try {
      params = KeyFile.parameters(data);
    } catch (MalformedDataException expected) {
      return;
    }
    if (params.memoryKiB() > KdfParameters.MIN_MEMORY_KIB
        || params.iterations() > 1
        || params.parallelism() > 1) {
      return;
    }
    try {
      KeyFile.open(data, PASSPHRASE).destroy();
    } catch (CryptoException expected) {
      // wrong passphrase, damaged or malformed
    }
  }
}
