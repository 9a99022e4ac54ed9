package chat.cli.emoji;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import chat.cli.command.CommandRegistry;
import chat.cli.command.SlashCompleter;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmojiCompletionSourceTest {
  private final EmojiCompletionSource source = EmojiCompletionSource.standard();

  @Test
  void candidates_colonPrefix_shortcodes() {
    assertThat(source.candidates("hello :sm", ":sm")).startsWith(":smile:");
  }

  @Test
  void candidates_otherWords_nothing() {
    assertThat(source.candidates("hello", "hello")).isEmpty();
    assertThat(source.candidates("a :", ":")).isEmpty();
    assertThat(source.candidates("/join #r", "#r")).isEmpty();
  }

  @Test
  void slashCompleter_withEmojiSource_completesShortcodesInTextAndCommands() {
    FakeChatClient client = new FakeChatClient();
    SlashCompleter completer =
        new SlashCompleter(client, CommandRegistry.standard(), List.of(source));

    assertThat(completer.complete("ship it :rock", 13)).contains(":rock:", ":rocket:");
    assertThat(completer.complete("/send hi :tad", 13)).contains(":tada:");
  }
}
