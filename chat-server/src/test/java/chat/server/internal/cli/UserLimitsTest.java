package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code chat-server users} prints of text read from the database: shown, never obeyed. */
class UserLimitsTest {
  @Test
  void printable_keepsAccentsAndOtherScripts() {
    assertThat(UserLimits.printable("Spam \u00fcber Links, \u30b9\u30d1\u30e0 \ud83d\ude00"))
        .isEqualTo("Spam \u00fcber Links, \u30b9\u30d1\u30e0 \ud83d\ude00");
  }

  @Test
  void printable_replacesWhatCouldDriveOrHideFromTheTerminal() {
    assertThat(UserLimits.printable("a\u001b[2Jb\u009bc\td\ne")).isEqualTo("a?[2Jb?c?d?e");
    assertThat(UserLimits.printable("\u202eevil\u200b\u2028\u00a0\ue000"))
        .as("a bidi override, a zero-width space, a line separator, a no-break space, private use")
        .isEqualTo("?evil????");
    assertThat(UserLimits.printable("x\ud800y")).as("a lone surrogate").isEqualTo("x?y");
  }
}
