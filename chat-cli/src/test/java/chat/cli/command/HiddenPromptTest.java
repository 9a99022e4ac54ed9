package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HiddenPromptTest {
  @Test
  void of_promptWithColon_hintBeforeTheColon() {
    assertThat(HiddenPrompt.of("password for alice: "))
        .isEqualTo("password for alice (input hidden): ");
    assertThat(HiddenPrompt.of("Passphrase:")).isEqualTo("Passphrase (input hidden): ");
  }

  @Test
  void of_promptWithoutColon_hintAtTheEnd() {
    assertThat(HiddenPrompt.of("your passphrase")).isEqualTo("your passphrase (input hidden) ");
    assertThat(HiddenPrompt.of("")).isEqualTo("(input hidden) ");
  }

  @Test
  void of_alreadyHinted_notHintedTwice() {
    String once = HiddenPrompt.of("password for alice: ");

    assertThat(HiddenPrompt.of(once)).isEqualTo(once);
  }
}
