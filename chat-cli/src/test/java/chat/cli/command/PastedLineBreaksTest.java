package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PastedLineBreaksTest {
  @Test
  void normalize_lfLines_unchanged() {
    assertThat(PastedLineBreaks.normalize("a\nb\n\nc\n")).isEqualTo("a\nb\n\nc\n");
  }

  @Test
  void normalize_everyBreakDoubled_halvesEachRun() {
    assertThat(PastedLineBreaks.normalize("a\n\nb\n\n\n\nc\n\n")).isEqualTo("a\nb\n\nc\n");
  }

  @Test
  void normalize_crAndCrLf_oneLineBreakEach() {
    assertThat(PastedLineBreaks.normalize("a\r\nb\rc\r\n\r\nd\n")).isEqualTo("a\nb\nc\n\nd\n");
  }

  @Test
  void normalize_noLineBreaks_unchanged() {
    assertThat(PastedLineBreaks.normalize("")).isEmpty();
    assertThat(PastedLineBreaks.normalize("a\tb")).isEqualTo("a\tb");
  }
}
