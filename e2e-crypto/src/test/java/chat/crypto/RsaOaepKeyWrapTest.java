package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Wycheproof.TestCase;
import chat.crypto.Wycheproof.TestFile;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests {@link RsaOaepKeyWrap} against Wycheproof's RSA-OAEP SHA-256/MGF1-SHA-256 decryption
 * vectors for 2048, 3072 and 4096-bit keys, and checks its own rules.
 *
 * <p>Each vector's private key is read from the group's {@code privateKeyPkcs8}; each vector is
 * unwrapped by a new {@code RsaOaepKeyWrap} built with the vector's label. Local policy: {@code
 * valid} must unwrap to exactly {@code msg}; {@code invalid} must throw {@link
 * AuthenticationException} and nothing else; {@code acceptable} (none in the pinned files) may
 * either unwrap to exactly {@code msg} or throw {@link AuthenticationException}, and how each one
 * went is published as a test report entry.
 */
class RsaOaepKeyWrapTest {
  private static final String FILE_2048 = "rsa_oaep_2048_sha256_mgf1sha256_test.json";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] LABEL =
      Contexts.CONTENT_KEY_LABEL.getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @ValueSource(
      strings = {
        FILE_2048,
        "rsa_oaep_3072_sha256_mgf1sha256_test.json",
        "rsa_oaep_4096_sha256_mgf1sha256_test.json"
      })
  void unwrap_wycheproofVectors_followLocalPolicy(String fileName, TestReporter reporter)
      throws Exception {
    TestFile file = Wycheproof.load(fileName);
    Map<String, RSAPrivateCrtKey> keys = new HashMap<>();
    List<String> failures = new ArrayList<>();
    List<String> acceptable = new ArrayList<>();
    int run = 0;
    for (TestCase vector : file.tests()) {
      run++;
      String pkcs8 = vector.group().get("privateKeyPkcs8").asText();
      RSAPrivateCrtKey key = keys.computeIfAbsent(pkcs8, RsaOaepKeyWrapTest::privateKey);
      String failure = check(vector, key, acceptable);
      if (failure != null) {
        failures.add(vector.tag() + ": " + failure);
      }
    }
    reporter.publishEntry(
        fileName + " acceptable", acceptable.isEmpty() ? "none" : "" + acceptable);
    assertThat(run).isEqualTo(file.numberOfTests());
    assertThat(failures).isEmpty();
  }

  private static String check(TestCase vector, RSAPrivateCrtKey key, List<String> acceptable) {
    byte[] msg = vector.bytes("msg");
    RsaOaepKeyWrap wrap = new RsaOaepKeyWrap(RANDOM, vector.bytes("label"));
    byte[] unwrapped;
    try {
      unwrapped = wrap.unwrap(key, vector.bytes("ct"));
    } catch (AuthenticationException e) {
      switch (vector.result()) {
        case VALID:
          return "refused a valid vector";
        case ACCEPTABLE:
          acceptable.add(vector.tcId() + " refused");
          return null;
        default:
          return null;
      }
    } catch (CryptoException | RuntimeException e) {
      return "threw " + e + " instead of AuthenticationException";
    }
    switch (vector.result()) {
      case VALID:
        return Arrays.equals(unwrapped, msg) ? null : "unwrapped to another msg";
      case ACCEPTABLE:
        acceptable.add(vector.tcId() + " accepted");
        return Arrays.equals(unwrapped, msg) ? null : "acceptable vector unwrapped to another msg";
      default:
        return "unwrapped an invalid vector";
    }
  }

  private static RSAPrivateCrtKey privateKey(String pkcs8Hex) {
    try {
      return (RSAPrivateCrtKey)
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(HexFormat.of().parseHex(pkcs8Hex)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAPublicKey publicKey(RSAPrivateCrtKey key) throws GeneralSecurityException {
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
  }

  private static RSAPrivateCrtKey key2048() {
    TestFile file = Wycheproof.load(FILE_2048);
    return privateKey(file.tests().get(0).group().get("privateKeyPkcs8").asText());
  }

  @Test
  void unwrap_wrappedKey_returnsKey() throws Exception {
    RSAPrivateCrtKey key = key2048();
    RsaOaepKeyWrap wrap = new RsaOaepKeyWrap(RANDOM, LABEL);
    byte[] contentKey = new byte[32];
    RANDOM.nextBytes(contentKey);

    byte[] wrapped = wrap.wrap(publicKey(key), contentKey);

    assertThat(wrapped).hasSize(256);
    assertThat(wrap.unwrap(key, wrapped)).isEqualTo(contentKey);
  }

  @Test
  void wrap_sameKeyTwice_givesDifferentCiphertexts() throws Exception {
    RSAPublicKey key = publicKey(key2048());
    RsaOaepKeyWrap wrap = new RsaOaepKeyWrap(RANDOM, LABEL);

    assertThat(wrap.wrap(key, new byte[32])).isNotEqualTo(wrap.wrap(key, new byte[32]));
  }

  @Test
  void unwrap_otherLabel_throwsAuthentication() throws Exception {
    RSAPrivateCrtKey key = key2048();
    byte[] wrapped = new RsaOaepKeyWrap(RANDOM, LABEL).wrap(publicKey(key), new byte[32]);
    RsaOaepKeyWrap other = new RsaOaepKeyWrap(RANDOM, "other".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> other.unwrap(key, wrapped))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void unwrap_labelChangedAfterConstruction_usesCopy() throws Exception {
    RSAPrivateCrtKey key = key2048();
    byte[] label = LABEL.clone();
    RsaOaepKeyWrap wrap = new RsaOaepKeyWrap(RANDOM, label);
    byte[] wrapped = wrap.wrap(publicKey(key), new byte[32]);

    label[0] ^= 1;

    assertThat(wrap.unwrap(key, wrapped)).isEqualTo(new byte[32]);
  }

  @Test
  void unwrap_anyFlippedByte_throwsAuthentication() throws Exception {
    RSAPrivateCrtKey key = key2048();
    RsaOaepKeyWrap wrap = new RsaOaepKeyWrap(RANDOM, LABEL);
    byte[] wrapped = wrap.wrap(publicKey(key), new byte[32]);
    for (int i = 0; i < wrapped.length; i += 17) {
      byte[] altered = wrapped.clone();
      altered[i] ^= 0x40;
      assertThatThrownBy(() -> wrap.unwrap(key, altered))
          .as("byte %d", i)
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void unwrap_wrongLength_throwsAuthentication() throws Exception {
    RSAPrivateCrtKey key = key2048();
    RsaOaepKeyWrap wrap = new RsaOaepKeyWrap(RANDOM, LABEL);
    byte[] wrapped = wrap.wrap(publicKey(key), new byte[32]);
    for (int length : new int[] {0, 1, 255, 257, 512}) {
      byte[] resized = Arrays.copyOf(wrapped, length);
      assertThatThrownBy(() -> wrap.unwrap(key, resized))
          .as("length %d", length)
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void unwrap_ciphertextNotBelowModulus_throwsAuthentication() {
    RSAPrivateCrtKey key = key2048();
    byte[] modulus = key.getModulus().add(BigInteger.ONE).toByteArray();
    byte[] unreduced = Arrays.copyOfRange(modulus, modulus.length - 256, modulus.length);

    assertThatThrownBy(() -> new RsaOaepKeyWrap(RANDOM, LABEL).unwrap(key, unreduced))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void wrap_keyTooLongForModulus_throwsIllegalArgument() throws Exception {
    RSAPublicKey key = publicKey(key2048());

    // 2048-bit modulus, SHA-256: at most 256 - 2 * 32 - 2 = 190 bytes.
    assertThat(new RsaOaepKeyWrap(RANDOM, LABEL).wrap(key, new byte[190])).hasSize(256);
    assertThatThrownBy(() -> new RsaOaepKeyWrap(RANDOM, LABEL).wrap(key, new byte[191]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wrap_modulusBelow2048Bits_throwsIllegalArgument() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024, RANDOM);
    KeyPair small = generator.generateKeyPair();
    RsaOaepKeyWrap wrap = new RsaOaepKeyWrap(RANDOM, LABEL);

    assertThatThrownBy(() -> wrap.wrap((RSAPublicKey) small.getPublic(), new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> wrap.unwrap((RSAPrivateCrtKey) small.getPrivate(), new byte[128]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_nullArguments_throwNullPointer() {
    assertThatThrownBy(() -> new RsaOaepKeyWrap(null, LABEL))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new RsaOaepKeyWrap(RANDOM, null))
        .isInstanceOf(NullPointerException.class);
  }
}
