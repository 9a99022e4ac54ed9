package chat.cli;

import chat.crypto.IdentityBundle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The human-readable lines that describe a bundle; every remote string goes through {@link #id},
 * which writes anything but plain ids as escapes.
 */
final class BundleText {
  private BundleText() {}

  /** The characters of an id that is printed as it is: those of user ids and room names. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.+@#-]+");

  /** The user id, as {@link #id} prints it. */
  static String userId(IdentityBundle bundle) {
    return id(bundle.userId());
  }

  /**
   * An id from a bundle or an envelope as the offline commands print it: as it is when it is made
   * of the characters of user ids and room names ({@code alice}, {@code @alice+bob}); else in
   * double quotes, every character but printable ASCII written as an escape (a backslash, {@code u}
   * and four hex digits; {@code U} and eight above U+FFFF), and the quote and the backslash escaped
   * with a backslash. The format lets a sender put nearly anything in an id: so no id can pass for
   * the text around it ({@code alice (fingerprint 290c…), conversation …}) or hide a character that
   * turns the line around, and two ids that differ are printed differently.
   */
  static String id(String raw) {
    if (plain(raw)) {
      return raw;
    }
    StringBuilder out = new StringBuilder("\"");
    raw.codePoints()
        .forEach(
            c -> {
              if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
              } else if (c >= 0x20 && c < 0x7f) {
                out.appendCodePoint(c);
              } else if (c <= 0xffff) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                out.append(String.format(Locale.ROOT, "\\U%08x", c));
              }
            });
    return out.append('"').toString();
  }

  /** Whether {@link #id} prints {@code raw} as it is. */
  static boolean plain(String raw) {
    return PLAIN.matcher(raw).matches();
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
