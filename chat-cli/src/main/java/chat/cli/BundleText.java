package chat.cli;

import chat.crypto.IdentityBundle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The human-readable lines that describe a bundle; every remote string goes through {@link
 * TerminalSafe}.
 */
final class BundleText {
  private BundleText() {}

  /** The user id, safe for the terminal. */
  static String userId(IdentityBundle bundle) {
    return TerminalSafe.line(bundle.userId());
  }

  /** The creation time in ISO-8601 UTC, to the second. */
  static String created(IdentityBundle bundle) {
    return instant(bundle.createdAtMillis());
  }

  /** A time in ISO-8601 UTC, to the second. */
  static String instant(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code user id:}, {@code created:} and {@code fingerprint:} lines. */
  static String describe(IdentityBundle bundle) {
    return "user id:     "
        + userId(bundle)
        + "\ncreated:     "
        + created(bundle)
        + "\nfingerprint: "
        + bundle.fingerprint().toDisplayString();
  }
}
