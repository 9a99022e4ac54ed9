package chat.cli.tui;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.FakeChatClient;
import chat.cli.command.CommandContext;
import chat.cli.command.SecretKind;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineContextTest {
  /** Records what reaches the TUI; its own current conversation is always #elsewhere. */
  private static final class Recorder implements CommandContext {
    final List<String> calls = new ArrayList<>();
    final FakeChatClient client = new FakeChatClient();

    @Override
    public ChatClient client() {
      return client;
    }

    @Override
    public Optional<String> currentConversation() {
      return Optional.of("#elsewhere");
    }

    @Override
    public void switchTo(String conversation) {
      calls.add("switchTo " + conversation);
    }

    @Override
    public void showMessage(ChatMessage message) {
      calls.add("show " + message.text());
    }

    @Override
    public void info(String text) {
      calls.add("info " + text);
    }

    @Override
    public void error(String text) {
      calls.add("error " + text);
    }

    @Override
    public char[] readSecret(SecretKind kind, String prompt) {
      calls.add("secret " + kind);
      return new char[] {'x'};
    }

    @Override
    public void clear() {
      calls.add("clear");
    }

    @Override
    public void quit() {
      calls.add("quit");
    }
  }

  @Test
  void currentConversation_isTheOneAtEnter_untilTheLineSwitches() {
    Recorder tui = new Recorder();
    LineContext context = new LineContext(tui, "#typed-here");

    assertThat(context.currentConversation()).contains("#typed-here");
    context.switchTo("#dev");

    assertThat(context.currentConversation()).contains("#dev");
    assertThat(tui.calls).containsExactly("switchTo #dev");
  }

  @Test
  void currentConversation_statusBuffer_isEmpty() {
    assertThat(new LineContext(new Recorder(), TuiModel.STATUS).currentConversation()).isEmpty();
  }

  @Test
  void otherCalls_anyLine_goToTheTui() {
    Recorder tui = new Recorder();
    LineContext context = new LineContext(tui, "#a");

    context.showMessage(Messages.of("#a", 1, "bob", "m"));
    context.info("i");
    context.error("e");
    context.readSecret(SecretKind.PASSPHRASE, "p");
    context.clear();
    context.quit();

    assertThat(context.client()).isSameAs(tui.client);
    assertThat(tui.calls)
        .containsExactly("show m", "info i", "error e", "secret PASSPHRASE", "clear", "quit");
  }

  /**
   * What the full screen does its own way, a line does too: a default of {@link CommandContext}
   * that {@link TuiContext} overrides and {@link LineContext} did not would run the default for
   * every typed line ({@code /switch status} once said "you are not in #status" that way).
   */
  @Test
  void everyDefaultTheTuiOverrides_aLinePassesOn() {
    List<String> missing = new ArrayList<>();
    for (Method method : CommandContext.class.getMethods()) {
      if (method.isDefault()
          && overrides(TuiContext.class, method)
          && !overrides(LineContext.class, method)) {
        missing.add(method.getName());
      }
    }
    assertThat(missing).isEmpty();
  }

  private static boolean overrides(Class<?> type, Method method) {
    try {
      type.getDeclaredMethod(method.getName(), method.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
