package chat.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.AuthenticationException;
import chat.crypto.Wycheproof;
import chat.crypto.Wycheproof.TestCase;
import chat.crypto.Wycheproof.TestFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link AesGcm} against every vector of Wycheproof's {@code aes_gcm_test.json} and checks
 * its argument handling.
 *
 * <p>Local policy for the vectors. The wrapper supports exactly a 256-bit key, a 96-bit nonce and a
 * 128-bit tag; 66 vectors of the pinned file fit that.
 *
 * <ul>
 *   <li>Supported, {@code valid}: {@code seal} returns exactly {@code ct || tag}, and {@code open}
 *       returns exactly {@code msg}, also when the nonce and the ciphertext sit at an offset inside
 *       larger arrays.
 *   <li>Supported, {@code invalid}: {@code open} throws {@link AuthenticationException} and nothing
 *       else.
 *   <li>Supported, {@code acceptable} (none in the pinned file): {@code open} either returns
 *       exactly {@code msg} or throws {@link AuthenticationException}.
 *   <li>Any other key or nonce size, whatever the vector's result, must be refused: {@code seal}
 *       throws {@link IllegalArgumentException}; {@code open} throws {@link
 *       IllegalArgumentException} or, for input shorter than a tag, {@link
 *       AuthenticationException}. Returning anything counts as a failure.
 *   <li>Any other tag size (none in the pinned file): the wrapper takes no tag size, so {@code
 *       open} must throw one of the two exceptions above and {@code seal} must not reproduce {@code
 *       ct || tag}.
 * </ul>
 */
class AesGcmTest {
  private static final int SUPPORTED_VECTORS_IN_PINNED_FILE = 66;

  private static final byte[] KEY = new byte[32];
  private static final byte[] NONCE = new byte[12];
  private static final byte[] AAD = "header".getBytes(StandardCharsets.US_ASCII);

  @Test
  void sealAndOpen_wycheproofVectors_followLocalPolicy() {
    TestFile file = Wycheproof.load("aes_gcm_test.json");
    List<String> failures = new ArrayList<>();
    int run = 0;
    int supported = 0;
    for (TestCase vector : file.tests()) {
      run++;
      String failure;
      if (isSupported(vector)) {
        supported++;
        failure = checkSupported(vector);
      } else {
        failure = checkRefused(vector);
      }
      if (failure != null) {
        failures.add(vector.tag() + ": " + failure);
      }
    }
    assertThat(run).isEqualTo(file.numberOfTests());
    assertThat(supported).isEqualTo(SUPPORTED_VECTORS_IN_PINNED_FILE);
    assertThat(failures).isEmpty();
  }

  private static boolean isSupported(TestCase vector) {
    return vector.groupInt("keySize") == 256
        && vector.groupInt("ivSize") == 96
        && vector.groupInt("tagSize") == 128;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String checkSupported(TestCase vector) {
    byte[] key = vector.bytes("key");
    byte[] iv = vector.bytes("iv");
    byte[] aad = vector.bytes("aad");
    byte[] msg = vector.bytes("msg");
    byte[] sealed = concat(vector.bytes("ct"), vector.bytes("tag"));
    try {
      switch (vector.result()) {
        case VALID:
          if (!Arrays.equals(AesGcm.seal(key, iv, msg, aad), sealed)) {
            return "seal did not give ct || tag";
          }
          if (!Arrays.equals(AesGcm.open(key, iv, 0, 12, sealed, 0, sealed.length, aad), msg)) {
            return "open did not give msg";
          }
          byte[] nonceSource = concat(new byte[] {1, 2, 3}, concat(iv, new byte[] {4}));
          byte[] input = concat(new byte[] {5, 6, 7, 8, 9}, concat(sealed, new byte[] {10, 11}));
          byte[] opened = AesGcm.open(key, nonceSource, 3, 12, input, 5, sealed.length, aad);
          return Arrays.equals(opened, msg) ? null : "open at an offset did not give msg";
        case INVALID:
          AesGcm.open(key, iv, 0, 12, sealed, 0, sealed.length, aad);
          return "open accepted an invalid vector";
        case ACCEPTABLE:
          byte[] result = AesGcm.open(key, iv, 0, 12, sealed, 0, sealed.length, aad);
          return Arrays.equals(result, msg) ? null : "acceptable vector opened to another msg";
        default:
          throw new AssertionError(vector.result());
      }
    } catch (AuthenticationException e) {
      return vector.result() == Wycheproof.Result.VALID ? "open refused a valid vector" : null;
    } catch (RuntimeException e) {
      return "threw " + e;
    }
  }

  private static String checkRefused(TestCase vector) {
    byte[] key = vector.bytes("key");
    byte[] iv = vector.bytes("iv");
    byte[] aad = vector.bytes("aad");
    byte[] sealed = concat(vector.bytes("ct"), vector.bytes("tag"));
    boolean tagSizeOnly = vector.groupInt("keySize") == 256 && vector.groupInt("ivSize") == 96;
    try {
      byte[] out = AesGcm.seal(key, iv, vector.bytes("msg"), aad);
      if (!tagSizeOnly || Arrays.equals(out, sealed)) {
        return "seal accepted unsupported parameters";
      }
    } catch (IllegalArgumentException e) {
      // refused, as required
    } catch (RuntimeException e) {
      return "seal threw " + e;
    }
    try {
      AesGcm.open(key, iv, 0, iv.length, sealed, 0, sealed.length, aad);
      return "open accepted unsupported parameters";
    } catch (IllegalArgumentException | AuthenticationException e) {
      return null;
    } catch (RuntimeException e) {
      return "open threw " + e;
    }
  }

  private static byte[] open(byte[] key, byte[] nonce, byte[] sealed, byte[] aad)
      throws AuthenticationException {
    return AesGcm.open(key, nonce, 0, nonce.length, sealed, 0, sealed.length, aad);
  }

  @Test
  void open_sealedOutput_returnsPlaintext() throws Exception {
    byte[] plaintext = "hello".getBytes(StandardCharsets.UTF_8);

    byte[] sealed = AesGcm.seal(KEY, NONCE, plaintext, AAD);

    assertThat(sealed).hasSize(plaintext.length + AesGcm.TAG_SIZE_BYTES);
    assertThat(open(KEY, NONCE, sealed, AAD)).isEqualTo(plaintext);
  }

  @Test
  void open_emptyPlaintextAndAad_returnsEmpty() throws Exception {
    byte[] sealed = AesGcm.seal(KEY, NONCE, new byte[0], new byte[0]);

    assertThat(sealed).hasSize(AesGcm.TAG_SIZE_BYTES);
    assertThat(open(KEY, NONCE, sealed, new byte[0])).isEmpty();
  }

  @Test
  void open_anyFlippedBit_throwsAuthentication() {
    byte[] sealed = AesGcm.seal(KEY, NONCE, new byte[20], AAD);
    for (int bit = 0; bit < sealed.length * 8; bit++) {
      byte[] altered = sealed.clone();
      altered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> open(KEY, NONCE, altered, AAD))
          .as("bit %d", bit)
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void open_otherAssociatedData_throwsAuthentication() {
    byte[] sealed = AesGcm.seal(KEY, NONCE, new byte[20], AAD);

    assertThatThrownBy(() -> open(KEY, NONCE, sealed, new byte[0]))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void open_otherNonce_throwsAuthentication() {
    byte[] sealed = AesGcm.seal(KEY, NONCE, new byte[20], AAD);
    byte[] otherNonce = NONCE.clone();
    otherNonce[11] = 1;

    assertThatThrownBy(() -> open(KEY, otherNonce, sealed, AAD))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void open_inputShorterThanTag_throwsAuthentication() {
    byte[] sealed = AesGcm.seal(KEY, NONCE, new byte[0], AAD);
    for (int length = 0; length < AesGcm.TAG_SIZE_BYTES; length++) {
      byte[] truncated = Arrays.copyOf(sealed, length);
      assertThatThrownBy(() -> open(KEY, NONCE, truncated, AAD))
          .as("length %d", length)
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void seal_keyNot32Bytes_throwsIllegalArgument() {
    for (int length : new int[] {0, 16, 24, 31, 33}) {
      assertThatThrownBy(() -> AesGcm.seal(new byte[length], NONCE, new byte[1], AAD))
          .as("key length %d", length)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void open_keyNot32Bytes_throwsIllegalArgument() {
    byte[] sealed = AesGcm.seal(KEY, NONCE, new byte[1], AAD);

    assertThatThrownBy(() -> open(new byte[16], NONCE, sealed, AAD))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void seal_nonceNot12Bytes_throwsIllegalArgument() {
    for (int length : new int[] {0, 8, 11, 13, 16}) {
      assertThatThrownBy(() -> AesGcm.seal(KEY, new byte[length], new byte[1], AAD))
          .as("nonce length %d", length)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void open_nonceLengthNot12_throwsIllegalArgument() {
    byte[] sealed = AesGcm.seal(KEY, NONCE, new byte[1], AAD);

    assertThatThrownBy(() -> AesGcm.open(KEY, new byte[16], 0, 16, sealed, 0, sealed.length, AAD))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
