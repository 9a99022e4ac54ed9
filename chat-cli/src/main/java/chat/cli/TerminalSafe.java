package chat.cli;

import chat.protocol.VisibleText;
import java.util.Locale;
import java.util.Objects;

/**
 * Makes text that came from someone else safe to print on a terminal: the one place every
 * remote-originated string (user ids, conversation ids, message text) passes through.
 *
 * <p>It removes whole ECMA-48 escape sequences (CSI, OSC, DCS, SOS, PM, APC, and two-byte and
 * {@code nF} escapes, in both their 7-bit {@code ESC} and 8-bit C1 forms), every other C0 and C1
 * control character and DEL, the Unicode line and paragraph separators, and the bidirectional
 * controls that can make text display in a different order than it is stored, and the invisible
 * characters that can carry or hide text: tag characters (kept only as the tag sequence of a
 * subdivision flag such as England's), the zero-width space, the byte order mark, the soft hyphen,
 * the word joiner, invisible operators and deprecated format characters, the interlinear annotation
 * characters, invisible musical formatting, the combining grapheme joiner, Khmer's inherent vowels,
 * the Mongolian vowel separator, the Hangul fillers used as blank names, and every variation
 * selector after the first in a row, and combining marks beyond {@value #MAX_MARKS} on one
 * character. Everything else, including emoji (with their joiners and a variation selector) and
 * non-Latin scripts, is kept. Null input throws {@link NullPointerException}.
 */
public final class TerminalSafe {
  private static final int ESC = 0x1B;
  private static final int BEL = 0x07;
  private static final int ST_C1 = 0x9C;
  private static final int BLACK_FLAG = 0x1F3F4;
  private static final int CANCEL_TAG = 0xE007F;

  /**
   * The most combining marks kept on one character: writing needs two or three (Vietnamese, pointed
   * Hebrew); dozens stacked on a letter draw over the lines above and below it.
   */
  static final int MAX_MARKS = 4;

  /** The most characters of a typed value an error message quotes ({@link #typed}). */
  static final int MAX_TYPED = 64;

  /** The most tag characters a subdivision flag's code may have. */
  private static final int MAX_FLAG_TAGS = 7;

  /** Double quote marks that {@link #inQuotes} replaces: “ ” „ ‟ ″ 〝 〞 〟 ＂. */
  private static final String QUOTE_MARKS =
      "\u201c\u201d\u201e\u201f\u2033\u301d\u301e\u301f\uff02";

  private TerminalSafe() {}

  /** {@code text} as one line: also removes newlines and tabs. */
  public static String line(String text) {
    return clean(text, false);
  }

  /**
   * {@code text} as {@link #inQuotes} shows it, between curly quotes: {@code “Release crew”}.
   * Someone else's text (a title, a reason) in such quotes could end them early with a {@code ”} of
   * its own and pass what follows for the line's own words.
   */
  public static String quoted(String text) {
    return "\u201c" + inQuotes(text) + "\u201d";
  }

  /**
   * {@code text} as one {@link #line}, each double quote mark in it that could pass for the closing
   * one ({@link #QUOTE_MARKS}) made a {@code '}.
   */
  public static String inQuotes(String text) {
    StringBuilder out = new StringBuilder();
    line(text).codePoints().forEach(cp -> out.appendCodePoint(isQuoteMark(cp) ? '\'' : cp));
    return out.toString();
  }

  /** Whether {@code codePoint} is one of the double quote marks {@link #inQuotes} replaces. */
  public static boolean isQuoteMark(int codePoint) {
    return QUOTE_MARKS.indexOf(codePoint) >= 0;
  }

  /**
   * {@code text} as multi-line output: keeps {@code \n} and {@code \t}; a CR is a line break too
   * (CRLF one, a lone CR one), so text written with CR line ends keeps its lines instead of running
   * them together, and no CR reaches the terminal (where it would move the cursor back to draw over
   * the line).
   */
  public static String text(String text) {
    return clean(text, true);
  }

  /**
   * {@code typed}, a value a person gave (a flag, an argument, a variable), as an error message
   * quotes it: each character {@link #line} would remove is shown as an escape instead ({@code
   * \u001B}, {@code \r}), so that a value that looks right but is refused shows why; at most
   * {@value #MAX_TYPED} characters, then {@code …}.
   */
  public static String typed(String typed) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int marks = 0; // combining marks in a row: past MAX_MARKS, written out as line() drops them
    for (int shown = 0; i < typed.length() && shown < MAX_TYPED; shown++) {
      int cp = typed.codePointAt(i);
      String one = new String(Character.toChars(cp));
      marks = isMark(cp) ? marks + 1 : 0;
      if (marks <= MAX_MARKS && clean(one, false).equals(one)) {
        out.append(one);
      } else {
        out.append(
            switch (cp) {
              case '\r' -> "\\r";
              case '\n' -> "\\n";
              case '\t' -> "\\t";
              default -> String.format(Locale.ROOT, "\\u%04X", cp);
            });
      }
      i += Character.charCount(cp);
    }
    return i < typed.length() ? out.append('…').toString() : out.toString();
  }

  /**
   * Whether {@code text} would show nothing once cleaned ({@link #text}), by the rule group titles
   * follow ({@link VisibleText#showsNothing}): it holds only spaces of any width (the no-break
   * space too), line breaks and tabs, format characters such as the zero-width non-joiner and
   * joiner (which only join or part the characters around them, as in an emoji sequence, where they
   * are kept), combining marks (accents and variation selectors, which draw only on a character
   * before them), the Hangul fillers and the braille pattern blank. Such a message would show as an
   * empty line. Unlike a title, a character this runtime's Unicode tables do not know counts as one
   * that shows: it may be an emoji newer than them, which the recipients' terminals draw.
   */
  public static boolean showsNothing(String text) {
    String shown = text(text);
    return VisibleText.showsNothing(shown)
        && shown.codePoints().noneMatch(cp -> Character.getType(cp) == Character.UNASSIGNED);
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
      } else if (cp == '\r' && multiLine) {
        i++;
        if (i >= text.length() || text.charAt(i) != '\n') {
          out.append('\n'); // a lone CR; the LF of a CRLF follows and is kept
        }
      } else if (cp == BLACK_FLAG) {
        out.appendCodePoint(cp);
        i += Character.charCount(cp);
        int end = flagTags(text, i);
        out.append(text, i, end); // a well-formed subdivision flag's tags, else none
        i = end;
      } else {
        boolean repeatedSelector = isVariationSelector(cp) && isVariationSelector(previous(out));
        boolean stacked = isMark(cp) && marksBefore(out) >= MAX_MARKS; // "zalgo" text
        if (keep(cp, multiLine) && !repeatedSelector && !stacked) { // one selector shows a variant
          out.appendCodePoint(cp);
        }
        i += Character.charCount(cp);
      }
    }
    return out.toString();
  }

  /**
   * The end of the tag sequence of a subdivision flag starting at {@code i} (after U+1F3F4): 3 to
   * {@value #MAX_FLAG_TAGS} tag digits or lower-case tag letters (a region and subdivision code,
   * {@code gbeng}) ending in the cancel tag U+E007F; {@code i} itself if what follows is not one.
   */
  private static int flagTags(String text, int i) {
    int at = i;
    for (int tags = 0; at < text.length() && tags <= MAX_FLAG_TAGS; tags++) {
      int cp = text.codePointAt(at);
      if (cp == CANCEL_TAG) {
        return tags >= 3 ? at + Character.charCount(cp) : i;
      }
      boolean code = (cp >= 0xE0030 && cp <= 0xE0039) || (cp >= 0xE0061 && cp <= 0xE007A);
      if (!code) {
        return i;
      }
      at += Character.charCount(cp);
    }
    return i;
  }

  private static boolean keep(int cp, boolean multiLine) {
    if (cp == '\n' || cp == '\t') {
      return multiLine;
    }
    return !Character.isISOControl(cp)
        && !isLineSeparator(cp)
        && !isBidiControl(cp)
        && !isInvisible(cp);
  }

  private static boolean isVariationSelector(int cp) {
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
  }

  private static boolean isMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
  }

  /** How many combining marks end {@code out}. */
  private static int marksBefore(StringBuilder out) {
    int count = 0;
    for (int at = out.length(); at > 0 && count < MAX_MARKS; count++) {
      int cp = out.codePointBefore(at);
      if (!isMark(cp) || isVariationSelector(cp)) {
        break;
      }
      at -= Character.charCount(cp);
    }
    return count;
  }

  /** The last code point of {@code out}, or -1 if it is empty. */
  private static int previous(StringBuilder out) {
    return out.length() == 0 ? -1 : out.codePointBefore(out.length());
  }

  /** Characters that show nothing and can hide or carry text (tags outside a flag's sequence). */
  private static boolean isInvisible(int cp) {
    return (cp >= 0xE0000 && cp <= 0xE007F)
        || cp == 0x200B
        || cp == 0xFEFF
        || cp == 0x00AD
        || cp == 0x180E
        || (cp >= 0x2060 && cp <= 0x2064)
        || (cp >= 0x206A && cp <= 0x206F)
        || (cp >= 0xFFF9 && cp <= 0xFFFB)
        || (cp >= 0x1D173 && cp <= 0x1D17A)
        || cp == 0x034F
        || cp == 0x17B4
        || cp == 0x17B5
        || cp == 0x115F
        || cp == 0x1160
        || cp == 0x3164
        || cp == 0xFFA0;
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
