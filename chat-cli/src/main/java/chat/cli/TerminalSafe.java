package chat.cli;

import java.util.Objects;

/**
 * Makes text that came from someone else safe to print on a terminal: the one place every
 * remote-originated string (user ids, conversation ids, message text) passes through.
 *
 * <p>It removes whole ECMA-48 escape sequences (CSI, OSC, DCS, SOS, PM, APC, and two-byte and
 * {@code nF} escapes, in both their 7-bit {@code ESC} and 8-bit C1 forms), every other C0 and C1
 * control character and DEL, the Unicode line and paragraph separators, and the bidirectional
 * controls that can make text display in a different order than it is stored. Everything else,
 * including emoji and non-Latin scripts, is kept. Null input throws {@link NullPointerException}.
 */
public final class TerminalSafe {
  private static final int ESC = 0x1B;
  private static final int BEL = 0x07;
  private static final int ST_C1 = 0x9C;

  private TerminalSafe() {}

  /** {@code text} as one line: also removes newlines and tabs. */
  public static String line(String text) {
    return clean(text, false);
  }

  /** {@code text} as multi-line output: keeps {@code \n} and {@code \t}, removes {@code \r}. */
  public static String text(String text) {
    return clean(text, true);
  }

  private static String clean(String text, boolean multiLine) {
    Objects.requireNonNull(text, "text");
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (cp == ESC) {
        i = skipEscape(text, i + 1);
      } else if (cp == 0x9B) {
        i = skipCsi(text, i + 1);
      } else if (cp == 0x9D || cp == 0x90 || cp == 0x98 || cp == 0x9E || cp == 0x9F) {
        i = skipString(text, i + 1);
      } else {
        if (keep(cp, multiLine)) {
          out.appendCodePoint(cp);
        }
        i += Character.charCount(cp);
      }
    }
    return out.toString();
  }

  private static boolean keep(int cp, boolean multiLine) {
    if (cp == '\n' || cp == '\t') {
      return multiLine;
    }
    return !Character.isISOControl(cp) && !isLineSeparator(cp) && !isBidiControl(cp);
  }

  private static boolean isLineSeparator(int cp) {
    return cp == 0x2028 || cp == 0x2029 || cp == 0x0085;
  }

  private static boolean isBidiControl(int cp) {
    return cp == 0x061C
        || cp == 0x200E
        || cp == 0x200F
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069);
  }

  /** Skips what follows an ESC at {@code i}; returns the index after the sequence. */
  private static int skipEscape(String text, int i) {
    if (i >= text.length()) {
      return i;
    }
    char next = text.charAt(i);
    if (next == '[') {
      return skipCsi(text, i + 1);
    }
    if (next == ']' || next == 'P' || next == 'X' || next == '^' || next == '_') {
      return skipString(text, i + 1);
    }
    while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x2F) {
      i++; // nF intermediate bytes
    }
    if (i < text.length() && text.charAt(i) >= 0x30 && text.charAt(i) <= 0x7E) {
      i++; // final byte
    }
    return i;
  }

  /** Skips CSI parameter and intermediate bytes and the final byte. */
  private static int skipCsi(String text, int i) {
    while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x3F) {
      i++;
    }
    if (i < text.length() && text.charAt(i) >= 0x40 && text.charAt(i) <= 0x7E) {
      i++;
    }
    return i;
  }

  /** Skips a control string up to and including BEL, ESC \ or the C1 string terminator. */
  private static int skipString(String text, int i) {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == BEL || c == ST_C1) {
        return i + 1;
      }
      if (c == ESC) {
        return i + 1 < text.length() && text.charAt(i + 1) == '\\' ? i + 2 : i + 1;
      }
      i++;
    }
    return i;
  }
}
