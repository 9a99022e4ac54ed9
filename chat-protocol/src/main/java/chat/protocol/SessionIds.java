package chat.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id a person sees for one of their sessions (in {@code sessions} and {@code end_session}): the
 * first 6 bytes of {@code SHA-256("chat-relay/v1/session-id" || 0x00 || tokenHash)} as 12 lowercase
 * hex digits, where {@code tokenHash} is the 32-byte SHA-256 of the session token that the relay
 * stores. Never the token or its hash: an id shown on a screen or in a script's output neither
 * resumes the session nor finds its row.
 */
public final class SessionIds {
  /** Length of a session id in hex digits. */
  public static final int HEX_LENGTH = 12;

  /** The context string hashed before the token hash, without its terminating 0x00. */
  public static final String CONTEXT = "chat-relay/v1/session-id";

  private static final Pattern VALID = Pattern.compile("[0-9a-f]{12}");

  private SessionIds() {}

  /**
   * The id of the session whose token hashes to {@code tokenHash}.
   *
   * @throws IllegalArgumentException if {@code tokenHash} is not 32 bytes
   */
  public static String of(byte[] tokenHash) {
    Objects.requireNonNull(tokenHash, "tokenHash");
    if (tokenHash.length != 32) {
      throw new IllegalArgumentException("a token hash is 32 bytes");
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(CONTEXT.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      sha256.update((byte) 0);
      byte[] digest = sha256.digest(tokenHash);
      return HexFormat.of().formatHex(digest, 0, HEX_LENGTH / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  /** True if {@code id} is 12 lowercase hex digits. */
  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }

  /**
   * Returns {@code id} if valid.
   *
   * @throws IllegalArgumentException if not
   */
  public static String require(String id, String what) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(what + " must be 12 lowercase hex digits");
    }
    return id;
  }
}
