package chat.cli.line;

import chat.cli.command.InputCompleter;
import java.io.IOError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReader.Option;
import org.jline.reader.MaskingCallback;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * JLine's line reader, except that on a dumb terminal a line printed above the prompt ({@link
 * #printAbove}) starts on a fresh line. JLine erases the prompt line with a carriage return and
 * spaces and writes over it; on a dumb terminal it cannot see or erase what the person has typed so
 * far (the terminal itself echoes and edits the line, and hands it over only at Enter), so an
 * incoming message landed on the prompt line, mixed with the typed text. Here the prompt line is
 * left as it is, the printed text goes on the lines below it, and the prompt is drawn again after
 * it. What was typed stays in view on the old prompt line and is still part of the line being
 * typed: Enter sends all of it. Where the dumb terminal echoes the typing itself (a real terminal
 * with {@code TERM=dumb}), a line is not printed again after Enter, as JLine would: the terminal
 * has shown it, and its line break. On other terminals this is JLine's reader, except that a
 * bracketed paste among keys typed ahead is read once ({@link #doReadStringUntil}) and keys that
 * come together are drawn once ({@link #redisplay}). It also reads a secret on a dumb terminal
 * without JLine's masking ({@link #readHidden}).
 */
final class LineModeReader extends LineReaderImpl {
  private static final long POLL_MILLIS = 100;

  /** How long a read waits to see whether input typed ahead is already there. */
  private static final long TYPED_AHEAD_MILLIS = 10;

  /** How long a redraw waits to see whether the next key is already there. */
  private static final long NEXT_KEY_MILLIS = 1;

  /**
   * A key handled within this long of the last one's redraw came with it (a paste, a file piped
   * in), not typed by a hand.
   */
  private static final long TOGETHER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  /**
   * Whether this line's keys were handed over by {@link #runMacro} (typed while a command ran, one
   * line at a time), until the line is read.
   */
  private volatile boolean replaying;

  /** The thread reading a line, which handles the keys; null before the first read. */
  private volatile Thread readingThread;

  /**
   * When the last key's redraw ended ({@link System#nanoTime}); only the reading thread uses it.
   */
  private long lastKeyDone;

  /** How often a redraw asked the terminal whether the next key was there, for tests. */
  private final AtomicInteger keyChecks = new AtomicInteger();

  private final boolean dumb;

  /**
   * Whether a dumb terminal shows the typing itself, Enter included (see {@link LineModeOptions}).
   */
  private final boolean typingEchoed;

  private static final Size NOMINAL_SIZE = new Size(80, 24);

  /** A reader on {@code terminal}, named {@code appName} (for inputrc settings). */
  LineModeReader(Terminal terminal, String appName) {
    this(terminal, appName, false);
  }

  /**
   * A reader on {@code terminal}, named {@code appName}; {@code typingEchoed} says whether a dumb
   * terminal shows what is typed itself.
   */
  LineModeReader(Terminal terminal, String appName, boolean typingEchoed) {
    super(terminal, appName, new HashMap<>());
    String type = terminal.getType();
    this.dumb = Terminal.TYPE_DUMB.equals(type) || Terminal.TYPE_DUMB_COLOR.equals(type);
    this.typingEchoed = dumb && typingEchoed;
  }

  /** Whether the terminal is dumb: no cursor movement, and a size that is only nominal. */
  boolean dumbTerminal() {
    return dumb;
  }

  /**
   * Line mode's reader on {@code terminal}: words split on spaces only (no quotes, no escapes), no
   * {@code !} history expansion, case-insensitive completion from {@code completer}, {@code
   * history} as its history, the glyph keys bound. A terminal that reports no size is given a
   * nominal one first: JLine then never ends the line after input nor stops the thread that hides a
   * masked prompt on a dumb terminal.
   */
  static LineModeReader forLineMode(
      Terminal terminal, boolean typingEchoed, InputCompleter completer, History history) {
    if (terminal.getSize().getColumns() <= 0) {
      terminal.setSize(NOMINAL_SIZE);
    }
    DefaultParser parser = new DefaultParser();
    parser.setQuoteChars(new char[0]);
    parser.setEscapeChars(new char[0]);
    LineModeReader reader = new LineModeReader(terminal, "chat", typingEchoed);
    reader.setParser(parser);
    reader.setCompleter(new JLineCompleter(completer));
    reader.setHistory(history);
    reader.option(Option.DISABLE_EVENT_EXPANSION, true);
    reader.option(Option.CASE_INSENSITIVE, true);
    reader.option(Option.HISTORY_INCREMENTAL, false);
    GlyphKeys.install(reader);
    bashWords(reader);
    quietAltLetters(reader);
    return reader;
  }

  /** The widget that moves to the end of the word, as bash's forward-word. */
  static final String WORD_END = "chat-forward-word-end";

  /**
   * Alt+F and Ctrl-Right move to the end of the word, as in bash, where JLine's own forward-word
   * stops at the start of the next one ({@link #forwardWordEnd}); Alt+B and Ctrl-Left keep JLine's
   * backward-word, which goes to the start of the word before, as bash's does.
   */
  static void bashWords(LineModeReader reader) {
    reader.getWidgets().put(WORD_END, reader::forwardWordEnd);
    KeyMap<Binding> emacs = reader.getKeyMaps().get(LineReader.EMACS);
    Reference forward = new Reference(WORD_END);
    for (String key : List.of(KeyMap.alt('f'), KeyMap.alt('F'), "\u001b[1;5C", "\u001b[5C")) {
      emacs.bind(forward, key);
    }
  }

  /**
   * Moves to the end of the word, or of the word after, as many times as the count given with
   * Alt+digit (a negative count moves back, as backward-word). A word is what JLine's other word
   * keys take for one (Alt+B, Alt+D), with the combining marks that belong to its letters.
   */
  boolean forwardWordEnd() {
    if (count < 0) {
      count = -count;
      return backwardWord();
    }
    for (int i = 0; i < Math.max(1, count); i++) {
      int at = buf.cursor();
      while (at < buf.length() && !wordPart(buf.atChar(at))) {
        at++;
      }
      while (at < buf.length() && wordPart(buf.atChar(at))) {
        at++;
      }
      buf.cursor(at);
    }
    return true;
  }

  private boolean wordPart(int c) {
    int type = Character.getType(c);
    return isWord(c)
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** The widget of a key that does nothing. */
  static final String NOTHING = "chat-nothing";

  /**
   * Makes Alt with a letter that bash's emacs mode does not bind (Alt+Q, or the full screen's Alt+E
   * from habit) do nothing, as in bash, instead of JLine's dropping the Escape and typing the
   * letter into the line, where Enter would send it; and Alt+A, which JLine binds, too.
   */
  static void quietAltLetters(LineReader reader) {
    reader.getWidgets().put(NOTHING, () -> true);
    KeyMap<Binding> emacs = reader.getKeyMaps().get(LineReader.EMACS);
    Reference nothing = new Reference(NOTHING);
    for (char c = 'a'; c <= 'z'; c++) {
      emacs.bindIfNotBound(nothing, KeyMap.alt(c));
      emacs.bindIfNotBound(nothing, KeyMap.alt(Character.toUpperCase(c)));
    }
    // JLine binds Alt+A to accept-and-hold: the full screen's "next unread" from habit would send
    // the line and keep it, for Enter to send again
    emacs.bind(nothing, KeyMap.alt('a'));
    emacs.bind(nothing, KeyMap.alt('A'));
  }

  /**
   * Whether a line was printed while this line was read on a dumb terminal, so that what was typed
   * is split around it on the screen. Guarded by {@link #lock}.
   */
  private boolean split;

  /**
   * Whether typed input was waiting as this line's read began: typed ahead, while a command ran,
   * and echoed by the terminal then, above this prompt.
   */
  private volatile boolean typedAhead;

  /**
   * Reads a line, as JLine does; first notes whether input typed ahead is already waiting (see
   * {@link #cleanup}).
   */
  @Override
  public String readLine(
      String prompt, String rightPrompt, MaskingCallback maskingCallback, String buffer) {
    typedAhead = typingEchoed && inputWaiting();
    readingThread = Thread.currentThread();
    lastKeyDone = System.nanoTime() - TOGETHER_NANOS; // the prompt is drawn at once
    try {
      return super.readLine(prompt, rightPrompt, maskingCallback, buffer);
    } finally {
      replaying = false;
    }
  }

  /**
   * Draws the line being typed, as JLine does after every key, unless the next key is already
   * waiting: then the line is drawn after the last of them. JLine draws the whole line each time,
   * so text that came as typing (a paste into a terminal without bracketed paste, a file piped in)
   * took time growing with the square of its length: minutes for a few hundred kilobytes. Only keys
   * that come together are checked so ({@link #nextKeyWaiting}).
   */
  @Override
  public boolean redisplay() {
    if (!reading || Thread.currentThread() != readingThread) {
      return super.redisplay(); // a line printed above the prompt, not a key handled
    }
    try {
      boolean together = !replaying && System.nanoTime() - lastKeyDone < TOGETHER_NANOS;
      if (together && nextKeyWaiting()) {
        return true;
      }
      return super.redisplay();
    } finally {
      lastKeyDone = System.nanoTime();
    }
  }

  /**
   * Hands {@code macro} (at most one line) to the keys of the line read next, as if typed; they are
   * drawn as they are handled, since the terminal is not asked whether more are coming: they are
   * not in its input, and asking costs up to a tenth of a second on a terminal where none is (JLine
   * waits for input in steps of that), so forty lines typed ahead took forty seconds to run.
   */
  @Override
  public void runMacro(String macro) {
    replaying = true;
    super.runMacro(macro);
  }

  /**
   * Reads the keys up to {@code sequence} (the end of a bracketed paste), as JLine does, but takes
   * each key once. JLine's own read copies the keys handed over by {@link #runMacro} without taking
   * them, so a paste typed while a command ran was read twice: {@code one}, {@code two} pasted sent
   * {@code one\ntwoone}, then {@code two} and the paste's end marker as a line of its own.
   */
  @Override
  protected String doReadStringUntil(String sequence) {
    boolean locked = lock.isHeldByCurrentThread();
    if (locked) {
      lock.unlock(); // as JLine does: a line printed above the prompt meanwhile is not held up
    }
    try {
      StringBuilder read = new StringBuilder();
      while (!endsWith(read, sequence)) {
        int c = bindingReader.readCharacter();
        if (c < 0) {
          throw new EndOfFileException();
        }
        read.appendCodePoint(c);
      }
      return read.substring(0, read.length() - sequence.length());
    } finally {
      if (locked) {
        lock.lock();
      }
    }
  }

  private static boolean endsWith(StringBuilder text, String end) {
    int from = text.length() - end.length();
    return from >= 0 && text.indexOf(end, from) == from;
  }

  /**
   * Whether the next key is already waiting at the terminal. Asked only while keys come together:
   * where none is waiting, the terminal answers only after up to a tenth of a second, which a key
   * typed alone would wait before it shows.
   */
  private boolean nextKeyWaiting() {
    keyChecks.incrementAndGet();
    try {
      return terminal.reader().peek(NEXT_KEY_MILLIS) >= 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether {@code e}, thrown by a read, is Ctrl-C in another form: its signal interrupted JLine as
   * it put the terminal's settings back ({@code stty}), after JLine's own Ctrl-C handling. Clears
   * the thread's interrupt if so.
   */
  static boolean ctrlC(IOError e) {
    if (!(e.getCause() instanceof InterruptedIOException)) {
      return false;
    }
    Thread.interrupted();
    return true;
  }

  /** How often a redraw asked the terminal whether the next key was there, for tests. */
  int keyChecks() {
    return keyChecks.get();
  }

  private boolean inputWaiting() {
    try {
      return terminal.reader().peek(TYPED_AHEAD_MILLIS) >= 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Ends a line read. JLine draws the line once more as it ends it: on a dumb terminal that echoes
   * the typing, whose line JLine sees only at Enter, that printed the whole typed line a second
   * time, below the one the terminal showed. There, a line accepted with Enter ends with nothing
   * printed (the terminal has moved to the next row), unless a printed line split what was typed,
   * or the line was typed ahead (the terminal showed it before the prompt): then the whole line is
   * shown once more, after the prompt. A read ended otherwise (Ctrl-C, Ctrl-D) and a masked read
   * end as in JLine, with a line break.
   */
  @Override
  protected void cleanup() {
    boolean wasSplit = split || typedAhead;
    split = false;
    if (typingEchoed && state == State.DONE && maskingCallback == null && !wasSplit) {
      buf.cursor(buf.length());
      post = null;
      history.moveToEnd();
      terminal.flush();
      return;
    }
    super.cleanup();
  }

  /**
   * Reads a secret on a dumb terminal whose echo the caller has turned off: prints {@code prompt},
   * reads to the end of the line and ends it (the terminal does not). JLine's masked prompt is not
   * used there: on a dumb terminal it rewrites the prompt and 51 spaces from a thread every few
   * milliseconds, and where they do not fit in one row (most passphrase prompts in 80 columns) the
   * screen filled with copies of the prompt. The array returned is the caller's to zero.
   *
   * @throws EndOfFileException if the input ends before a line
   * @throws UserInterruptException on Ctrl-C
   * @throws IOError if the terminal cannot be read
   */
  char[] readHidden(String prompt) {
    terminal.writer().print(prompt);
    terminal.flush();
    Thread reading = Thread.currentThread();
    Terminal.SignalHandler previous =
        terminal.handle(Terminal.Signal.INT, signal -> reading.interrupt());
    char[] typed = new char[64];
    int length = 0;
    try {
      for (int c = nextCharacter(); c != '\n'; c = nextCharacter()) {
        if (c < 0) {
          if (length == 0) {
            throw new EndOfFileException();
          }
          break;
        }
        if (length == typed.length) {
          char[] longer = Arrays.copyOf(typed, length * 2);
          Arrays.fill(typed, '\0');
          typed = longer;
        }
        if (c != '\r') {
          typed[length++] = (char) c;
        }
      }
      return Arrays.copyOf(typed, length);
    } catch (InterruptedIOException e) {
      throw new UserInterruptException("");
    } catch (IOException e) {
      throw new IOError(e);
    } finally {
      Arrays.fill(typed, '\0');
      terminal.handle(Terminal.Signal.INT, previous);
      Thread.interrupted(); // a Ctrl-C that came after the line was read
      terminal.writer().println();
      terminal.flush();
    }
  }

  /** The next character typed, or -1 at the end of the input; waits in steps Ctrl-C can end. */
  private int nextCharacter() throws IOException {
    int c;
    do {
      if (Thread.interrupted()) {
        throw new InterruptedIOException("interrupted");
      }
      c = terminal.reader().read(POLL_MILLIS);
    } while (c == NonBlockingReader.READ_EXPIRED);
    return c;
  }

  @Override
  public void printAbove(String text) {
    if (!dumb) {
      super.printAbove(text);
      return;
    }
    lock.lock();
    try {
      boolean prompting = reading;
      if (prompting) {
        terminal.writer().println(); // leave the prompt and what was typed after it as they are
        split = true;
      }
      terminal.writer().print(text);
      if (!text.endsWith("\n")) {
        terminal.writer().println();
      }
      if (prompting) {
        redrawLine(); // the prompt is drawn anew, from the start of the line below the text
        redisplay(false);
      }
      terminal.flush();
    } finally {
      lock.unlock();
    }
  }
}
