package chat.cli.emoji;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShortcodeExpanderTest {
  private final ShortcodeExpander expander = ShortcodeExpander.standard();

  private String expand(String text) {
    return expander.expand(text);
  }

  @Test
  void expand_noShortcodeToLookUp_catalogNeverLoaded() {
    AtomicInteger loads = new AtomicInteger();
    ShortcodeExpander lazy =
        new ShortcodeExpander(
            () -> {
              loads.incrementAndGet();
              return EmojiCatalog.shared();
            });

    assertThat(lazy.expand("plain text, 12:30:45, a:b")).isEqualTo("plain text, 12:30:45, a:b");
    assertThat(loads).hasValue(0);
    assertThat(lazy.expand("ship it :rocket:")).isEqualTo("ship it 🚀");
    assertThat(loads).hasPositiveValue();
  }

  @Test
  void expand_knownShortcodes_replaced() {
    assertThat(expand("ship it :rocket:")).isEqualTo("ship it 🚀");
    assertThat(expand(":smile: :+1: :thumbsup:")).isEqualTo("😄 👍 👍");
    assertThat(expand(":SMILE:")).isEqualTo("😄");
    assertThat(expand(":smile::smile:")).isEqualTo("😄😄");
    assertThat(expand("::smile:")).isEqualTo(":😄");
    assertThat(expand("(:heart:)")).isEqualTo("(❤️)");
    assertThat(expand(":smile:, ok?")).isEqualTo("😄, ok?");
    assertThat(expand("multi\nline :tada:")).isEqualTo("multi\nline 🎉");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "no colons here",
        ":notanemoji: stays",
        "meet at 12:30:45",
        "a:b:c",
        "x:smile:",
        ":smile:x",
        "std::vector::size",
        "::",
        ":",
        "half :smile",
        ": smile :",
      })
  void expand_unknownOrNotStandingAlone_leftAsTyped(String text) {
    assertThat(expand(text)).isEqualTo(text);
  }

  @Test
  void expand_insideBackticks_neverTouched() {
    assertThat(expand("run `:smile:` now :smile:")).isEqualTo("run `:smile:` now 😄");
    assertThat(expand("``a ` :smile: b`` :tada:")).isEqualTo("``a ` :smile: b`` 🎉");
    assertThat(expand("```\n:smile:\n``` :tada:")).isEqualTo("```\n:smile:\n``` 🎉");
    assertThat(expand("`one` :smile: `two :smile:`")).isEqualTo("`one` 😄 `two :smile:`");
  }

  @Test
  void expand_unclosedBacktick_isLiteralAndProtectsNothing() {
    assertThat(expand("unclosed ` :smile:")).isEqualTo("unclosed ` 😄");
  }
}
