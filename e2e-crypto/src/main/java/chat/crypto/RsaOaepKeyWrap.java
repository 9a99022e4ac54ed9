package chat.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA-OAEP key wrapping with SHA-256, MGF1-SHA-256 and an explicit label (RFC 8017, section 7.1).
 *
 * <p>Guarantee: IND-CCA2 under the RSA assumption; the label binds the wrapped key to its use, so a
 * key wrapped for another purpose does not unwrap here. The parameter spec is always explicit (the
 * JDK's {@code OAEPWith...} names read MGF1 as SHA-1). Moduli below 2048 bits are refused. Null
 * arguments throw {@link NullPointerException}. Any unwrap failure throws one {@link
 * AuthenticationException}, whatever its cause, so the caller cannot act as a padding oracle.
 */
public final class RsaOaepKeyWrap implements KeyWrap {
  /** Smallest modulus accepted, in bits. */
  public static final int MIN_MODULUS_BITS = 2048;

  /** Largest modulus accepted, in bits. */
  public static final int MAX_MODULUS_BITS = 8192;

  private static final String TRANSFORMATION = "RSA/ECB/OAEPPadding";

  private final SecureRandom random;
  private final OAEPParameterSpec spec;

  /** A wrapper with the given OAEP label (copied); {@code random} makes the OAEP seeds. */
  public RsaOaepKeyWrap(SecureRandom random, byte[] label) {
    this.random = Objects.requireNonNull(random, "random");
    this.spec =
        new OAEPParameterSpec(
            "SHA-256",
            "MGF1",
            MGF1ParameterSpec.SHA256,
            new PSource.PSpecified(Objects.requireNonNull(label, "label").clone()));
  }

  private static void checkSize(RSAKey key) {
    int bits = key.getModulus().bitLength();
    if (bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
      throw new IllegalArgumentException("RSA modulus must be 2048 to 8192 bits");
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance(TRANSFORMATION);
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new IllegalStateException("RSA-OAEP missing from the JDK", e);
    }
  }

  @Override
  public byte[] wrap(RSAPublicKey recipient, byte[] key) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(key, "key");
    checkSize(recipient);
    Cipher cipher = newCipher();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, recipient, spec, random);
      return cipher.doFinal(key);
    } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
      throw new IllegalArgumentException("bad RSA-OAEP key or parameters", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("key too long for this modulus", e);
    }
  }

  @Override
  public byte[] unwrap(RSAPrivateCrtKey privateKey, byte[] wrapped) throws CryptoException {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(wrapped, "wrapped");
    checkSize(privateKey);
    if (wrapped.length != (privateKey.getModulus().bitLength() + 7) / 8) {
      throw new AuthenticationException("key unwrap failed");
    }
    Cipher cipher = newCipher();
    try {
      cipher.init(Cipher.DECRYPT_MODE, privateKey, spec, random);
      return cipher.doFinal(wrapped);
    } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
      throw new IllegalArgumentException("bad RSA-OAEP key or parameters", e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new AuthenticationException("key unwrap failed");
    }
  }
}
