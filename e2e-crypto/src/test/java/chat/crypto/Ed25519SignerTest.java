package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Wycheproof.TestCase;
import chat.crypto.Wycheproof.TestFile;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link Ed25519Signer} against the signing keys of Wycheproof's older {@code
 * eddsa_test.json} (see the README next to it) and RFC 8032.
 *
 * <p>Local policy for the vectors: each group's seed ({@code key.sk}) must give the group's public
 * key; for a {@code valid} vector, signing {@code msg} must give exactly {@code sig}; for an {@code
 * invalid} or {@code acceptable} one, signing {@code msg} must give a signature other than {@code
 * sig}. Either way our own signature must pass {@link Ed25519Verifier}.
 */
class Ed25519SignerTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8032 section 7.1, TEST 1. */
  private static final byte[] RFC8032_SEED =
      HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

  private static final byte[] RFC8032_PUBLIC_KEY =
      HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  private static final byte[] RFC8032_SIGNATURE =
      HEX.parseHex(
          "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
              + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

  @Test
  void sign_wycheproofVectors_reproduceValidSignatures() {
    TestFile file = Wycheproof.load("eddsa_test.json");
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (TestCase vector : file.tests()) {
      run++;
      String failure = check(vector);
      if (failure != null) {
        failures.add(vector.tag() + ": " + failure);
      }
    }
    assertThat(run).isEqualTo(file.numberOfTests());
    assertThat(failures).isEmpty();
  }

  private static String check(TestCase vector) {
    byte[] publicKey = Wycheproof.hex(vector.group().get("key"), "pk");
    Ed25519Signer signer = new Ed25519Signer(Wycheproof.hex(vector.group().get("key"), "sk"));
    if (!Arrays.equals(signer.publicKey(), publicKey)) {
      return "seed does not give the public key";
    }
    byte[] msg = vector.bytes("msg");
    byte[] signature = signer.sign(msg);
    boolean same = Arrays.equals(signature, vector.bytes("sig"));
    if (vector.result() == Wycheproof.Result.VALID && !same) {
      return "signature differs from sig";
    }
    if (vector.result() != Wycheproof.Result.VALID && same) {
      return "signer produced a signature Wycheproof calls " + vector.result();
    }
    try {
      new Ed25519Verifier(publicKey).verify(msg, signature);
      return null;
    } catch (CryptoException e) {
      return "our own signature did not verify: " + e;
    }
  }

  @Test
  void sign_rfc8032Test1_givesKnownSignature() {
    Ed25519Signer signer = new Ed25519Signer(RFC8032_SEED);

    assertThat(signer.publicKey()).isEqualTo(RFC8032_PUBLIC_KEY);
    assertThat(signer.sign(new byte[0])).isEqualTo(RFC8032_SIGNATURE);
  }

  @Test
  void sign_sameMessageTwice_givesSameSignature() {
    Ed25519Signer signer = new Ed25519Signer(Ed25519Signer.newSeed(new SecureRandom()));

    assertThat(signer.sign(new byte[] {1, 2, 3})).isEqualTo(signer.sign(new byte[] {1, 2, 3}));
  }

  @Test
  void verify_freshSignature_passes() throws Exception {
    Ed25519Signer signer = new Ed25519Signer(Ed25519Signer.newSeed(new SecureRandom()));
    byte[] message = new byte[1000];

    byte[] signature = signer.sign(message);

    assertThat(signature).hasSize(Ed25519Verifier.SIGNATURE_SIZE_BYTES);
    assertThatCode(() -> new Ed25519Verifier(signer.publicKey()).verify(message, signature))
        .doesNotThrowAnyException();
  }

  @Test
  void constructor_seedNot32Bytes_throwsIllegalArgument() {
    for (int length : new int[] {0, 31, 33, 64}) {
      assertThatThrownBy(() -> new Ed25519Signer(new byte[length]))
          .as("length %d", length)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void constructor_seedChangedAfterwards_keepsCopy() {
    byte[] seed = RFC8032_SEED.clone();
    Ed25519Signer signer = new Ed25519Signer(seed);

    seed[0] ^= 1;

    assertThat(signer.seed()).isEqualTo(RFC8032_SEED);
    assertThat(signer.sign(new byte[0])).isEqualTo(RFC8032_SIGNATURE);
  }

  @Test
  void destroy_afterSigning_zeroesSeed() {
    Ed25519Signer signer = new Ed25519Signer(RFC8032_SEED);

    signer.destroy();

    assertThat(signer.seed()).containsOnly(0);
  }

  @Test
  void toString_always_hidesSeed() {
    Ed25519Signer signer = new Ed25519Signer(RFC8032_SEED);

    assertThat(signer.toString())
        .contains("redacted")
        .doesNotContain(HEX.formatHex(RFC8032_SEED).substring(0, 8));
  }

  @Test
  void newSeed_twice_gives32DifferentBytes() {
    SecureRandom random = new SecureRandom();

    byte[] first = Ed25519Signer.newSeed(random);

    assertThat(first).hasSize(Ed25519Signer.SEED_SIZE_BYTES);
    assertThat(Ed25519Signer.newSeed(random)).isNotEqualTo(first);
  }

  @Test
  void sign_nullMessage_throwsNullPointer() {
    Ed25519Signer signer = new Ed25519Signer(RFC8032_SEED);

    assertThatThrownBy(() -> signer.sign(null)).isInstanceOf(NullPointerException.class);
  }
}
