package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyFileTest {
  /** The smallest parameters a reader accepts: keeps each KDF run to a few milliseconds. */
  private static final KdfParameters FAST = new KdfParameters(8 * 1024, 1, 1);

  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static IdentityKeyPair identity;
  private static byte[] file;

  @BeforeAll
  static void generateOnce() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    identity = IdentityKeyPair.generate("alice", RANDOM, clock);
    file = KeyFile.seal(identity, PASSPHRASE, FAST, RANDOM);
  }

  @Test
  void open_rightPassphrase_restoresSameKeys() throws Exception {
    IdentityKeyPair opened = KeyFile.open(file, PASSPHRASE);

    assertThat(opened.bundle()).isEqualTo(identity.bundle());
    assertThat(opened.rsaPrivateKeyPkcs8()).isEqualTo(identity.rsaPrivateKeyPkcs8());
    assertThat(opened.ed25519Seed()).isEqualTo(identity.ed25519Seed());
  }

  @Test
  void seal_layout_matchesSpec() throws Exception {
    assertThat(Arrays.copyOf(file, 7)).isEqualTo("CHATKEY".getBytes(StandardCharsets.US_ASCII));
    assertThat(file[7]).isEqualTo((byte) 1);
    assertThat(file[8]).isEqualTo((byte) 1);
    assertThat(ByteBuffer.wrap(file, 9, 4).getInt()).isEqualTo(8 * 1024);
    assertThat(file[13]).isEqualTo((byte) 1);
    assertThat(file[14]).isEqualTo((byte) 1);
    assertThat(KeyFile.parameters(file)).isEqualTo(FAST);
    assertThat(
            KeyFile.parameters(KeyFile.seal(identity, PASSPHRASE, KdfParameters.DEFAULT, RANDOM)))
        .isEqualTo(KdfParameters.DEFAULT);
  }

  @Test
  void seal_decryptedFromSpecAlone_yieldsBundleKeyAndSeed() throws Exception {
    byte[] body = specOpen(file, PASSPHRASE);

    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] bundle = new byte[in.getShort() & 0xFFFF];
    in.get(bundle);
    byte[] pkcs8 = new byte[in.getShort() & 0xFFFF];
    in.get(pkcs8);
    byte[] seed = new byte[in.remaining()];
    in.get(seed);
    assertThat(bundle).isEqualTo(identity.bundle().encode());
    assertThat(pkcs8).isEqualTo(identity.rsaPrivateKeyPkcs8());
    assertThat(seed).isEqualTo(identity.ed25519Seed());
  }

  @Test
  void open_wrongPassphrase_throwsWrongPassphrase() {
    assertThatThrownBy(() -> KeyFile.open(file, "correct horse battery stapler".toCharArray()))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessage("wrong passphrase or damaged key file");
  }

  @Test
  void open_nonAsciiPassphrase_roundTrips() throws Exception {
    char[] passphrase = "pässwörd 🔑 密码".toCharArray();
    byte[] sealed = KeyFile.seal(identity, passphrase, FAST, RANDOM);

    assertThat(KeyFile.open(sealed, passphrase).bundle()).isEqualTo(identity.bundle());
    assertThat(passphrase).isEqualTo("pässwörd 🔑 密码".toCharArray());
    assertThrows(WrongPassphraseException.class, () -> KeyFile.open(sealed, PASSPHRASE));
  }

  @ParameterizedTest(name = "byte {0} ({2}) -> {1}")
  @CsvSource({
    "0, MalformedDataException, magic",
    "6, MalformedDataException, magic",
    "7, MalformedDataException, version",
    "8, MalformedDataException, kdf id",
    "9, MalformedDataException, memory high byte",
    "12, WrongPassphraseException, memory low byte",
    "13, WrongPassphraseException, iterations",
    "14, WrongPassphraseException, parallelism",
    "15, WrongPassphraseException, salt first",
    "30, WrongPassphraseException, salt last",
    "31, WrongPassphraseException, nonce first",
    "42, WrongPassphraseException, nonce last",
    "43, WrongPassphraseException, ciphertext first",
    "-1, WrongPassphraseException, tag last",
  })
  void open_tamperedByte_fails(int offset, String expected, String field) {
    byte[] tampered = file.clone();
    int index = offset >= 0 ? offset : tampered.length + offset;
    tampered[index] ^= 0x02;

    CryptoException e =
        assertThrows(CryptoException.class, () -> KeyFile.open(tampered, PASSPHRASE));

    assertThat(e.getClass().getSimpleName()).as(field).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 6, 7, 8, 12, 14, 30, 31, 42, 43, 80})
  void open_truncatedBeforeBody_throwsMalformed(int length) {
    byte[] truncated = Arrays.copyOf(file, length);

    assertThrows(MalformedDataException.class, () -> KeyFile.open(truncated, PASSPHRASE));
    assertThrows(MalformedDataException.class, () -> KeyFile.parameters(truncated));
  }

  @Test
  void open_truncatedInsideCiphertext_isIndistinguishableFromWrongPassphrase() {
    byte[] truncated = Arrays.copyOf(file, file.length - 1);

    assertThrows(WrongPassphraseException.class, () -> KeyFile.open(truncated, PASSPHRASE));
  }

  @Test
  void open_oversized_throwsMalformedBeforeKdf() {
    byte[] big = Arrays.copyOf(file, KeyFile.MAX_FILE_BYTES + 1);

    assertThrows(MalformedDataException.class, () -> KeyFile.open(big, PASSPHRASE));
  }

  @ParameterizedTest(name = "memory {0} KiB, t={1}, p={2}")
  @CsvSource({
    "4194304, 1, 1",
    "-1, 1, 1",
    "8191, 1, 1",
    "1048577, 1, 1",
    "8192, 0, 1",
    "8192, 11, 1",
    "8192, 1, 0",
    "8192, 1, 17",
  })
  void open_hostileParameters_throwsMalformedWithoutRunningKdf(
      int memoryKiB, int iterations, int parallelism) {
    byte[] hostile = file.clone();
    ByteBuffer.wrap(hostile, 9, 6).putInt(memoryKiB).put((byte) iterations).put((byte) parallelism);

    // A 4 GiB Argon2 run would either exhaust the heap or take many seconds.
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          assertThrows(MalformedDataException.class, () -> KeyFile.open(hostile, PASSPHRASE));
          assertThrows(MalformedDataException.class, () -> KeyFile.parameters(hostile));
        });
  }

  @Test
  void changePassphrase_oldFailsNewWorks() throws Exception {
    char[] newPassphrase = "tr0ub4dor&3".toCharArray();
    KdfParameters stronger = new KdfParameters(16 * 1024, 2, 2);

    byte[] changed = KeyFile.changePassphrase(file, PASSPHRASE, newPassphrase, stronger, RANDOM);

    assertThrows(WrongPassphraseException.class, () -> KeyFile.open(changed, PASSPHRASE));
    assertThat(KeyFile.open(changed, newPassphrase).bundle()).isEqualTo(identity.bundle());
    assertThat(KeyFile.parameters(changed)).isEqualTo(stronger);
  }

  @Test
  void changePassphrase_wrongOldPassphrase_throwsWrongPassphrase() {
    assertThrows(
        WrongPassphraseException.class,
        () -> KeyFile.changePassphrase(file, "nope".toCharArray(), PASSPHRASE, FAST, RANDOM));
  }

  @Test
  void seal_sameIdentityTwice_freshSaltAndNonce() {
    byte[] again = KeyFile.seal(identity, PASSPHRASE, FAST, RANDOM);

    assertThat(again).hasSameSizeAs(file).isNotEqualTo(file);
    assertThat(Arrays.copyOfRange(again, 15, 31)).isNotEqualTo(Arrays.copyOfRange(file, 15, 31));
    assertThat(Arrays.copyOfRange(again, 31, 43)).isNotEqualTo(Arrays.copyOfRange(file, 31, 43));
    assertThat(Arrays.copyOf(again, 15)).isEqualTo(Arrays.copyOf(file, 15));
  }

  @Test
  void open_authenticBodyWithMismatchedKeys_throwsMalformed() throws Exception {
    byte[] otherSeed = new byte[32];
    RANDOM.nextBytes(otherSeed);
    byte[] body = specBody(identity.bundle().encode(), identity.rsaPrivateKeyPkcs8(), otherSeed);

    byte[] forged = specSeal(body, PASSPHRASE);

    assertThatThrownBy(() -> KeyFile.open(forged, PASSPHRASE))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("do not match");
  }

  @Test
  void open_authenticBodyWithTrailingBytes_throwsMalformed() {
    byte[] body =
        specBody(identity.bundle().encode(), identity.rsaPrivateKeyPkcs8(), identity.ed25519Seed());
    byte[] longer = Arrays.copyOf(body, body.length + 1);

    byte[] forged = specSeal(longer, PASSPHRASE);

    assertThrows(MalformedDataException.class, () -> KeyFile.open(forged, PASSPHRASE));
  }

  @Test
  void toStrings_neverShowSecrets() {
    assertThat(identity.toString()).contains("redacted");
  }

  // ---- an independent implementation of docs/spec/keyfile.md, used to cross-check ----

  private static byte[] specBody(byte[] bundle, byte[] pkcs8, byte[] seed) {
    return ByteBuffer.allocate(4 + bundle.length + pkcs8.length + seed.length)
        .putShort((short) bundle.length)
        .put(bundle)
        .putShort((short) pkcs8.length)
        .put(pkcs8)
        .put(seed)
        .array();
  }

  private static byte[] specKey(char[] passphrase, byte[] header) {
    ByteBuffer h = ByteBuffer.wrap(header);
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(h.getInt(9))
            .withIterations(header[13])
            .withParallelism(header[14])
            .withSalt(Arrays.copyOfRange(header, 15, 31))
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] key = new byte[32];
    generator.generateBytes(new String(passphrase).getBytes(StandardCharsets.UTF_8), key);
    return key;
  }

  private static byte[] specSeal(byte[] body, char[] passphrase) {
    byte[] salt = new byte[16];
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(nonce);
    byte[] header =
        ByteBuffer.allocate(31)
            .put("CHATKEY".getBytes(StandardCharsets.US_ASCII))
            .put((byte) 1)
            .put((byte) 1)
            .putInt(FAST.memoryKiB())
            .put((byte) FAST.iterations())
            .put((byte) FAST.parallelism())
            .put(salt)
            .array();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(specKey(passphrase, header), "AES"),
          new GCMParameterSpec(128, nonce));
      cipher.updateAAD(header);
      byte[] sealed = cipher.doFinal(body);
      return ByteBuffer.allocate(31 + 12 + sealed.length)
          .put(header)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] specOpen(byte[] file, char[] passphrase) throws Exception {
    byte[] header = Arrays.copyOf(file, 31);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(specKey(passphrase, header), "AES"),
        new GCMParameterSpec(128, file, 31, 12));
    cipher.updateAAD(header);
    return cipher.doFinal(file, 43, file.length - 43);
  }
}
