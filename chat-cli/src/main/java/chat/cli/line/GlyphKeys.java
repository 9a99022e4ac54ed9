package chat.cli.line;

import chat.cli.emoji.Graphemes;
import java.util.Map;
import org.jline.reader.Buffer;
import org.jline.reader.LineReader;
import org.jline.reader.Widget;

/**
 * Makes Backspace, Delete and the arrow keys of line mode step over whole glyphs, as in the
 * full-screen interface: JLine steps one code point at a time, so a keycap (1️⃣), a family emoji or
 * a flag took several presses and left halves of it on the line in between.
 */
final class GlyphKeys {
  private GlyphKeys() {}

  /** Replaces the reader's one-character widgets with glyph-wise ones. */
  static void install(LineReader reader) {
    Map<String, Widget> widgets = reader.getWidgets();
    widgets.put(LineReader.BACKWARD_DELETE_CHAR, () -> step(reader.getBuffer(), false, true));
    widgets.put(LineReader.DELETE_CHAR, () -> step(reader.getBuffer(), true, true));
    widgets.put(LineReader.BACKWARD_CHAR, () -> step(reader.getBuffer(), false, false));
    widgets.put(LineReader.FORWARD_CHAR, () -> step(reader.getBuffer(), true, false));
  }

  /**
   * Moves over, or deletes, the glyph before or after the cursor. False (JLine beeps) at the end of
   * the line.
   */
  static boolean step(Buffer buffer, boolean forward, boolean delete) {
    String text = buffer.toString();
    int at = text.offsetByCodePoints(0, buffer.cursor()); // JLine counts code points
    int to = forward ? Graphemes.next(text, at) : Graphemes.previous(text, at);
    int codePoints = text.codePointCount(Math.min(at, to), Math.max(at, to));
    if (codePoints == 0) {
      return false;
    }
    if (!delete) {
      buffer.move(forward ? codePoints : -codePoints);
    } else if (forward) {
      buffer.delete(codePoints);
    } else {
      buffer.backspace(codePoints);
    }
    return true;
  }
}
