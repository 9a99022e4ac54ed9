package chat.crypto;

import chat.crypto.internal.AesGcm;
import chat.crypto.internal.ByteReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The passphrase-encrypted private-key file (see docs/spec/keyfile.md): an identity's bundle, RSA
 * PKCS#8 key and Ed25519 seed under AES-256-GCM with a key derived by Argon2id v1.3.
 *
 * <p>Guarantee: without the passphrase the file reveals nothing about the keys (beyond their
 * approximate size), and any change to any byte, header included, makes {@link #open} fail. Every
 * write draws a fresh 16-byte salt and 12-byte nonce from the given {@link SecureRandom}. The
 * passphrase is UTF-8 encoded into a scratch array that is zeroed after use; this class never keeps
 * it. Null arguments throw {@link NullPointerException}; an empty passphrase is accepted here
 * (callers decide whether to allow it). Pure: bytes in, bytes out.
 */
public final class KeyFile {
  /** The first seven bytes of every key file, ASCII {@code CHATKEY}. */
  private static final byte[] MAGIC = "CHATKEY".getBytes(StandardCharsets.US_ASCII);

  /** Format version byte. */
  public static final int VERSION = 1;

  /** KDF id byte: Argon2id, version 0x13. */
  public static final int KDF_ARGON2ID_V13 = 1;

  /**
   * The fewest characters the client accepts for the passphrase of a key file it writes: whoever
   * has a copy of the file (a stolen disk, a relay holding its backup) can guess at it offline.
   * {@link #open} takes any passphrase, so that older files still open.
   */
  public static final int MIN_NEW_PASSPHRASE_CHARS = 8;

  /** Salt length in bytes. */
  public static final int SALT_SIZE_BYTES = 16;

  /** Length of the header (magic through salt), which is the AEAD's associated data. */
  public static final int HEADER_SIZE_BYTES = 7 + 1 + 1 + 4 + 1 + 1 + SALT_SIZE_BYTES;

  /** Largest RSA PKCS#8 encoding accepted (an RSA-4096 CRT key is about 2,400 bytes). */
  static final int MAX_PKCS8_BYTES = 4096;

  private static final int KEY_SIZE_BYTES = 32;
  private static final int SEED_SIZE_BYTES = Ed25519Signer.SEED_SIZE_BYTES;
  private static final int MIN_BODY_BYTES = 2 + 1 + 2 + 1 + SEED_SIZE_BYTES;
  private static final int MAX_BODY_BYTES =
      2 + IdentityBundle.MAX_ENCODED_BYTES + 2 + MAX_PKCS8_BYTES + SEED_SIZE_BYTES;
  private static final int CIPHERTEXT_OFFSET = HEADER_SIZE_BYTES + AesGcm.NONCE_SIZE_BYTES;

  /** Largest key file accepted, checked before anything else is read. */
  public static final int MAX_FILE_BYTES =
      CIPHERTEXT_OFFSET + MAX_BODY_BYTES + AesGcm.TAG_SIZE_BYTES;

  private KeyFile() {}

  /**
   * Whether {@code data} starts as a key file does (its magic), so that a key file given where a
   * public bundle is expected can be named for what it is. Checks nothing else.
   */
  public static boolean startsAsKeyFile(byte[] data) {
    return data.length >= MAGIC.length
        && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /**
   * Encrypts {@code identity}'s private keys under {@code passphrase}.
   *
   * @return the complete key file
   */
  public static byte[] seal(
      IdentityKeyPair identity, char[] passphrase, KdfParameters params, SecureRandom random) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(passphrase, "passphrase");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(random, "random");
    byte[] bundle = identity.bundle().encode();
    byte[] pkcs8 = identity.rsaPrivateKeyPkcs8();
    byte[] seed = identity.ed25519Seed();
    byte[] body = null;
    byte[] key = null;
    try {
      body = body(bundle, pkcs8, seed);
      byte[] salt = new byte[SALT_SIZE_BYTES];
      random.nextBytes(salt);
      byte[] nonce = new byte[AesGcm.NONCE_SIZE_BYTES];
      random.nextBytes(nonce);
      byte[] header = header(params, salt);
      key = derive(passphrase, params, salt);
      byte[] sealed = AesGcm.seal(key, nonce, body, header);
      byte[] file = new byte[CIPHERTEXT_OFFSET + sealed.length];
      System.arraycopy(header, 0, file, 0, HEADER_SIZE_BYTES);
      System.arraycopy(nonce, 0, file, HEADER_SIZE_BYTES, nonce.length);
      System.arraycopy(sealed, 0, file, CIPHERTEXT_OFFSET, sealed.length);
      return file;
    } finally {
      zero(pkcs8, seed, body, key);
    }
  }

  /**
   * Decrypts a key file and restores the identity, checking that the private keys match the bundle.
   * Structure and KDF bounds are checked before the KDF runs.
   *
   * @throws MalformedDataException if the file is not a well-formed key file, its KDF parameters
   *     are out of bounds, or its decrypted content is inconsistent
   * @throws WrongPassphraseException if the authentication tag does not verify: a wrong passphrase,
   *     or a damaged or altered file (the two cannot be told apart)
   */
  public static IdentityKeyPair open(byte[] file, char[] passphrase) throws CryptoException {
    Objects.requireNonNull(passphrase, "passphrase");
    Header header = Header.parse(file);
    byte[] key = derive(passphrase, header.params, header.salt);
    byte[] body;
    try {
      body =
          AesGcm.open(
              key,
              file,
              HEADER_SIZE_BYTES,
              AesGcm.NONCE_SIZE_BYTES,
              file,
              CIPHERTEXT_OFFSET,
              file.length - CIPHERTEXT_OFFSET,
              Arrays.copyOf(file, HEADER_SIZE_BYTES));
    } catch (AuthenticationException e) {
      throw new WrongPassphraseException("wrong passphrase or damaged key file");
    } finally {
      zero(key);
    }
    try {
      return restore(body);
    } finally {
      zero(body);
    }
  }

  /**
   * Re-encrypts a key file under a new passphrase with fresh salt and nonce and {@code params}.
   *
   * @throws MalformedDataException or {@link WrongPassphraseException} as {@link #open}, for the
   *     old passphrase
   */
  public static byte[] changePassphrase(
      byte[] file,
      char[] oldPassphrase,
      char[] newPassphrase,
      KdfParameters params,
      SecureRandom random)
      throws CryptoException {
    Objects.requireNonNull(newPassphrase, "newPassphrase");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(random, "random");
    IdentityKeyPair identity = open(file, oldPassphrase);
    try {
      return seal(identity, newPassphrase, params, random);
    } finally {
      identity.destroy();
    }
  }

  /**
   * The KDF parameters of a key file, without a passphrase.
   *
   * @throws MalformedDataException if the header is malformed or its parameters are out of bounds
   */
  public static KdfParameters parameters(byte[] file) throws MalformedDataException {
    return Header.parse(file).params;
  }

  private static byte[] header(KdfParameters params, byte[] salt) {
    ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE_BYTES);
    out.put(MAGIC).put((byte) VERSION).put((byte) KDF_ARGON2ID_V13);
    out.putInt(params.memoryKiB());
    out.put((byte) params.iterations()).put((byte) params.parallelism()).put(salt);
    return out.array();
  }

  /** {@code bytes16(bundle) || bytes16(pkcs8) || seed}, built in one array that can be zeroed. */
  private static byte[] body(byte[] bundle, byte[] pkcs8, byte[] seed) {
    if (pkcs8.length > MAX_PKCS8_BYTES || bundle.length > IdentityBundle.MAX_ENCODED_BYTES) {
      throw new IllegalArgumentException("identity too large for a key file");
    }
    byte[] body = new byte[2 + bundle.length + 2 + pkcs8.length + seed.length];
    int offset = putBytes16(body, 0, bundle);
    offset = putBytes16(body, offset, pkcs8);
    System.arraycopy(seed, 0, body, offset, seed.length);
    return body;
  }

  private static int putBytes16(byte[] out, int offset, byte[] value) {
    out[offset] = (byte) (value.length >>> 8);
    out[offset + 1] = (byte) value.length;
    System.arraycopy(value, 0, out, offset + 2, value.length);
    return offset + 2 + value.length;
  }

  private static IdentityKeyPair restore(byte[] body) throws MalformedDataException {
    ByteReader in = new ByteReader(body);
    byte[] pkcs8 = null;
    byte[] seed = null;
    try {
      byte[] bundleBytes = in.bytes16();
      pkcs8 = in.bytes16();
      seed = in.raw(SEED_SIZE_BYTES);
      in.expectEnd();
      IdentityBundle bundle;
      try {
        bundle = IdentityBundle.parse(bundleBytes);
      } catch (MalformedDataException e) {
        throw e;
      } catch (CryptoException e) {
        throw new MalformedDataException("key file holds an identity bundle that does not verify");
      }
      return IdentityKeyPair.restore(bundle, pkcs8, seed);
    } finally {
      zero(pkcs8, seed);
    }
  }

  /** Argon2id v1.3 of the UTF-8 passphrase, 32 bytes; the caller zeroes the result. */
  private static byte[] derive(char[] passphrase, KdfParameters params, byte[] salt) {
    Argon2Parameters argon2 =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(params.memoryKiB())
            .withIterations(params.iterations())
            .withParallelism(params.parallelism())
            .withSalt(salt)
            .build();
    byte[] password = utf8(passphrase);
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(argon2);
      byte[] key = new byte[KEY_SIZE_BYTES];
      generator.generateBytes(password, key);
      return key;
    } finally {
      zero(password);
      argon2.clear();
    }
  }

  /** UTF-8 (unpaired surrogates become '?') into a fresh array; the scratch buffer is zeroed. */
  private static byte[] utf8(char[] passphrase) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
    byte[] out = Arrays.copyOfRange(encoded.array(), encoded.arrayOffset(), encoded.limit());
    Arrays.fill(encoded.array(), (byte) 0);
    return out;
  }

  private static void zero(byte[]... arrays) {
    for (byte[] array : arrays) {
      if (array != null) {
        Arrays.fill(array, (byte) 0);
      }
    }
  }

  /** The parsed, bounds-checked header of a key file. */
  private static final class Header {
    final KdfParameters params;
    final byte[] salt;

    private Header(KdfParameters params, byte[] salt) {
      this.params = params;
      this.salt = salt;
    }

    static Header parse(byte[] file) throws MalformedDataException {
      Objects.requireNonNull(file, "file");
      if (file.length > MAX_FILE_BYTES) {
        throw new MalformedDataException("key file too large");
      }
      ByteReader in = new ByteReader(file);
      if (!Arrays.equals(in.raw(MAGIC.length), MAGIC)) {
        throw new MalformedDataException("not a chat key file");
      }
      if (in.u8() != VERSION) {
        throw new MalformedDataException("unsupported key file version");
      }
      if (in.u8() != KDF_ARGON2ID_V13) {
        throw new MalformedDataException("unsupported key derivation function");
      }
      long memoryKiB = ((long) in.u16() << 16) | in.u16();
      int iterations = in.u8();
      int parallelism = in.u8();
      if (!KdfParameters.inBounds(memoryKiB, iterations, parallelism)) {
        throw new MalformedDataException("key file KDF parameters out of bounds");
      }
      byte[] salt = in.raw(SALT_SIZE_BYTES);
      in.raw(AesGcm.NONCE_SIZE_BYTES);
      int sealedLength = in.remaining();
      if (sealedLength < MIN_BODY_BYTES + AesGcm.TAG_SIZE_BYTES) {
        throw new MalformedDataException("truncated key file");
      }
      return new Header(new KdfParameters((int) memoryKiB, iterations, parallelism), salt);
    }
  }
}
