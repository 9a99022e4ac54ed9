package chat.server.internal.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one scrubbing helper for logs: user names and other identifiers appear in logs only as a
 * short hash, so logs can correlate events without naming people.
 */
public final class LogIds {
  private LogIds() {}

  /** {@code u:} and the first 8 hex digits of SHA-256 of the identifier. */
  public static String user(String identifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identifier.getBytes(StandardCharsets.UTF_8));
      return "u:" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }
}
