package chat.cli.tui;

import chat.cli.CommandException;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.cli.client.Posted;
import chat.cli.command.CommandContext;
import chat.cli.command.HelpText;
import chat.cli.command.LongTasks;
import chat.cli.command.SecretKind;
import chat.cli.tui.PaneEntry.NoteKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the commands typed in the TUI may do to it: show messages and lines, switch and drop panes,
 * ask for secrets, run file transfers, quit. It may be called from any thread; all screen work is
 * posted to the UI thread.
 */
final class TuiContext implements CommandContext {
  /** The full screen's keys, as README's table gives them. */
  private static final List<String> KEYS =
      List.of(
          "  Enter            send the line, or run the /command",
          "  Tab              complete a command, name, room or :shortcode:; again to cycle",
          "  Alt+1 .. Alt+0   go to conversation 1 .. 10",
          "  Alt+A            next conversation with unread messages, private ones first",
          "  Ctrl-N, Ctrl-P   next, previous conversation (Alt+Right, Alt+Left too)",
          "  PgUp, PgDn       scroll back, forward; End goes back to the bottom",
          "  Up, Down         the lines typed before",
          "  Ctrl-A, Ctrl-E   start, end of the line",
          "  Ctrl-U, Ctrl-K   clear the line, clear to its end",
          "  Ctrl-W           delete a word",
          "  Alt+E            the emoji picker",
          "  Ctrl-L           redraw the screen",
          "  Ctrl-C           clear the line (Up brings it back); /quit leaves",
          "  Esc, Ctrl-C      cancel a password prompt");

  private final ChatClient client;
  private final UiLoop loop;
  private final TuiWorkers workers;
  private final TuiController controller;
  private final PaneUpdates panes;
  private final TuiSecrets secrets;
  private final LongTasks transfers;

  TuiContext(
      ChatClient client,
      UiLoop loop,
      TuiWorkers workers,
      TuiController controller,
      TuiSecrets secrets,
      LongTasks transfers) {
    this.client = Objects.requireNonNull(client, "client");
    this.loop = Objects.requireNonNull(loop, "loop");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.controller = Objects.requireNonNull(controller, "controller");
    this.panes = controller.panes();
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.transfers = Objects.requireNonNull(transfers, "transfers");
  }

  private void post(Runnable task) {
    loop.post(task);
  }

  @Override
  public ChatClient client() {
    return client;
  }

  @Override
  public Optional<String> currentConversation() {
    String conversation = workers.current();
    return conversation.equals(TuiModel.STATUS) ? Optional.empty() : Optional.of(conversation);
  }

  @Override
  public List<String> numberedConversations() {
    return workers.listed();
  }

  @Override
  public void dropPane(String conversation) {
    post(() -> panes.forget(conversation));
  }

  @Override
  public void switchTo(String conversation) {
    Objects.requireNonNull(conversation, "conversation");
    workers.commandSwitched(conversation);
    post(
        () -> {
          controller.select(conversation);
          workers.switchShown();
        });
  }

  @Override
  public void offered(FileOffer offer, String said) {
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(said, "said");
    post(() -> panes.offered(offer, said));
  }

  @Override
  public boolean switchToStatus() {
    switchTo(TuiModel.STATUS);
    return true;
  }

  @Override
  public void showMessage(ChatMessage message) {
    Objects.requireNonNull(message, "message");
    post(() -> panes.show(message));
  }

  @Override
  public void showListed(List<Posted> entries) {
    List<Posted> listed = List.copyOf(entries);
    post(() -> panes.replay(listed));
  }

  @Override
  public void info(String text) {
    Objects.requireNonNull(text, "text");
    post(() -> panes.note(null, NoteKind.INFO, text));
  }

  /** Help text reflowed into paragraphs, each wrapped to the pane's width as one line. */
  @Override
  public void help(List<String> lines) {
    List<String> paragraphs = HelpText.paragraphs(lines);
    post(() -> paragraphs.forEach(text -> panes.note(null, NoteKind.INFO, text)));
  }

  @Override
  public void helpList(List<String> table, List<String> entries) {
    post(() -> entries.forEach(text -> panes.note(null, NoteKind.INFO, text)));
  }

  @Override
  public void error(String text) {
    Objects.requireNonNull(text, "text");
    post(() -> panes.note(null, NoteKind.ERROR, text));
  }

  @Override
  public Optional<String> secretSource(SecretKind kind) {
    return secrets.source(kind);
  }

  @Override
  public boolean namesGivenSecrets() {
    return true;
  }

  @Override
  public List<String> keys() {
    return KEYS;
  }

  /** The secret given for {@code kind} ({@link ChatTui#withSecrets}), if there is one. */
  @Override
  public Optional<char[]> givenSecret(SecretKind kind) {
    return secrets.given(kind);
  }

  /**
   * The secret given for {@code kind} ({@link ChatTui#withSecrets}), else one typed on a masked
   * prompt ({@link TuiSecrets#read}). Call it from the command thread, never the UI thread.
   *
   * @throws CommandException.Auth if the person cancels (Esc or Ctrl-C) or the TUI ends first
   */
  @Override
  public char[] readSecret(SecretKind kind, String prompt) {
    return secrets.read(kind, prompt);
  }

  /** The TUI shows every event, the echo of this user's own group actions included. */
  @Override
  public boolean showsOwnEvents() {
    return true;
  }

  /** Opens the emoji picker over the message pane; any thread. */
  @Override
  public boolean openEmojiPicker(String filter) {
    Objects.requireNonNull(filter, "filter");
    post(() -> controller.openEmojiPicker(filter));
    return true;
  }

  /**
   * Runs a long task (a file transfer) on a transfer thread, so typing goes on; its failure becomes
   * an error line. Progress shows in the status bar. Leaving the TUI cuts it off and says so (a cut
   * download resumes later).
   */
  @Override
  public void runLong(Supplier<String> what, Runnable task) {
    transfers.run(what, task, this::error, this::info);
  }

  @Override
  public void clear() {
    post(panes::clear);
  }

  @Override
  public void quit() {
    loop.requestStop();
  }
}
