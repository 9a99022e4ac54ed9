package chat.crypto;

import chat.crypto.internal.ByteReader;
import chat.crypto.internal.ByteWriter;
import chat.crypto.internal.Hashes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * A user's public identity: an RSA key for key wrapping, an Ed25519 key for signatures, the user id
 * and creation time, self-signed with the Ed25519 key (see PacketDiagram.md, "Identity bundle").
 *
 * <p>Instances made by {@link #parse} have a verified self-signature and valid keys; the canonical
 * constructor only checks sizes.
 */
public record IdentityBundle(
    String userId,
    long createdAtMillis,
    Bytes rsaPublicKey,
    Bytes ed25519PublicKey,
    Bytes signature) {
  /** Format version byte. */
  public static final int VERSION = 1;

  /** RSA modulus sizes a bundle may carry. */
  public static final int MIN_RSA_BITS = 3072;

  /** Largest RSA modulus a bundle may carry. */
  public static final int MAX_RSA_BITS = 4096;

  /** Largest encoded bundle accepted by {@link #parse}. */
  public static final int MAX_ENCODED_BYTES = 2048;

  /** Validates field sizes. */
  public IdentityBundle {
    Identifiers.require(userId, "userId");
    Objects.requireNonNull(rsaPublicKey, "rsaPublicKey");
    Objects.requireNonNull(ed25519PublicKey, "ed25519PublicKey");
    Objects.requireNonNull(signature, "signature");
    if (ed25519PublicKey.length() != Ed25519Verifier.PUBLIC_KEY_SIZE_BYTES) {
      throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
    }
    if (signature.length() != Ed25519Verifier.SIGNATURE_SIZE_BYTES) {
      throw new IllegalArgumentException("signature must be 64 bytes");
    }
    if (rsaPublicKey.length() == 0 || rsaPublicKey.length() > 0xFFFF) {
      throw new IllegalArgumentException("bad RSA public key length");
    }
  }

  /** The signed body: every field but the signature, in wire order. */
  static byte[] body(String userId, long createdAtMillis, byte[] rsaSpki, byte[] ed25519Public) {
    return new ByteWriter(rsaSpki.length + 128)
        .u8(VERSION)
        .string8(userId)
        .u64(createdAtMillis)
        .bytes16(rsaSpki)
        .raw(ed25519Public)
        .toByteArray();
  }

  static byte[] signatureInput(byte[] body) {
    byte[] context = Hashes.context(Contexts.IDENTITY_SIGNATURE);
    byte[] out = Arrays.copyOf(context, context.length + body.length);
    System.arraycopy(body, 0, out, context.length, body.length);
    return out;
  }

  private byte[] body() {
    return body(
        userId, createdAtMillis, rsaPublicKey.toByteArray(), ed25519PublicKey.toByteArray());
  }

  /** The canonical encoding: body followed by the 64-byte signature. */
  public byte[] encode() {
    return new ByteWriter(600).raw(body()).raw(signature).toByteArray();
  }

  /**
   * Parses and fully checks a bundle: version, lengths, RSA size and exponent, Ed25519 point, and
   * the self-signature.
   *
   * @throws MalformedDataException if the encoding or a key is invalid
   * @throws AuthenticationException if the self-signature does not verify
   */
  public static IdentityBundle parse(byte[] encoded) throws CryptoException {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length > MAX_ENCODED_BYTES) {
      throw new MalformedDataException("identity bundle too large");
    }
    ByteReader in = new ByteReader(encoded);
    if (in.u8() != VERSION) {
      throw new MalformedDataException("unsupported identity bundle version");
    }
    String userId = in.string8();
    if (!Identifiers.isValid(userId)) {
      throw new MalformedDataException("invalid user id in bundle");
    }
    long createdAt = in.u64();
    if (createdAt < 0) {
      throw new MalformedDataException("negative creation time");
    }
    byte[] rsa = in.bytes16();
    byte[] ed = in.raw(Ed25519Verifier.PUBLIC_KEY_SIZE_BYTES);
    int bodyLength = in.position();
    byte[] signature = in.raw(Ed25519Verifier.SIGNATURE_SIZE_BYTES);
    in.expectEnd();
    decodeRsa(rsa);
    Verifier verifier = new Ed25519Verifier(ed);
    verifier.verify(signatureInput(Arrays.copyOf(encoded, bodyLength)), signature);
    return new IdentityBundle(userId, createdAt, Bytes.of(rsa), Bytes.of(ed), Bytes.of(signature));
  }

  /**
   * Decodes and checks an RSA SubjectPublicKeyInfo: 3072 to 4096 bits, public exponent 65537.
   *
   * @throws MalformedDataException if it is not such a key
   */
  static RSAPublicKey decodeRsa(byte[] spki) throws MalformedDataException {
    PublicKey key;
    try {
      key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new MalformedDataException("invalid RSA public key");
    }
    if (!(key instanceof RSAPublicKey rsa)) {
      throw new MalformedDataException("not an RSA public key");
    }
    int bits = rsa.getModulus().bitLength();
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS || bits % 8 != 0) {
      throw new MalformedDataException("RSA key must be 3072 to 4096 bits");
    }
    if (!rsa.getPublicExponent().equals(BigInteger.valueOf(65537))) {
      throw new MalformedDataException("RSA public exponent must be 65537");
    }
    if (!Arrays.equals(rsa.getEncoded(), spki)) {
      throw new MalformedDataException("RSA key is not in canonical DER");
    }
    return rsa;
  }

  /** The RSA wrapping key. */
  public RSAPublicKey rsaKey() {
    try {
      return decodeRsa(rsaPublicKey.toByteArray());
    } catch (MalformedDataException e) {
      throw new IllegalStateException("bundle holds an invalid RSA key", e);
    }
  }

  /** A verifier for this identity's signatures. */
  public Verifier verifier() {
    try {
      return new Ed25519Verifier(ed25519PublicKey.toByteArray());
    } catch (MalformedDataException e) {
      throw new IllegalStateException("bundle holds an invalid Ed25519 key", e);
    }
  }

  /** SHA-256 over the fingerprint context and the signed body. */
  public Fingerprint fingerprint() {
    return Fingerprint.of(Hashes.sha256(Hashes.context(Contexts.FINGERPRINT), body()));
  }
}
