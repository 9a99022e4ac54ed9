package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.cli.command.CommandContext;
import chat.cli.command.DaySeparators;
import chat.cli.command.SecretKind;
import java.util.Optional;

/**
 * The {@link CommandContext} of {@code chat run}: output goes to stdout (messages as text or JSON
 * lines), errors to stderr, and secrets come from files or the environment (see {@link Secrets})
 * instead of a person at a prompt.
 */
final class ScriptContext implements CommandContext {
  private final ChatClient client;
  private final RelayCommandSupport support;
  private final DaySeparators days = Output.days();
  private String current;
  private boolean quit;
  private int lineNumber;

  ScriptContext(ChatClient client, RelayCommandSupport support) {
    this.client = client;
    this.support = support;
  }

  void lineNumber(int number) {
    lineNumber = number;
  }

  boolean quitRequested() {
    return quit;
  }

  @Override
  public ChatClient client() {
    return client;
  }

  @Override
  public Optional<String> currentConversation() {
    return Optional.ofNullable(current);
  }

  @Override
  public void switchTo(String conversation) {
    current = conversation;
  }

  @Override
  public void switchToNone() {
    current = null;
  }

  @Override
  public void showMessage(ChatMessage message) {
    Output.message(support, message, days);
  }

  /** As {@code chat history} and {@code chat listen} print it. */
  @Override
  public void showOffer(FileOffer offer) {
    Output.offer(support, offer, days);
  }

  @Override
  public void info(String text) {
    if (support.options().json()) {
      support.out().println(JsonLines.line(JsonLines.object("info").put("text", text)));
    } else {
      support.out().println(TerminalSafe.text(text));
    }
    support.out().flush();
  }

  @Override
  public void error(String text) {
    support.err().println("chat: line " + lineNumber + ": " + TerminalSafe.line(text));
    support.err().flush();
  }

  @Override
  public char[] readSecret(SecretKind kind, String prompt) {
    String user =
        client.username().or(() -> support.options().user(support.context())).orElse("you");
    return switch (kind) {
      case PASSWORD -> support.secrets().password(user);
      case PASSPHRASE -> support.secrets().passphrase(user);
      case NEW_PASSWORD -> support.secrets().newPassword(user);
      case NEW_PASSPHRASE -> support.secrets().newPassphrase(user);
    };
  }

  @Override
  public char[] readNewSecret(SecretKind kind, String prompt) {
    return readSecret(kind, prompt);
  }

  @Override
  public Optional<String> secretSource(SecretKind kind) {
    return support.secrets().source(kind);
  }

  @Override
  public void clear() {
    // nothing to clear in a script's output
  }

  @Override
  public void quit() {
    quit = true;
  }
}
