package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Wycheproof.TestCase;
import chat.crypto.Wycheproof.TestFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Tests {@link Ed25519Verifier} against every vector of Wycheproof's {@code ed25519_test.json} and
 * checks its own length and key checks.
 *
 * <p>Local policy for the vectors: {@code valid} must verify; {@code invalid} must either throw
 * {@link AuthenticationException} from {@code verify}, or have its group's public key refused by
 * the constructor with {@link MalformedDataException}; {@code acceptable} (none in the pinned file)
 * may go either way, and how each one went is published as a test report entry. Any other exception
 * is a failure.
 */
class Ed25519VerifierTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8032 section 7.1, TEST 1: the signature of the empty message. */
  private static final byte[] RFC8032_PUBLIC_KEY =
      HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  private static final byte[] RFC8032_SIGNATURE =
      HEX.parseHex(
          "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
              + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

  /** The eight points of small order, canonically encoded, and non-canonical aliases of some. */
  private static final String[] SMALL_ORDER_KEYS = {
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    "0100000000000000000000000000000000000000000000000000000000000080",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
  };

  @Test
  void verify_wycheproofVectors_followLocalPolicy(TestReporter reporter) {
    TestFile file = Wycheproof.load("ed25519_test.json");
    List<String> failures = new ArrayList<>();
    List<String> acceptable = new ArrayList<>();
    int run = 0;
    for (TestCase vector : file.tests()) {
      run++;
      String failure = check(vector, acceptable);
      if (failure != null) {
        failures.add(vector.tag() + ": " + failure);
      }
    }
    reporter.publishEntry("acceptable", acceptable.isEmpty() ? "none" : acceptable.toString());
    assertThat(run).isEqualTo(file.numberOfTests());
    assertThat(failures).isEmpty();
  }

  private static String check(TestCase vector, List<String> acceptable) {
    byte[] publicKey = Wycheproof.hex(vector.group().get("publicKey"), "pk");
    Ed25519Verifier verifier;
    try {
      verifier = new Ed25519Verifier(publicKey);
    } catch (MalformedDataException e) {
      return refused(vector, acceptable, "public key refused");
    } catch (RuntimeException e) {
      return "constructor threw " + e;
    }
    try {
      verifier.verify(vector.bytes("msg"), vector.bytes("sig"));
    } catch (AuthenticationException e) {
      return refused(vector, acceptable, "signature refused");
    } catch (RuntimeException e) {
      return "verify threw " + e;
    }
    switch (vector.result()) {
      case VALID:
        return null;
      case ACCEPTABLE:
        acceptable.add(vector.tcId() + " accepted");
        return null;
      default:
        return "accepted an invalid signature";
    }
  }

  private static String refused(TestCase vector, List<String> acceptable, String how) {
    switch (vector.result()) {
      case VALID:
        return how + " for a valid vector";
      case ACCEPTABLE:
        acceptable.add(vector.tcId() + " " + how);
        return null;
      default:
        return null;
    }
  }

  @Test
  void verify_rfc8032Test1_passes() throws Exception {
    Ed25519Verifier verifier = new Ed25519Verifier(RFC8032_PUBLIC_KEY);

    assertThatCode(() -> verifier.verify(new byte[0], RFC8032_SIGNATURE))
        .doesNotThrowAnyException();
  }

  @Test
  void verify_signatureWithOneExtraByte_throwsAuthentication() throws Exception {
    Ed25519Verifier verifier = new Ed25519Verifier(RFC8032_PUBLIC_KEY);
    for (int extra = 0; extra < 256; extra++) {
      byte[] longer = Arrays.copyOf(RFC8032_SIGNATURE, 65);
      longer[64] = (byte) extra;
      assertThatThrownBy(() -> verifier.verify(new byte[0], longer))
          .as("extra byte %d", extra)
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void verify_signatureOfWrongLength_throwsAuthentication() throws Exception {
    Ed25519Verifier verifier = new Ed25519Verifier(RFC8032_PUBLIC_KEY);
    for (int length : new int[] {0, 1, 32, 63, 96, 128}) {
      byte[] resized = Arrays.copyOf(RFC8032_SIGNATURE, length);
      assertThatThrownBy(() -> verifier.verify(new byte[0], resized))
          .as("length %d", length)
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void verify_otherMessage_throwsAuthentication() throws Exception {
    Ed25519Verifier verifier = new Ed25519Verifier(RFC8032_PUBLIC_KEY);

    assertThatThrownBy(() -> verifier.verify(new byte[1], RFC8032_SIGNATURE))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void verify_anyFlippedBit_throwsAuthentication() throws Exception {
    Ed25519Verifier verifier = new Ed25519Verifier(RFC8032_PUBLIC_KEY);
    for (int bit = 0; bit < 512; bit++) {
      byte[] altered = RFC8032_SIGNATURE.clone();
      altered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> verifier.verify(new byte[0], altered))
          .as("bit %d", bit)
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void constructor_keyNot32Bytes_throwsMalformed() {
    for (int length : new int[] {0, 31, 33, 64}) {
      byte[] key = Arrays.copyOf(RFC8032_PUBLIC_KEY, length);
      assertThatThrownBy(() -> new Ed25519Verifier(key))
          .as("length %d", length)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  @Test
  void constructor_notOnCurve_throwsMalformed() {
    // y = 2 has no matching x on edwards25519.
    byte[] key = new byte[32];
    key[0] = 2;

    assertThatThrownBy(() -> new Ed25519Verifier(key)).isInstanceOf(MalformedDataException.class);
  }

  @Test
  void constructor_smallOrderOrNonCanonicalKey_throwsMalformed() {
    for (String hex : SMALL_ORDER_KEYS) {
      assertThatThrownBy(() -> new Ed25519Verifier(HEX.parseHex(hex)))
          .as(hex)
          .isInstanceOf(MalformedDataException.class);
    }
  }

  @Test
  void nullArguments_throwNullPointer() throws Exception {
    Ed25519Verifier verifier = new Ed25519Verifier(RFC8032_PUBLIC_KEY);

    assertThatThrownBy(() -> new Ed25519Verifier(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> verifier.verify(null, RFC8032_SIGNATURE))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> verifier.verify(new byte[0], null))
        .isInstanceOf(NullPointerException.class);
  }
}
