package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;

import org.jline.reader.Buffer;
import org.jline.reader.impl.BufferImpl;
import org.junit.jupiter.api.Test;

class GlyphKeysTest {
  private static Buffer buffer(String text) {
    Buffer buffer = new BufferImpl();
    buffer.write(text);
    return buffer;
  }

  @Test
  void backspace_removesAKeycapAFamilyAndAFlagWhole() {
    Buffer buffer = buffer("a1\uFE0F\u20E3👨\u200D👩\u200D👧🇩🇪");

    assertThat(GlyphKeys.step(buffer, false, true)).isTrue();
    assertThat(buffer.toString()).isEqualTo("a1\uFE0F\u20E3👨\u200D👩\u200D👧");
    assertThat(GlyphKeys.step(buffer, false, true)).isTrue();
    assertThat(buffer.toString()).isEqualTo("a1\uFE0F\u20E3");
    assertThat(GlyphKeys.step(buffer, false, true)).isTrue();
    assertThat(buffer.toString()).isEqualTo("a");
  }

  @Test
  void arrows_stepOverAGlyph_deleteRemovesTheOneAfterTheCursor() {
    Buffer buffer = buffer("x👍🏽y");

    GlyphKeys.step(buffer, false, false); // before y
    GlyphKeys.step(buffer, false, false); // before the thumb
    assertThat(buffer.cursor()).isEqualTo(1);
    GlyphKeys.step(buffer, true, true);
    assertThat(buffer.toString()).isEqualTo("xy");
    GlyphKeys.step(buffer, true, false);
    assertThat(buffer.cursor()).isEqualTo(2);
  }

  @Test
  void atTheEnds_nothingMovesAndTheKeyIsRefused() {
    Buffer buffer = buffer("ab");

    assertThat(GlyphKeys.step(buffer, true, true)).isFalse();
    assertThat(GlyphKeys.step(buffer, true, false)).isFalse();
    buffer.cursor(0);
    assertThat(GlyphKeys.step(buffer, false, true)).isFalse();
    assertThat(buffer.toString()).isEqualTo("ab");
  }
}
