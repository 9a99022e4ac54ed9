package chat.cli.client.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 certificate fingerprints in the two forms the client shows and stores. */
final class Fingerprints {
  private Fingerprints() {}

  /** Lowercase hex SHA-256 of {@code der}. */
  static String sha256Hex(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  /** {@code AB:CD:...}, the form the relay prints at start. */
  static String colons(String hex) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 1 < hex.length(); i += 2) {
      if (i > 0) {
        out.append(':');
      }
      out.append(hex, i, i + 2);
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }
}
