package chat.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256 and HMAC-SHA-256 helpers, plus the context-string convention of PacketDiagram.md. */
public final class Hashes {
  private Hashes() {}

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** SHA-256 of the concatenation of {@code parts}. */
  public static byte[] sha256(byte[]... parts) {
    MessageDigest digest = sha256();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  /** The ASCII bytes of a context string followed by one zero byte. */
  public static byte[] context(String label) {
    byte[] ascii = label.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[ascii.length + 1];
    System.arraycopy(ascii, 0, out, 0, ascii.length);
    return out;
  }

  /** HMAC-SHA-256 of {@code message} under {@code key}. */
  public static byte[] hmacSha256(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("HMAC-SHA-256 missing from the JDK", e);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("bad HMAC key", e);
    }
  }
}
