package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the relay's command line prints of text it did not write (a typed value, a reason read from
 * the database): shown, never obeyed.
 */
class PrintableTest {
  @Test
  void printable_keepsAccentsAndOtherScripts() {
    assertThat(Printable.text("Spam \u00fcber Links, \u30b9\u30d1\u30e0 \ud83d\ude00"))
        .isEqualTo("Spam \u00fcber Links, \u30b9\u30d1\u30e0 \ud83d\ude00");
  }

  @Test
  void printable_replacesWhatCouldDriveOrHideFromTheTerminal() {
    assertThat(Printable.text("a\u001b[2Jb\u009bc\td\ne")).isEqualTo("a?[2Jb?c?d?e");
    assertThat(Printable.text("\u202eevil\u200b\u2028\u00a0\ue000"))
        .as("a bidi override, a zero-width space, a line separator, a no-break space, private use")
        .isEqualTo("?evil????");
    assertThat(Printable.text("x\ud800y")).as("a lone surrogate").isEqualTo("x?y");
  }
}
