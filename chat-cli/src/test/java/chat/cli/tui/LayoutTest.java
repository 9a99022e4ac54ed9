package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import org.junit.jupiter.api.Test;

class LayoutTest {
  @Test
  void of_80x24_allPartsSideBySide() {
    Layout layout = Layout.of(new TerminalSize(80, 24));

    assertThat(layout.tooSmall()).isFalse();
    assertThat(layout.title()).isEqualTo(new Rect(0, 0, 80, 1));
    assertThat(layout.conversations()).isEqualTo(new Rect(0, 1, 13, 21));
    assertThat(layout.messages()).isEqualTo(new Rect(14, 1, 53, 21));
    assertThat(layout.members()).isEqualTo(new Rect(68, 1, 12, 21));
    assertThat(layout.status()).isEqualTo(new Rect(0, 22, 80, 1));
    assertThat(layout.input()).isEqualTo(new Rect(0, 23, 80, 1));
  }

  @Test
  void of_120x40_widerSidePanes() {
    Layout layout = Layout.of(new TerminalSize(120, 40));

    assertThat(layout.conversations()).isEqualTo(new Rect(0, 1, 20, 37));
    assertThat(layout.messages()).isEqualTo(new Rect(21, 1, 81, 37));
    assertThat(layout.members()).isEqualTo(new Rect(103, 1, 17, 37));
  }

  @Test
  void of_narrow_hidesMembersThenList() {
    Layout seventy = Layout.of(new TerminalSize(70, 20));
    Layout forty = Layout.of(new TerminalSize(40, 10));

    assertThat(seventy.members().isEmpty()).isTrue();
    assertThat(seventy.messages().right()).isEqualTo(70);
    assertThat(forty.conversations().isEmpty()).isTrue();
    assertThat(forty.messages()).isEqualTo(new Rect(0, 1, 40, 7));
  }

  @Test
  void of_belowMinimum_tooSmall() {
    assertThat(Layout.of(new TerminalSize(19, 24)).tooSmall()).isTrue();
    assertThat(Layout.of(new TerminalSize(80, 4)).tooSmall()).isTrue();
    assertThat(Layout.of(new TerminalSize(0, 0)).tooSmall()).isTrue();
    assertThat(Layout.of(new TerminalSize(20, 5)).messages().height()).isEqualTo(2);
  }
}
