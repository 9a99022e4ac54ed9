package chat.cli.tui;

import chat.cli.emoji.EmojiCatalog;

/**
 * Which characters terminals draw two columns wide: those of Unicode's East Asian Width W and F
 * (the table below, from Unicode 14, except the emoji), and emoji shown as such by default (from
 * the bundled emoji list, which is newer). Lanterna's own measure disagrees with terminals on many
 * of them: it counts every character outside the BMP as two columns (𝐛𝐨𝐥𝐝 mathematical letters,
 * historic scripts and 🖥 take one), and Bopomofo, Yi, Hangul Jamo extensions, CJK vertical and
 * small forms and the full-width signs such as ￥ as one. A character measured otherwise than the
 * terminal draws it moves the rest of its row, and leaves stale text or runs into the next pane.
 */
final class WideCharacters {
  /** First and last code point of each range of wide characters that are not emoji. */
  private static final int[] RANGES = {
    0x1100, 0x115F, // Hangul Jamo, leading consonants
    0x2329, 0x232A, // angle brackets
    0x2E80, 0x303E, // CJK radicals, ideographic description, CJK symbols and punctuation
    0x3041, 0x3247, // kana, Bopomofo, Hangul compatibility Jamo, kanbun, enclosed CJK
    0x3250, 0x4DBF, // enclosed CJK, CJK compatibility, extension A
    0x4E00, 0xA4CF, // CJK unified ideographs, Yi
    0xA960, 0xA97F, // Hangul Jamo extended A
    0xAC00, 0xD7A3, // Hangul syllables
    0xF900, 0xFAFF, // CJK compatibility ideographs
    0xFE10, 0xFE19, // vertical forms
    0xFE30, 0xFE6F, // CJK compatibility forms, small form variants
    0xFF00, 0xFF60, // full-width forms
    0xFFE0, 0xFFE6, // full-width signs
    0x16FE0, 0x16FFF, // ideographic symbols
    0x17000, 0x18DFF, // Tangut, Khitan
    0x1AFF0, 0x1B2FF, // kana supplements, Nushu
    0x1F200, 0x1F2FF, // enclosed ideographic supplement
    0x20000, 0x3FFFD, // CJK ideographs, extension B on
  };

  private static final int EMOJI_FIRST = 0x1F000;
  private static final int EMOJI_LAST = 0x1FAFF;

  private WideCharacters() {}

  /**
   * Whether terminals draw {@code codePoint} two columns wide. An unassigned code point among the
   * emoji blocks counts as wide: most likely an emoji newer than the bundled list.
   */
  static boolean isWide(int codePoint) {
    if (codePoint < RANGES[0]) {
      return false;
    }
    for (int i = 0; i < RANGES.length; i += 2) {
      if (codePoint >= RANGES[i] && codePoint <= RANGES[i + 1]) {
        return true;
      }
    }
    return EmojiCatalog.shared().isWideOnItsOwn(codePoint)
        || (codePoint >= EMOJI_FIRST
            && codePoint <= EMOJI_LAST
            && Character.getType(codePoint) == Character.UNASSIGNED);
  }
}
