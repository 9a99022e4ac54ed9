package chat.cli.tui;

import chat.cli.emoji.EmojiCatalog;
import chat.cli.emoji.Graphemes;
import com.googlecode.lanterna.TextCharacter;
import java.util.List;

/**
 * Turns one grapheme cluster into the cells the TUI draws, so that this code, Lanterna and the
 * terminal agree on how many columns each glyph takes. Terminals disagree about emoji sequences,
 * and Lanterna 3.1 cannot hold some of them in one screen cell, so a few are drawn in a simpler
 * form that every terminal measures the same way:
 *
 * <ul>
 *   <li>a ZWJ sequence (👨‍👩‍👧) is drawn as its parts (👨👩👧);
 *   <li>a flag (two regional indicators, 🇩🇪) is drawn as its two letters ({@code DE});
 *   <li>a skin-tone modifier after an emoji is left out (👍🏽 is drawn as 👍);
 *   <li>an emoji that is one BMP character and wide by default (✅) gets U+FE0F, so Lanterna also
 *       counts two columns;
 *   <li>a character that is text by default with U+FE0F (❤️) is drawn as the plain character (❤),
 *       one column everywhere (terminals disagree on the width of the pair);
 *   <li>a keycap (1️⃣) is drawn as its digit or sign (1): terminals disagree on its width.
 * </ul>
 *
 * A letter with combining marks that Unicode has no single character for (q́, Hebrew with points,
 * Arabic with vowel marks) is drawn whole in one column, as terminals draw it ({@link #marked}):
 * Lanterna on its own counts any glyph of more than one character as two columns, and the column
 * after it would keep stale text. How wide a single character is, is {@link WideCharacters}'s call,
 * not Lanterna's, which disagrees with terminals on many.
 *
 * <p>The message text itself is never changed: this is only how the screen shows it.
 */
final class Glyphs {
  private static final char VARIATION_SELECTOR_16 = '\uFE0F';
  private static final char KEYCAP = '\u20E3';

  private Glyphs() {}

  /** Adds the cells for {@code cluster} (no controls, no line breaks) in {@code style}. */
  static void add(List<Cell> cells, String cluster, Style style) {
    if (cluster.indexOf(Graphemes.ZWJ) >= 0) {
      for (String part : cluster.split(String.valueOf(Graphemes.ZWJ))) {
        if (!part.isEmpty()) {
          add(cells, part, style);
        }
      }
      return;
    }
    if (marked(cluster)) {
      int base = Character.charCount(cluster.codePointAt(0));
      boolean keycap = cluster.indexOf(KEYCAP) >= 0;
      cells.add(new Cell(keycap ? cluster.substring(0, base) : cluster, 1, style));
      return;
    }
    int first = cluster.codePointAt(0);
    if (first < 0x80 && cluster.length() == 1) {
      cells.add(new Cell(cluster, 1, style));
      return;
    }
    if (Graphemes.isRegionalIndicator(first)) {
      cluster
          .codePoints()
          .filter(Graphemes::isRegionalIndicator)
          .forEach(
              cp ->
                  cells.add(
                      new Cell(
                          String.valueOf((char) ('A' + cp - Graphemes.REGIONAL_A)), 1, style)));
      return;
    }
    if (Graphemes.isModifier(first) && !cells.isEmpty() && afterAnEmoji(cells)) {
      return;
    }
    String glyph = presentation(withoutTrailingModifiers(cluster));
    for (TextCharacter part : TextCharacter.fromString(glyph)) {
      String text = part.getCharacterString();
      if (!text.isEmpty() && !Character.isISOControl(text.codePointAt(0))) {
        cells.add(new Cell(text, columns(text), style));
      }
    }
  }

  /** The lightest skin tone, U+1F3FB: with it, an emoji that takes a tone is in Unicode's list. */
  private static final String TONE = "\uD83C\uDFFB";

  /**
   * Whether the last cell is an emoji a skin tone may follow: a wide one (👍), or one that is text
   * by default, drawn in one column, and takes a tone (☝, ✌, 🖐), whose tone the JDK's own clusters
   * split off. After one that takes none (♥, ©) the tone is shown, as after a letter.
   */
  private static boolean afterAnEmoji(List<Cell> cells) {
    Cell last = cells.get(cells.size() - 1);
    if (last.width() == 2) {
      return true;
    }
    EmojiCatalog catalog = EmojiCatalog.shared();
    return !last.glyph().isEmpty()
        && catalog.isTextByDefault(last.glyph().codePointAt(0))
        && catalog.isEmoji(last.glyph() + TONE);
  }

  /** The emoji-presentation fixes above, for characters that may be emoji. */
  private static String presentation(String glyph) {
    int first = glyph.codePointAt(0);
    int base = Character.charCount(first);
    boolean selector = glyph.length() == base + 1 && glyph.charAt(base) == VARIATION_SELECTOR_16;
    if (first < 0xA9 || (Character.isLetterOrDigit(first) && !selector)) {
      return glyph; // no emoji, or a letter that only U+FE0F could make one (as ℹ️)
    }
    EmojiCatalog catalog = EmojiCatalog.shared();
    if (glyph.length() == 1 && catalog.isWideOnItsOwn(first)) {
      return glyph + VARIATION_SELECTOR_16;
    }
    if (selector && catalog.isTextByDefault(first)) {
      return glyph.substring(0, base);
    }
    return glyph;
  }

  private static String withoutTrailingModifiers(String cluster) {
    StringBuilder out = new StringBuilder(cluster.length());
    cluster
        .codePoints()
        .filter(cp -> out.length() == 0 || !Graphemes.isModifier(cp))
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  /**
   * Whether {@code glyph} is a character drawn in one column followed only by combining or
   * enclosing marks, at least one of them not a variation selector (those the emoji fixes above
   * handle): terminals draw it in one column.
   */
  static boolean marked(String glyph) {
    int first = glyph.codePointAt(0);
    int rest = Character.charCount(first);
    if (rest == glyph.length()
        || Character.isISOControl(first)
        || Character.getType(first) == Character.NON_SPACING_MARK
        || WideCharacters.isWide(first)) {
      return false;
    }
    boolean mark = false;
    for (int i = rest; i < glyph.length(); ) {
      int cp = glyph.codePointAt(i);
      int type = Character.getType(cp);
      if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK) {
        return false;
      }
      mark |= cp < 0xFE00 || cp > 0xFE0F;
      i += Character.charCount(cp);
    }
    return mark;
  }

  /**
   * The columns {@code glyph}, one cell from {@link #add}, takes on the screen: one for a {@link
   * #marked} glyph, else two if its first character is {@link WideCharacters#isWide wide}.
   */
  static int columns(String glyph) {
    if (glyph.isEmpty()) {
      return 0;
    }
    return !marked(glyph) && WideCharacters.isWide(glyph.codePointAt(0)) ? 2 : 1;
  }
}
