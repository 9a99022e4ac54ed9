package chat.server.internal.auth;

import chat.protocol.Secret;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Session tokens: 32 random bytes, base64url without padding, given to the client once; the relay
 * stores only their SHA-256.
 */
public final class SessionTokens {
  /** Length of a token's text form. */
  public static final int TOKEN_CHARS = 43;

  private final SecureRandom random;

  /** Tokens drawn from {@code random}. */
  public SessionTokens(SecureRandom random) {
    this.random = random;
  }

  /** A fresh token. */
  public Secret issue() {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    try {
      return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The SHA-256 of a token's UTF-8 text: the form stored and looked up. */
  public static byte[] hash(Secret token) {
    byte[] utf8 = token.utf8();
    try {
      return MessageDigest.getInstance("SHA-256").digest(utf8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }
}
