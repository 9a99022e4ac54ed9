package chat.bench;

import chat.crypto.AuthenticationException;
import chat.crypto.Contexts;
import chat.crypto.CryptoException;
import chat.crypto.Ed25519Signer;
import chat.crypto.Ed25519Verifier;
import chat.crypto.EnvelopeSealer;
import chat.crypto.IdentityKeyPair;
import chat.crypto.MalformedDataException;
import chat.crypto.RsaOaepKeyWrap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The primitive costs the composite operations are measured against, called straight on the JDK and
 * Bouncy Castle where the library adds nothing: RSA-OAEP-3072 public and private operation on a
 * 32-byte key, AES-256-GCM over the padded 1 KiB message (the exact size an envelope encrypts),
 * Ed25519 sign and verify of an envelope-sized signature input, and one SHA-256 leaf hash.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PrimitiveBenchmark {
  /** The message size of the envelope benchmarks. */
  static final int MESSAGE_BYTES = 1024;

  private RsaOaepKeyWrap keyWrap;
  private IdentityKeyPair identity;
  private RSAPublicKey publicKey;
  private byte[] contentKey;
  private byte[] wrapped;
  private byte[] aesKey;
  private byte[] nonce;
  private byte[] padded;
  private byte[] sealed;
  private byte[] header;
  private Ed25519Signer signer;
  private Ed25519Verifier verifier;
  private byte[] signatureInput;
  private byte[] signature;
  private byte[] leaf;
  private MessageDigest sha256;

  /** Makes the keys and inputs once. */
  @Setup
  public void setUp() throws MalformedDataException {
    SecureRandom random = new SecureRandom();
    keyWrap =
        new RsaOaepKeyWrap(random, Contexts.CONTENT_KEY_LABEL.getBytes(StandardCharsets.US_ASCII));
    identity = IdentityKeyPair.generate("bench", random, Clock.systemUTC());
    publicKey = identity.bundle().rsaKey();
    contentKey = new byte[32];
    random.nextBytes(contentKey);
    wrapped = keyWrap.wrap(publicKey, contentKey);
    aesKey = contentKey.clone();
    nonce = new byte[12];
    random.nextBytes(nonce);
    byte[] message = new byte[MESSAGE_BYTES];
    random.nextBytes(message);
    int payloadBytes =
        new EnvelopeSealer(random, Clock.systemUTC())
            .seal(identity, "#bench", List.of(), message)
            .payload()
            .length();
    padded = new byte[payloadBytes - 12 - 16];
    random.nextBytes(padded);
    header = new byte[140];
    random.nextBytes(header);
    sealed = RawAesGcm.crypt(Cipher.ENCRYPT_MODE, aesKey, nonce, padded, header);
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    signer = new Ed25519Signer(Ed25519Signer.newSeed(random));
    verifier = new Ed25519Verifier(signer.publicKey());
    signatureInput = new byte[21 + header.length + 64 + nonce.length + sealed.length];
    random.nextBytes(signatureInput);
    signature = signer.sign(signatureInput);
    leaf = new byte[1 + 5 + 32 + 2 + 384];
    random.nextBytes(leaf);
  }

  /** One RSA-OAEP-3072 public-key operation: wrapping a 32-byte key. */
  @Benchmark
  public byte[] rsaOaepWrap() {
    return keyWrap.wrap(publicKey, contentKey);
  }

  /** One RSA-OAEP-3072 private-key operation: unwrapping a 32-byte key. */
  @Benchmark
  public byte[] rsaOaepUnwrap() throws CryptoException {
    return keyWrap.unwrap(identity.rsaPrivateKey(), wrapped);
  }

  /** AES-256-GCM encryption of the padded 1 KiB message with a 140-byte header as AAD. */
  @Benchmark
  public byte[] aesGcmSeal() {
    return RawAesGcm.crypt(Cipher.ENCRYPT_MODE, aesKey, nonce, padded, header);
  }

  /** AES-256-GCM decryption of the padded 1 KiB message. */
  @Benchmark
  public byte[] aesGcmOpen() {
    return RawAesGcm.crypt(Cipher.DECRYPT_MODE, aesKey, nonce, sealed, header);
  }

  /** Ed25519 signature over an envelope-sized signature input. */
  @Benchmark
  public byte[] ed25519Sign() {
    return signer.sign(signatureInput);
  }

  /** Ed25519 verification over an envelope-sized signature input. */
  @Benchmark
  public void ed25519Verify() throws AuthenticationException {
    verifier.verify(signatureInput, signature);
  }

  /** One SHA-256 over a recipient entry (a Merkle leaf hash). */
  @Benchmark
  public byte[] sha256Leaf() {
    sha256.update((byte) 0);
    return sha256.digest(leaf);
  }
}
