package chat.cli;

import java.util.Arrays;
import java.util.Objects;

/**
 * A passphrase being used by one command, and where it came from (for error messages). A secret:
 * {@link #close} zeroes the characters, {@code toString} is redacted, and there is no {@code
 * equals}.
 */
final class Passphrase implements AutoCloseable {
  private final char[] chars;
  private final String source;

  /** Takes ownership of {@code chars} (not copied; zeroed on {@link #close}). */
  Passphrase(char[] chars, String source) {
    this.chars = Objects.requireNonNull(chars, "chars");
    this.source = Objects.requireNonNull(source, "source");
  }

  /** The characters themselves; valid until {@link #close}. */
  char[] chars() {
    return chars;
  }

  /** Where it came from, e.g. "from CHAT_PASSPHRASE" or "typed". */
  String source() {
    return source;
  }

  /** True if no characters were given. */
  boolean isEmpty() {
    return chars.length == 0;
  }

  @Override
  public void close() {
    Arrays.fill(chars, '\0');
  }

  @Override
  public String toString() {
    return "Passphrase[<redacted>]";
  }
}
