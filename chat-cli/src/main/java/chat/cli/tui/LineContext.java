package chat.cli.tui;

import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.cli.client.Posted;
import chat.cli.command.CommandContext;
import chat.cli.command.SecretKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The context one typed line runs in: the TUI, except that the current conversation is the one that
 * was current when Enter was pressed. Lines run on the command thread after the fact, so without
 * this, text typed just before Alt+2 could go to the wrong conversation.
 */
final class LineContext implements CommandContext {
  private final CommandContext tui;
  private volatile String conversation;

  /**
   * A context for one line.
   *
   * @param tui the TUI everything else goes to
   * @param conversation the conversation current at Enter, or {@link TuiModel#STATUS}
   */
  LineContext(CommandContext tui, String conversation) {
    this.tui = Objects.requireNonNull(tui, "tui");
    this.conversation = Objects.requireNonNull(conversation, "conversation");
  }

  @Override
  public ChatClient client() {
    return tui.client();
  }

  @Override
  public Optional<String> currentConversation() {
    String value = conversation;
    return value.equals(TuiModel.STATUS) ? Optional.empty() : Optional.of(value);
  }

  @Override
  public List<String> numberedConversations() {
    return tui.numberedConversations();
  }

  @Override
  public void switchTo(String target) {
    conversation = Objects.requireNonNull(target, "conversation");
    tui.switchTo(target);
  }

  /** The rest of the line acts on no conversation; the panes follow the client by themselves. */
  @Override
  public void switchToNone() {
    conversation = TuiModel.STATUS;
  }

  @Override
  public void offered(FileOffer offer, String said) {
    tui.offered(offer, said);
  }

  @Override
  public boolean switchToStatus() {
    boolean shown = tui.switchToStatus();
    if (shown) {
      conversation = TuiModel.STATUS;
    }
    return shown;
  }

  @Override
  public void dropPane(String conversation) {
    tui.dropPane(conversation);
  }

  @Override
  public void showMessage(ChatMessage message) {
    tui.showMessage(message);
    if (!message.conversation().equals(conversation)) {
      // sent to another conversation than the line's (/pm bob TEXT typed in #lobby): said, as its
      // pane is not the one in view
      String label = tui.client().label(message.conversation());
      info("sent to " + label + ": /switch " + label + " shows the conversation");
    }
  }

  @Override
  public void showListed(List<Posted> listed) {
    tui.showListed(listed);
  }

  @Override
  public void info(String text) {
    tui.info(text);
  }

  @Override
  public void help(List<String> lines) {
    tui.help(lines);
  }

  @Override
  public void helpList(List<String> table, List<String> entries) {
    tui.helpList(table, entries);
  }

  @Override
  public void error(String text) {
    tui.error(text);
  }

  @Override
  public char[] readSecret(SecretKind kind, String prompt) {
    return tui.readSecret(kind, prompt);
  }

  @Override
  public java.util.Optional<char[]> givenSecret(SecretKind kind) {
    return tui.givenSecret(kind);
  }

  @Override
  public java.util.Optional<String> secretSource(SecretKind kind) {
    return tui.secretSource(kind);
  }

  @Override
  public boolean namesGivenSecrets() {
    return tui.namesGivenSecrets();
  }

  @Override
  public List<String> keys() {
    return tui.keys();
  }

  @Override
  public boolean showsOwnEvents() {
    return tui.showsOwnEvents();
  }

  @Override
  public boolean openEmojiPicker(String filter) {
    return tui.openEmojiPicker(filter);
  }

  @Override
  public void runLong(Supplier<String> what, Runnable task) {
    tui.runLong(what, task);
  }

  @Override
  public void clear() {
    tui.clear();
  }

  @Override
  public void quit() {
    tui.quit();
  }
}
