package chat.cli.tui;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * Encodes the chars of a terminal's output one at a time while keeping surrogate pairs whole: a
 * high surrogate is held back until its low surrogate arrives, then both are encoded together.
 * Lanterna 3.1 writes each UTF-16 char on its own, which turns every emoji into {@code ??}. A
 * surrogate without its partner is encoded as U+FFFD.
 */
final class SurrogatePairEncoder {
  private static final byte[] NOTHING = new byte[0];

  private final Charset charset;
  private char pendingHigh;

  SurrogatePairEncoder(Charset charset) {
    this.charset = Objects.requireNonNull(charset, "charset");
  }

  /**
   * The bytes to write for {@code c}, or null when {@code c} is no surrogate (the caller encodes it
   * as before); an empty array while a pair is half done.
   */
  byte[] encode(char c) {
    if (Character.isHighSurrogate(c)) {
      byte[] orphan = pendingHigh != 0 ? replacement() : NOTHING;
      pendingHigh = c;
      return orphan;
    }
    if (Character.isLowSurrogate(c)) {
      if (pendingHigh == 0) {
        return replacement();
      }
      String pair = new String(new char[] {pendingHigh, c});
      pendingHigh = 0;
      return pair.getBytes(charset);
    }
    if (pendingHigh != 0) {
      pendingHigh = 0;
      byte[] orphan = replacement();
      byte[] own = Character.toString(c).getBytes(charset);
      byte[] both = new byte[orphan.length + own.length];
      System.arraycopy(orphan, 0, both, 0, orphan.length);
      System.arraycopy(own, 0, both, orphan.length, own.length);
      return both;
    }
    return null;
  }

  private byte[] replacement() {
    return "\uFFFD".getBytes(charset);
  }
}
