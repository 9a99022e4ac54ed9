package chat.cli.tui;

import chat.cli.CommandException;
import chat.cli.client.FakeChatClient;
import chat.cli.command.CommandContext;
import chat.cli.command.InputCompleter;
import chat.cli.command.InputDispatcher;
import chat.cli.command.MessageFormatter;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * A {@link ChatTui} on a {@link DefaultVirtualTerminal} with a {@link FakeChatClient}, a recording
 * dispatcher and a scripted completer, for tests that type keys and read the screen. By default
 * every line runs inside {@link #drain}, so tests need no waiting.
 */
final class TuiHarness {
  /** 2026-03-14 09:30:00 UTC: the clock and the formatter's zone are both UTC. */
  static final Instant NOW = Messages.NOW;

  final FakeChatClient client = new FakeChatClient();
  final DefaultVirtualTerminal terminal;

  /** How often the terminal's bell rang. */
  final AtomicInteger bells = new AtomicInteger();

  final List<String> dispatched = new CopyOnWriteArrayList<>();
  final List<String> completions = new ArrayList<>();
  final ChatTui tui;
  volatile BiConsumer<String, CommandContext> onLine = (line, context) -> {};

  TuiHarness(int columns, int rows) {
    this(columns, rows, Runnable::run);
  }

  TuiHarness(int columns, int rows, Executor commands) {
    this(columns, rows, commands, Runnable::run);
  }

  TuiHarness(int columns, int rows, Executor commands, Executor background) {
    terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
    terminal.addVirtualTerminalListener(
        new VirtualTerminalListener() {
          @Override
          public void onFlush() {}

          @Override
          public void onBell() {
            bells.incrementAndGet();
          }

          @Override
          public void onClose() {}

          @Override
          public void onResized(Terminal resized, TerminalSize size) {}
        });
    InputDispatcher dispatcher =
        new InputDispatcher() {
          @Override
          public void dispatch(String line, CommandContext context) {
            try { // as the interface says: failures shown through the context
              dispatchOrThrow(line, context);
            } catch (CommandException e) {
              context.error(e.getMessage());
            }
          }

          @Override
          public void dispatchOrThrow(String line, CommandContext context) {
            dispatched.add(line);
            onLine.accept(line, context);
          }
        };
    InputCompleter completer = (line, cursor) -> List.copyOf(completions);
    tui =
        new ChatTui(
            client,
            dispatcher,
            completer,
            new MessageFormatter(ZoneOffset.UTC),
            terminal,
            clock,
            commands,
            background);
  }

  /** The TUI's clock: {@link #NOW} until a test moves it on ({@link #later}). */
  private final AtomicLong nowMillis = new AtomicLong(NOW.toEpochMilli());

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          throw new UnsupportedOperationException("the harness's clock is UTC");
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(nowMillis.get());
        }
      };

  /** Moves the TUI's clock on by {@code millis}. */
  TuiHarness later(long millis) {
    nowMillis.addAndGet(millis);
    return this;
  }

  /** Starts the TUI and draws the first frame. */
  TuiHarness start() {
    try {
      tui.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Starts the TUI with {@code startup} lines queued, as {@code chat --user NAME} does. */
  TuiHarness start(List<String> startup) {
    try {
      tui.start(startup);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Logs the fake client in as {@code username} and lets the TUI catch up. */
  TuiHarness loggedInAs(String username) {
    client.login(username, "pw".toCharArray(), "pp".toCharArray());
    return drain();
  }

  TuiHarness drain() {
    try {
      tui.drain();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  TuiHarness type(String text) {
    text.chars().forEach(c -> terminal.addInput(new KeyStroke((char) c, false, false)));
    return drain();
  }

  /** Pastes {@code text} as a terminal in bracketed paste mode sends it (line breaks as Enter). */
  TuiHarness paste(String text) {
    terminal.addInput(BracketedPaste.START);
    text.chars()
        .forEach(
            c ->
                terminal.addInput(
                    c == '\n'
                        ? new KeyStroke(KeyType.Enter)
                        : new KeyStroke((char) c, false, false)));
    terminal.addInput(BracketedPaste.END);
    return drain();
  }

  TuiHarness press(KeyType key) {
    terminal.addInput(new KeyStroke(key));
    return drain();
  }

  TuiHarness alt(char c) {
    terminal.addInput(new KeyStroke(c, false, true));
    return drain();
  }

  TuiHarness ctrl(char c) {
    terminal.addInput(new KeyStroke(c, true, false));
    return drain();
  }

  void resize(int columns, int rows) {
    terminal.setTerminalSize(new TerminalSize(columns, rows));
    drain();
  }

  /**
   * Row {@code row} of the visible screen as text (the padding cell after a wide glyph skipped).
   */
  String row(int row) {
    StringBuilder text = new StringBuilder();
    int columns = terminal.getTerminalSize().getColumns();
    for (int column = 0; column < columns; column++) {
      TextCharacter cell = terminal.getCharacter(column, row);
      text.append(cell.getCharacterString());
      if (cell.isDoubleWidth()) {
        column++;
      }
    }
    return text.toString();
  }

  /** The whole visible screen, one line per row. */
  String screen() {
    List<String> rows = new ArrayList<>();
    for (int row = 0; row < terminal.getTerminalSize().getRows(); row++) {
      rows.add(row(row));
    }
    return String.join("\n", rows);
  }

  /** The cell at a position. */
  TextCharacter cell(int column, int row) {
    return terminal.getCharacter(column, row);
  }

  int rows() {
    return terminal.getTerminalSize().getRows();
  }

  /** The input line (bottom row). */
  String inputRow() {
    return row(rows() - 1);
  }

  /** The status bar (row above the input line). */
  String statusRow() {
    return row(rows() - 2);
  }
}
