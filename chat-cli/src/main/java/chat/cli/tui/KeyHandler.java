package chat.cli.tui;

import chat.cli.client.ChatClient;
import chat.cli.command.Input;
import chat.cli.command.InputCompleter;
import chat.cli.command.InputParser;
import chat.cli.command.NextConversation;
import chat.cli.command.PastedLineBreaks;
import chat.cli.command.QuitLine;
import chat.cli.emoji.EmojiCatalog;
import chat.cli.tui.KeyAction.Action;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Carries out key strokes on the UI thread: editing the input line or the masked prompt, history,
 * completion, scrolling and switching conversations. Enter hands the line to the backend.
 */
final class KeyHandler {
  private final TuiModel model;
  private final InputCompleter completer;
  private final TuiBackend backend;
  private final IntSupplier pageRows;
  private final Runnable interruptHint;
  private final LineEditor editor = new LineEditor();
  private SecretEntry secret;
  private EmojiPicker picker;
  private boolean repaintRequested;
  private boolean pasting;
  private boolean pasteEscape;
  private boolean pasteCsi;

  /**
   * Whether typed keys are inside a control sequence Lanterna did not decode ({@link #typedCsi}).
   */
  private boolean typedCsi;

  /** When the last key of that sequence came. */
  private long typedCsiMillis;

  private boolean pasteOsc;
  private boolean pasteCharset;
  private long pasteSeenMillis;
  private int pasteStart;
  private final StringBuilder pasteText = new StringBuilder();
  private String typedFor = TuiModel.STATUS;
  private final LongSupplier millis;
  private final UnaryOperator<String> labels;

  /**
   * How long a paste may pause before its end marker is taken as lost (a terminal that dropped it
   * must not leave Enter inserting line breaks for ever).
   */
  static final long PASTE_GAP_MILLIS = 1_000;

  /**
   * The longest wait between two keys of one control sequence typed outside a paste ({@link
   * #typedCsi}): a terminal sends a sequence in one write, a person types slower than this.
   */
  static final long SEQUENCE_GAP_MILLIS = 20;

  /**
   * A handler.
   *
   * @param model the conversations to scroll and switch
   * @param completer Tab completion
   * @param backend where Enter sends lines
   * @param pageRows how many lines PgUp and PgDn scroll
   * @param interruptHint what Ctrl-C on an empty line does
   * @param millis the current time, for a paste whose end marker never came
   * @param labels a conversation as this user names it, cleaned for the terminal ({@link
   *     ChatClient#label})
   */
  KeyHandler(
      TuiModel model,
      InputCompleter completer,
      TuiBackend backend,
      IntSupplier pageRows,
      Runnable interruptHint,
      LongSupplier millis,
      UnaryOperator<String> labels) {
    this.model = Objects.requireNonNull(model, "model");
    this.completer = Objects.requireNonNull(completer, "completer");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.pageRows = Objects.requireNonNull(pageRows, "pageRows");
    this.interruptHint = Objects.requireNonNull(interruptHint, "interruptHint");
    this.millis = Objects.requireNonNull(millis, "millis");
    this.labels = Objects.requireNonNull(labels, "labels");
  }

  LineEditor editor() {
    return editor;
  }

  /** The masked prompt in progress, or null. */
  SecretEntry secret() {
    return secret;
  }

  /** The emoji picker, or null when it is closed. */
  EmojiPicker picker() {
    return picker;
  }

  /** Opens the emoji picker filtered by {@code filter} (not while a masked prompt is open). */
  void openPicker(String filter) {
    if (secret == null) {
      picker =
          new EmojiPicker(
              typed -> EmojiCatalog.shared().search(typed, EmojiPicker.MAX_MATCHES), filter);
    }
  }

  /** Returns true once after Ctrl-L. */
  boolean takeRepaintRequest() {
    boolean requested = repaintRequested;
    repaintRequested = false;
    return requested;
  }

  /**
   * Handles one key stroke. The conversation a line is typed for is the one current when its first
   * character was typed, or the one the person moved to with a key since: a line is never sent to a
   * conversation the screen moved to on its own (after a removal, or a command still running).
   */
  void handle(KeyStroke key) {
    String before = model.current();
    if (editor.isEmpty()) {
      typedFor = before;
    }
    handleKey(key);
    if (!model.current().equals(before)) {
      typedFor = model.current(); // moved by this key: the line goes along
    }
  }

  private void handleKey(KeyStroke key) {
    if (pasteKey(key)) {
      return;
    }
    if (typedCsi(key)) {
      return;
    }
    Optional<KeyAction> resolved = KeyBindings.resolve(key);
    if (resolved.isEmpty()) {
      return;
    }
    KeyAction action = resolved.get();
    if (action.action() != Action.COMPLETE) {
      editor.resetCompletion();
    }
    if (secret != null && secretKey(action)) {
      return;
    }
    if (picker != null && pickerKey(action)) {
      return;
    }
    perform(action);
  }

  /**
   * True if {@code key} belongs to a bracketed paste: one of its markers, or a key between them
   * ({@link #paste}). A paste whose end marker did not come within {@link #PASTE_GAP_MILLIS} is
   * over, and the key is then an action again.
   */
  private boolean pasteKey(KeyStroke key) {
    long now = millis.getAsLong();
    if (key == BracketedPaste.START || key == BracketedPaste.END) {
      settlePaste();
      pasting = key == BracketedPaste.START;
      pasteStart = editor.cursor();
      pasteSeenMillis = now;
      pasteEscape = false;
      pasteCsi = false;
      pasteOsc = false;
      pasteCharset = false;
      typedCsi = false;
      editor.resetCompletion();
      return true;
    }
    if (pasting && now - pasteSeenMillis > PASTE_GAP_MILLIS) {
      settlePaste();
      pasting = false;
    }
    if (!pasting) {
      return false;
    }
    pasteSeenMillis = now;
    paste(key);
    return true;
  }

  /** Does what {@code action} asks of the input line, the current pane or the conversation list. */
  private void perform(KeyAction action) {
    ConversationBuffer buffer = model.currentBuffer();
    switch (action.action()) {
      case INSERT -> {
        editor.insert(action.character());
        buffer.scrollToBottom();
      }
      case SUBMIT -> submit();
      case COMPLETE -> complete();
      case LEFT -> editor.left();
      case RIGHT -> editor.right();
      case HOME -> editor.home();
      case END -> {
        editor.end();
        buffer.scrollToBottom();
      }
      case BACKSPACE -> editor.backspace();
      case DELETE -> editor.delete();
      case CLEAR_LINE -> editor.clear();
      case KILL_TO_END -> editor.killToEnd();
      case DELETE_WORD -> editor.deleteWord();
      case HISTORY_PREVIOUS -> editor.historyPrevious();
      case HISTORY_NEXT -> editor.historyNext();
      case PAGE_UP -> buffer.scrollUp(pageRows.getAsInt());
      case PAGE_DOWN -> buffer.scrollDown(pageRows.getAsInt());
      case JUMP -> model.at(action.index()).ifPresent(model::select);
      case NEXT_CONVERSATION -> model.select(model.neighbour(1));
      case PREVIOUS_CONVERSATION -> model.select(model.neighbour(-1));
      case NEXT_ACTIVE -> model.nextActive().ifPresent(model::select);
      case INTERRUPT -> interrupt();
      case REDRAW -> repaintRequested = true;
      case EMOJI_PICKER -> openPicker("");
      case ESCAPE -> {}
    }
  }

  /**
   * A key between the paste markers is text, never an action: characters, line breaks and tabs go
   * into the input line (only characters into a masked prompt or the picker's filter); other keys
   * (a pasted escape sequence) are dropped. Nothing is sent until the person presses Enter. A line
   * break (Enter, or a CR that the tty did not turn into one) shows at once; at the paste's end
   * {@link #settlePaste} makes it one per line as copied.
   */
  private void paste(KeyStroke key) {
    if (skipsEscapeSequence(key)) {
      return;
    }
    if (key.isCtrlDown() || key.isAltDown()) {
      return; // a pasted control character or escape sequence, decoded as a key: not text
    }
    char pasted =
        switch (key.getKeyType()) {
          case Character -> key.getCharacter();
          case Enter -> '\n';
          case Tab -> '\t';
          default -> 0;
        };
    if (pasted == 0) {
      return;
    }
    if (secret != null) {
      if (!Character.isISOControl(pasted)) {
        secret.append(pasted);
      }
    } else if (picker != null) {
      if (!Character.isISOControl(pasted)) {
        picker.type(pasted);
      }
    } else {
      if (editor.paste(pasted == '\r' ? '\n' : pasted)) {
        pasteText.append(pasted);
      }
      model.currentBuffer().scrollToBottom();
    }
  }

  /**
   * Ends the paste in the input line: its line breaks, shown as they came, become one per line as
   * the person copied them ({@link PastedLineBreaks}), so CRLF text pasted through tmux or xterm
   * (which send each CRLF as two CRs) shows no empty line between its lines.
   */
  private void settlePaste() {
    if (pasteText.length() > 0) {
      String raw = pasteText.toString();
      editor.replacePaste(pasteStart, raw.replace('\r', '\n'), PastedLineBreaks.normalize(raw));
      pasteText.setLength(0);
    }
  }

  /**
   * Whether {@code key} belongs to a control sequence that came outside a paste and that Lanterna
   * did not decode as a key (a function key it does not know, such as ESC [ 25 ~, or a colour typed
   * through a terminal without bracketed paste, ESC [ 1 m): ESC [ arrives as Alt+[, and its
   * parameters and final character, which come with it, are dropped with it instead of becoming
   * text. Alt+[ pressed by hand is those same two bytes; what is typed after it comes later than
   * {@link #SEQUENCE_GAP_MILLIS} and is text.
   */
  private boolean typedCsi(KeyStroke key) {
    boolean character = key.getKeyType() == KeyType.Character;
    char c = character ? key.getCharacter() : 0;
    long now = millis.getAsLong();
    if (character && key.isAltDown() && !key.isCtrlDown() && c == '[') {
      typedCsi = true;
      typedCsiMillis = now;
      return true;
    }
    if (!typedCsi || now - typedCsiMillis > SEQUENCE_GAP_MILLIS) {
      typedCsi = false;
      return false;
    }
    typedCsiMillis = now;
    CsiPart part = csiPart(key);
    typedCsi = part == CsiPart.PARAMETER;
    return part != CsiPart.NONE;
  }

  /**
   * What a key can be after ESC [ (CSI): a parameter or intermediate byte, the final one, or
   * neither.
   */
  private enum CsiPart {
    PARAMETER,
    FINAL,
    NONE
  }

  private static CsiPart csiPart(KeyStroke key) {
    if (key.getKeyType() != KeyType.Character || key.isAltDown() || key.isCtrlDown()) {
      return CsiPart.NONE;
    }
    char c = key.getCharacter();
    if (c >= 0x20 && c <= 0x3F) {
      return CsiPart.PARAMETER; // parameters and intermediates
    }
    return c >= 0x40 && c <= 0x7E ? CsiPart.FINAL : CsiPart.NONE;
  }

  /**
   * Whether {@code key} belongs to a pasted escape sequence Lanterna did not decode as one key
   * (such as a colour, ESC [ 31 m, which arrives as Esc or Alt+[ and then {@code 31m}; a link or a
   * title, ESC ] … BEL or ESC \; a character set, ESC ( B): the sequence is dropped whole, as other
   * people's screens drop it, instead of leaving its letters as text.
   */
  private boolean skipsEscapeSequence(KeyStroke key) {
    boolean character = key.getKeyType() == KeyType.Character;
    char c = character ? key.getCharacter() : 0;
    boolean escaped = character && (key.isAltDown() || pasteEscape);
    if (pasteOsc) {
      // an operating system command (a title, a link) runs to BEL or ESC \
      pasteOsc = !(character && (c == 'g' && key.isCtrlDown() || escaped && c == '\\'));
      pasteEscape = key.getKeyType() == KeyType.Escape;
      return true;
    }
    if (pasteCharset) {
      pasteCharset = false; // ESC ( B and the like: one more character
      return true;
    }
    if (key.getKeyType() == KeyType.Escape) {
      pasteEscape = true;
      return true;
    }
    if (escaped && (c == '[' || c == ']' || c == '(' || c == ')')) {
      pasteEscape = false;
      pasteCsi = c == '[';
      pasteOsc = c == ']';
      pasteCharset = c == '(' || c == ')';
      return true;
    }
    pasteEscape = false;
    if (!pasteCsi) {
      return false;
    }
    CsiPart part = csiPart(key);
    pasteCsi = part == CsiPart.PARAMETER;
    return part != CsiPart.NONE;
  }

  /**
   * Keys while the emoji picker is open: typing filters, Up/Down/Tab/PgUp/PgDn choose, Enter
   * inserts the emoji into the input line, Esc, Ctrl-C or Alt+E close it. Returns false for keys
   * that act as usual (switching conversations, Ctrl-L).
   */
  private boolean pickerKey(KeyAction action) {
    switch (action.action()) {
      case INSERT -> picker.type(action.character());
      case BACKSPACE -> picker.backspace();
      case CLEAR_LINE -> picker.clearFilter();
      case HISTORY_PREVIOUS -> picker.move(-1);
      case HISTORY_NEXT -> picker.move(1);
      case COMPLETE -> picker.next();
      case PAGE_UP -> picker.move(-EmojiPickerPane.MAX_ROWS);
      case PAGE_DOWN -> picker.move(EmojiPickerPane.MAX_ROWS);
      case SUBMIT -> {
        picker.choice().ifPresent(entry -> editor.insertText(entry.emoji()));
        picker = null;
      }
      case ESCAPE, INTERRUPT, EMOJI_PICKER -> picker = null;
      case JUMP, NEXT_CONVERSATION, PREVIOUS_CONVERSATION, NEXT_ACTIVE, REDRAW -> {
        return false;
      }
      default -> {}
    }
    return true;
  }

  /** Keys while a masked prompt is open; returns false for keys that act as usual. */
  private boolean secretKey(KeyAction action) {
    switch (action.action()) {
      case INSERT -> secret.append(action.character());
      case BACKSPACE -> secret.backspace();
      case CLEAR_LINE -> secret.clear();
      case SUBMIT -> {
        secret.submit();
        secret = null;
      }
      case ESCAPE, INTERRUPT -> cancelSecret();
      case PAGE_UP,
          PAGE_DOWN,
          JUMP,
          NEXT_CONVERSATION,
          PREVIOUS_CONVERSATION,
          NEXT_ACTIVE,
          REDRAW -> {
        return false;
      }
      default -> {}
    }
    return true;
  }

  private void submit() {
    String line = editor.submit();
    model.currentBuffer().scrollToBottom();
    if (line.isBlank()) {
      if (!line.isEmpty()) {
        // spaces alone: said, as a line of characters that show nothing is; an empty line is not
        model
            .currentBuffer()
            .addNote(
                new PaneEntry.Note(
                    PaneEntry.NoteKind.ERROR, ChatClient.NOTHING_TO_SEND, millis.getAsLong()));
      }
      return;
    }
    if (QuitLine.is(line)) {
      backend.quit(); // here, not behind a command that may be waiting for the relay
      return;
    }
    String current = model.current();
    if (!current.equals(typedFor) && InputParser.parse(line) instanceof Input.Text) {
      // Typed for a conversation the screen has since left without the person moving it.
      model
          .currentBuffer()
          .addNote(
              new PaneEntry.Note(
                  PaneEntry.NoteKind.ERROR,
                  NextConversation.notSent(label(typedFor), label(current)),
                  millis.getAsLong()));
      return;
    }
    model.commandStarted();
    backend.submit(line, current);
  }

  private String label(String conversation) {
    return conversation.equals(TuiModel.STATUS) ? "the status window" : labels.apply(conversation);
  }

  private void complete() {
    try {
      editor.complete(completer);
    } catch (RuntimeException e) {
      editor.resetCompletion(); // A failing completer must not take the input line with it.
    }
  }

  private void interrupt() {
    if (editor.isEmpty()) {
      interruptHint.run();
    } else {
      editor.discard();
    }
  }

  /** Opens a masked prompt for {@code entry}, cancelling any open one. */
  void beginSecret(SecretEntry entry) {
    if (entry.isDone()) {
      return;
    }
    picker = null;
    cancelSecret();
    secret = entry;
    model.currentBuffer().scrollToBottom();
  }

  /** Cancels the open masked prompt, if any. */
  void cancelSecret() {
    if (secret != null) {
      secret.cancel();
      secret = null;
    }
  }
}
