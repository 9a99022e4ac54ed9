package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.CommandException;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmojiCommandsTest {
  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext();

  @Test
  void emoji_withoutPicker_listsMatchesWithShortcodes() {
    dispatcher.dispatch("/emoji smile", context);

    assertThat(context.lines.get(0)).isEqualTo("info: emoji matching 'smile':");
    assertThat(context.lines.get(1))
        .isEqualTo("info:   😄  :smile:  grinning face with smiling eyes");
    assertThat(context.lines).allMatch(line -> line.startsWith("info: "));
  }

  @Test
  void emoji_manyMatches_listsTheFirstTwenty() {
    dispatcher.dispatch("/emoji", context);

    assertThat(context.lines.get(0)).isEqualTo("info: emoji (the first 20):");
    assertThat(context.lines).hasSize(EmojiCommands.MAX_LISTED + 1);
  }

  @Test
  void emoji_noMatch_saysSo() {
    dispatcher.dispatch("/emoji qqqqzzzz", context);

    assertThat(context.lines).containsExactly("info: no emoji match 'qqqqzzzz'");
  }

  @Test
  void emoji_frontEndWithPicker_opensItWithTheFilter() {
    List<String> opened = new ArrayList<>();
    CommandContext withPicker =
        new CommandContext() {
          @Override
          public boolean openEmojiPicker(String filter) {
            opened.add(filter);
            return true;
          }

          @Override
          public ChatClient client() {
            return context.client();
          }

          @Override
          public Optional<String> currentConversation() {
            return Optional.empty();
          }

          @Override
          public void switchTo(String conversation) {}

          @Override
          public void showMessage(ChatMessage message) {}

          @Override
          public void info(String text) {
            context.info(text);
          }

          @Override
          public void error(String text) {
            context.error(text);
          }

          @Override
          public char[] readSecret(SecretKind kind, String prompt) {
            throw new CommandException.Auth("none", null);
          }

          @Override
          public void clear() {}

          @Override
          public void quit() {}
        };

    dispatcher.dispatch("/emoji thumbs up", withPicker);

    assertThat(opened).containsExactly("thumbs up");
    assertThat(context.lines).isEmpty();
  }
}
