package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StdoutColumnsTest {
  @Test
  void columns_areSttySizesSecondNumber() {
    assertThat(StdoutColumns.columns("40 120\n")).isEqualTo(120);
  }

  @Test
  void anAnswerOfAnotherForm_isNoWidth() {
    assertThat(StdoutColumns.columns("")).isZero();
    assertThat(StdoutColumns.columns("stty: not a tty")).isZero();
    assertThat(StdoutColumns.columns("40 120 3")).isZero();
    assertThat(StdoutColumns.columns("40 99999999999")).isZero();
  }
}
