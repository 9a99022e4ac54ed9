package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlyphCursorTest {
  @Test
  void wrote_unknownPosition_noMove() {
    assertThat(new GlyphCursor().wrote("✅\uFE0F", 2)).isEqualTo(-1);
  }

  @Test
  void wrote_singleCodePoints_noMove_butTracked() {
    GlyphCursor cursor = new GlyphCursor();
    cursor.moved(10, 3);

    assertThat(cursor.wrote("a", 1)).isEqualTo(-1);
    assertThat(cursor.wrote("😀", 2)).isEqualTo(-1);
    assertThat(cursor.wrote("世", 2)).isEqualTo(-1);
    assertThat(cursor.wrote("#\uFE0F\u20E3", 2)).isEqualTo(17);
    assertThat(cursor.row()).isEqualTo(3);
  }

  @Test
  void wrote_sequence_movesToWhereLanternaExpectsTheNextCell() {
    GlyphCursor cursor = new GlyphCursor();
    cursor.moved(0, 0);

    assertThat(cursor.wrote("✅\uFE0F", 2)).isEqualTo(2);
    assertThat(cursor.wrote("b", 1)).isEqualTo(-1);
    cursor.moved(40, 5);
    assertThat(cursor.wrote("❤\uFE0F", 2)).isEqualTo(42);
  }
}
