package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ScreenWriterTest {
  /** A screen of one row, {@code columns} wide. */
  private static TerminalScreen screen(int columns) throws IOException {
    return new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(columns, 1)));
  }

  @Test
  void put_clipsAtLimit_wideGlyphAcrossEdgeBecomesSpace() throws Exception {
    TerminalScreen screen = screen(10);
    ScreenWriter out = new ScreenWriter(screen);
    out.fill(0, 0, 10, Style.PLAIN);
    out.put(6, 0, 10, "|||", Style.BORDER);

    int end = out.put(0, 0, 6, "abcd世界", Style.TEXT);

    assertThat(end).isEqualTo(6);
    assertThat(screen.getBackCharacter(4, 0).getCharacterString()).isEqualTo("世");
    assertThat(screen.getBackCharacter(5, 0).getCharacterString()).isEqualTo(" ");
    assertThat(screen.getBackCharacter(6, 0).getCharacterString()).isEqualTo("|");
  }

  @Test
  void put_alertStyle_usesItsColours() throws Exception {
    TerminalScreen screen = screen(5);

    new ScreenWriter(screen).put(0, 0, 5, "x", Style.BAR_ALERT);

    assertThat(screen.getBackCharacter(0, 0).getBackgroundColor())
        .isEqualTo(Style.BAR_ALERT.background());
    assertThat(screen.getBackCharacter(0, 0).isBold()).isTrue();
  }

  /** In colour, a private message or mention waiting is underlined too, not only magenta. */
  @Test
  void privateActivity_isUnderlined_otherActivityIsNot() throws Exception {
    TerminalScreen screen = screen(5);
    ScreenWriter out = new ScreenWriter(screen);

    out.put(0, 0, 5, "p", Style.LIST_PRIVATE_ACTIVITY);
    out.put(1, 0, 5, "r", Style.LIST_ROOM_ACTIVITY);

    assertThat(screen.getBackCharacter(0, 0).getModifiers()).contains(SGR.BOLD, SGR.UNDERLINE);
    assertThat(screen.getBackCharacter(1, 0).getModifiers()).doesNotContain(SGR.UNDERLINE);
  }

  /** NO_COLOR: no colour at all, bold kept, and a bar stands out in reverse video instead. */
  @Test
  void monochrome_drawsNoColour_keepsBold_andReversesWhatHasABackground() throws Exception {
    TerminalScreen screen = screen(5);
    ScreenWriter out = new ScreenWriter(screen, true);

    out.put(0, 0, 5, "x", Style.BAR_ALERT);
    out.put(1, 0, 5, "y", Style.ERROR);
    out.put(2, 0, 5, "z", Style.TIME);

    for (int column = 0; column < 3; column++) {
      TextCharacter drawn = screen.getBackCharacter(column, 0);
      assertThat(drawn.getForegroundColor()).isEqualTo(TextColor.ANSI.DEFAULT);
      assertThat(drawn.getBackgroundColor()).isEqualTo(TextColor.ANSI.DEFAULT);
    }
    assertThat(screen.getBackCharacter(0, 0).getModifiers()).contains(SGR.BOLD, SGR.REVERSE);
    assertThat(screen.getBackCharacter(1, 0).getModifiers())
        .contains(SGR.BOLD)
        .doesNotContain(SGR.REVERSE);
    assertThat(screen.getBackCharacter(2, 0).getModifiers()).isEmpty();
  }

  /**
   * NO_COLOR: what colour alone told apart still stands apart: a private message waiting is
   * underlined where other activity is bold only, and this user's own name is not bold.
   */
  @Test
  void monochrome_privateActivityUnderlined_ownNameNotBold() throws Exception {
    TerminalScreen screen = screen(5);
    ScreenWriter out = new ScreenWriter(screen, true);

    out.put(0, 0, 5, "p", Style.LIST_PRIVATE_ACTIVITY);
    out.put(1, 0, 5, "r", Style.LIST_ROOM_ACTIVITY);
    out.put(2, 0, 5, "o", Style.OWN_SENDER);
    out.put(3, 0, 5, "s", Style.OTHER_SENDER);

    assertThat(screen.getBackCharacter(0, 0).getModifiers()).contains(SGR.BOLD, SGR.UNDERLINE);
    assertThat(screen.getBackCharacter(1, 0).getModifiers())
        .contains(SGR.BOLD)
        .doesNotContain(SGR.UNDERLINE);
    assertThat(screen.getBackCharacter(2, 0).getModifiers()).doesNotContain(SGR.BOLD);
    assertThat(screen.getBackCharacter(3, 0).getModifiers()).contains(SGR.BOLD);
  }

  @Test
  void put_letterWithMarks_takesOneColumn_andTheNextCellIsDrawn() throws Exception {
    TerminalScreen screen = screen(5);

    int end = new ScreenWriter(screen).put(0, 0, 5, "q\u0301\u0302x", Style.TEXT);

    assertThat(end).isEqualTo(2);
    assertThat(screen.getBackCharacter(0, 0).isDoubleWidth()).isFalse();
    assertThat(screen.getBackCharacter(0, 0).getCharacterString()).isEqualTo("q\u0301\u0302");
    assertThat(screen.getBackCharacter(1, 0).getCharacterString()).isEqualTo("x");
  }

  @Test
  void put_flagAcrossTheLimit_leftOutWhole() throws Exception {
    TerminalScreen screen = screen(6);
    ScreenWriter out = new ScreenWriter(screen);
    out.put(4, 0, 6, "||", Style.BORDER);

    int end = out.put(0, 0, 4, "abc\uD83C\uDDE9\uD83C\uDDEA", Style.TEXT); // drawn DE

    assertThat(end).isEqualTo(4);
    assertThat(screen.getBackCharacter(2, 0).getCharacterString()).isEqualTo("c");
    assertThat(screen.getBackCharacter(3, 0).getCharacterString()).isEqualTo(" ");
    assertThat(screen.getBackCharacter(4, 0).getCharacterString()).isEqualTo("|");
  }

  @Test
  void put_lettersOutsideTheBmp_oneColumnEach() throws Exception {
    TerminalScreen screen = screen(10);

    // 𝐛𝐨𝐥𝐝 (mathematical bold letters), which Lanterna alone counts two columns each
    int end =
        new ScreenWriter(screen)
            .put(0, 0, 10, "\uD835\uDC1B\uD835\uDC28\uD835\uDC25\uD835\uDC1D end", Style.TEXT);

    assertThat(end).isEqualTo(8);
    assertThat(screen.getBackCharacter(0, 0).isDoubleWidth()).isFalse();
    assertThat(screen.getBackCharacter(3, 0).getCharacterString()).isEqualTo("\uD835\uDC1D");
    assertThat(screen.getBackCharacter(5, 0).getCharacterString()).isEqualTo("e");
  }

  @Test
  void put_fullWidthSignsBopomofoAndYi_twoColumnsEach() throws Exception {
    TerminalScreen screen = screen(10);

    // ￥, ㄅ and ꀀ, which Lanterna alone counts one column each
    int end = new ScreenWriter(screen).put(0, 0, 10, "\uFFE5\u3105\uA000x", Style.TEXT);

    assertThat(end).isEqualTo(7);
    assertThat(screen.getBackCharacter(0, 0).isDoubleWidth()).isTrue();
    assertThat(screen.getBackCharacter(2, 0).getCharacterString()).isEqualTo("\u3105");
    assertThat(screen.getBackCharacter(4, 0).getCharacterString()).isEqualTo("\uA000");
    assertThat(screen.getBackCharacter(6, 0).getCharacterString()).isEqualTo("x");
  }
}
