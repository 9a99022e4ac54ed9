package chat.cli.tui;

import chat.cli.client.ChatClient;
import chat.cli.client.KeptList;
import chat.cli.command.InputCompleter;
import chat.cli.command.MessageFormatter;
import chat.cli.tui.PaneEntry.NoteKind;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The TUI's logic on the UI thread: turns keys into edits, scrolling and switching, publishes the
 * conversation shown, and draws frames of the {@link TuiModel}. What the client and the commands
 * report reaches the model through its {@link #panes} and {@link #session}. It talks to the threads
 * behind it only through {@link TuiBackend}.
 */
final class TuiController {
  private static final int HISTORY_PRELOAD = 100;

  /** A conversation as this user names it, cleaned for the terminal ({@link ChatClient#label}). */
  private final UnaryOperator<String> labels;

  private final ChatClient client;
  private final TuiBackend backend;
  private final Renderer renderer;
  private final TuiModel model = new TuiModel();
  private final PaneUpdates panes;
  private final SessionUpdates session;
  private List<String> publishedOrder = List.of();
  private KeptList keptList; // the list last given to keep; null since a log-out

  private final KeyHandler keys;
  private String published = TuiModel.STATUS;
  private Layout layout;
  private boolean fullRedraw;

  TuiController(
      ChatClient client,
      InputCompleter completer,
      EntryFormatter entries,
      Clock clock,
      TuiBackend backend) {
    this.client = Objects.requireNonNull(client, "client");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.labels = conversation -> MessageFormatter.conversationLabel(client, conversation);
    this.panes = new PaneUpdates(client, model, clock, backend);
    this.session = new SessionUpdates(client, model, clock, backend, panes, this::membersShown);
    this.renderer = new Renderer(entries);
    this.keys =
        new KeyHandler(
            model,
            completer,
            backend,
            this::page,
            () -> panes.note(model.current(), NoteKind.INFO, "type /quit to leave"),
            clock::millis,
            labels);
  }

  /** Where messages, offers and the lines of what happened go into the panes. */
  PaneUpdates panes() {
    return panes;
  }

  /** Where the connection, the lists fetched and presence go. */
  SessionUpdates session() {
    return session;
  }

  /** Handles one key stroke. */
  void handle(KeyStroke key) {
    keys.handle(key);
    if (keys.takeRepaintRequest()) {
      fullRedraw = true;
    }
  }

  private int page() {
    int rows = layout == null || layout.tooSmall() ? 10 : layout.messages().height();
    // less the row "-- more below --" takes, and one more: a line read before stays in view
    return Math.max(1, rows - 2);
  }

  /** Whether the last frame had room for the member list. */
  private boolean membersShown() {
    return layout != null && !layout.members().isEmpty();
  }

  /** Makes {@code conversation} (or the status buffer) current. */
  void select(String conversation) {
    model.select(conversation);
  }

  /**
   * Publishes a change of the current conversation made by keys, commands or events: tells the
   * backend, refreshes its members and loads its history the first time it is shown. A change of
   * the list's order is published too, and kept for the next run once the list is settled.
   */
  void publishSelection() {
    List<String> order = model.conversations();
    if (!order.equals(publishedOrder)) {
      publishedOrder = List.copyOf(order);
      backend.listed(publishedOrder);
    }
    KeptList toKeep = self() == null ? null : model.listToKeep().orElse(null);
    if (toKeep != null && !toKeep.equals(keptList)) {
      backend.keepList(self(), toKeep);
    }
    keptList = toKeep;
    String current = model.current();
    if (current.equals(published)) {
      return;
    }
    published = current;
    backend.selected(current);
    if (!current.equals(TuiModel.STATUS)) {
      backend.refresh();
      if (self() != null && model.buffer(current).takeHistoryRequest()) {
        backend.loadHistory(current, HISTORY_PRELOAD);
      }
    }
  }

  /** Opens a masked prompt for {@code entry}, cancelling any open one. */
  void beginSecret(SecretEntry entry) {
    keys.beginSecret(entry);
  }

  /** Cancels the open masked prompt, if any. */
  void cancelSecret() {
    keys.cancelSecret();
  }

  /** Whether a masked prompt is open. */
  boolean secretOpen() {
    return keys.secret() != null;
  }

  /** Opens the emoji picker filtered by {@code filter} ({@code /emoji FILTER}, Alt+E). */
  void openEmojiPicker(String filter) {
    keys.openPicker(filter);
  }

  /** Draws a frame into {@code screen}. */
  void render(Screen screen, ScreenWriter out) throws IOException {
    layout = Layout.of(screen.getTerminalSize());
    String self = self();
    model.setAway(self != null && client.isAway());
    TerminalPosition cursor =
        renderer.draw(
            out,
            layout,
            new Renderer.Frame(
                model,
                keys.editor(),
                keys.secret(),
                client.serverAddress(),
                self,
                client::trustState,
                labels,
                keys.picker()));
    screen.setCursorPosition(cursor);
    screen.refresh(fullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.AUTOMATIC);
    fullRedraw = false;
  }

  /** Asks for a complete repaint on the next frame (after a resize). */
  void repaintAll() {
    fullRedraw = true;
  }

  private String self() {
    return client.username().orElse(null);
  }
}
