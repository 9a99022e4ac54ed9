package chat.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;

/**
 * A user's private identity: the RSA-OAEP unwrapping key, the Ed25519 signing key and the public
 * bundle they belong to. A secret: redacted {@code toString}, no {@code equals}, {@link #destroy}
 * zeroes what can be zeroed. It is only ever stored through {@link KeyFile}.
 */
public final class IdentityKeyPair {
  /** Default RSA modulus size in bits. */
  public static final int DEFAULT_RSA_BITS = 3072;

  private final IdentityBundle bundle;
  private final RSAPrivateCrtKey rsaPrivate;
  private final Ed25519Signer signer;

  private IdentityKeyPair(
      IdentityBundle bundle, RSAPrivateCrtKey rsaPrivate, Ed25519Signer signer) {
    this.bundle = bundle;
    this.rsaPrivate = rsaPrivate;
    this.signer = signer;
  }

  /** Generates a new identity with an RSA-3072 key, for {@code userId}, dated by {@code clock}. */
  public static IdentityKeyPair generate(String userId, SecureRandom random, Clock clock) {
    return generate(userId, DEFAULT_RSA_BITS, random, clock);
  }

  /** Generates a new identity with an RSA key of {@code rsaBits} (3072 or 4096). */
  public static IdentityKeyPair generate(
      String userId, int rsaBits, SecureRandom random, Clock clock) {
    Identifiers.require(userId, "userId");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(clock, "clock");
    if (rsaBits != 3072 && rsaBits != 4096) {
      throw new IllegalArgumentException("RSA key size must be 3072 or 4096");
    }
    KeyPair rsa;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4), random);
      rsa = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation unavailable", e);
    }
    Ed25519Signer signer = new Ed25519Signer(Ed25519Signer.newSeed(random));
    return assemble(
        userId,
        clock.millis(),
        (RSAPublicKey) rsa.getPublic(),
        (RSAPrivateCrtKey) rsa.getPrivate(),
        signer);
  }

  /**
   * Rebuilds an identity from its PKCS#8 RSA key and Ed25519 seed with a fresh self-signed bundle.
   * Used by deterministic test-vector generators and key import.
   *
   * @throws MalformedDataException if the RSA key is not valid
   */
  public static IdentityKeyPair fromKeys(
      String userId, long createdAtMillis, byte[] rsaPkcs8, byte[] ed25519Seed)
      throws MalformedDataException {
    RSAPrivateCrtKey rsaPrivate = decodePrivate(rsaPkcs8);
    RSAPublicKey rsaPublic = publicOf(rsaPrivate);
    IdentityBundle.decodeRsa(rsaPublic.getEncoded());
    return assemble(userId, createdAtMillis, rsaPublic, rsaPrivate, new Ed25519Signer(ed25519Seed));
  }

  /**
   * Restores an identity from its bundle and private keys, checking that they belong together.
   *
   * @throws MalformedDataException if a key is invalid or does not match the bundle
   */
  public static IdentityKeyPair restore(IdentityBundle bundle, byte[] rsaPkcs8, byte[] ed25519Seed)
      throws MalformedDataException {
    RSAPrivateCrtKey rsaPrivate = decodePrivate(rsaPkcs8);
    Ed25519Signer signer = new Ed25519Signer(ed25519Seed);
    boolean rsaMatches =
        Arrays.equals(publicOf(rsaPrivate).getEncoded(), bundle.rsaPublicKey().toByteArray());
    boolean edMatches = Arrays.equals(signer.publicKey(), bundle.ed25519PublicKey().toByteArray());
    if (!rsaMatches || !edMatches) {
      signer.destroy();
      throw new MalformedDataException("private keys do not match the identity bundle");
    }
    return new IdentityKeyPair(bundle, rsaPrivate, signer);
  }

  private static IdentityKeyPair assemble(
      String userId,
      long createdAt,
      RSAPublicKey rsaPublic,
      RSAPrivateCrtKey rsaPrivate,
      Ed25519Signer signer) {
    byte[] spki = rsaPublic.getEncoded();
    byte[] ed = signer.publicKey();
    byte[] body = IdentityBundle.body(userId, createdAt, spki, ed);
    byte[] signature = signer.sign(IdentityBundle.signatureInput(body));
    IdentityBundle bundle =
        new IdentityBundle(userId, createdAt, Bytes.of(spki), Bytes.of(ed), Bytes.of(signature));
    return new IdentityKeyPair(bundle, rsaPrivate, signer);
  }

  private static RSAPrivateCrtKey decodePrivate(byte[] pkcs8) throws MalformedDataException {
    try {
      PrivateKey key =
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      if (key instanceof RSAPrivateCrtKey crt) {
        return crt;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new MalformedDataException("invalid RSA private key");
    }
    throw new MalformedDataException("RSA private key lacks CRT parameters");
  }

  private static RSAPublicKey publicOf(RSAPrivateCrtKey key) throws MalformedDataException {
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(
                  new java.security.spec.RSAPublicKeySpec(
                      key.getModulus(), key.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new MalformedDataException("invalid RSA private key");
    }
  }

  /** The public bundle. */
  public IdentityBundle bundle() {
    return bundle;
  }

  /** The user id. */
  public String userId() {
    return bundle.userId();
  }

  /** The RSA private key, for unwrapping content keys. */
  public RSAPrivateCrtKey rsaPrivateKey() {
    return rsaPrivate;
  }

  /** The Ed25519 signer. */
  public Signer signer() {
    return signer;
  }

  /** The PKCS#8 encoding of the RSA private key, for the encrypted key file only. */
  public byte[] rsaPrivateKeyPkcs8() {
    return rsaPrivate.getEncoded();
  }

  /** A copy of the Ed25519 seed, for the encrypted key file only. */
  public byte[] ed25519Seed() {
    return signer.seed();
  }

  /** Zeroes the Ed25519 seed held here (the JDK RSA key object cannot be zeroed). */
  public void destroy() {
    signer.destroy();
  }

  @Override
  public String toString() {
    return "IdentityKeyPair[" + bundle.userId() + ", <redacted>]";
  }
}
