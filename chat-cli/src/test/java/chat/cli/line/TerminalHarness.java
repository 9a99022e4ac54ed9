package chat.cli.line;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

/**
 * A JLine terminal over byte streams for line-mode tests: typed input goes into a blocking queue
 * (so a test can type while the REPL runs), output collects in memory.
 */
final class TerminalHarness implements AutoCloseable {
  private static final int EOF = -1;

  private final LinkedBlockingQueue<Integer> input = new LinkedBlockingQueue<>();
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  final Terminal terminal;

  /** A terminal of {@code type}, e.g. {@code dumb} or {@code xterm-256color}. */
  TerminalHarness(String type) {
    this(false, type);
  }

  private TerminalHarness(boolean cooked, String type) {
    try {
      terminal =
          cooked
              ? new DumbTerminal(
                  "test", Terminal.TYPE_DUMB, new QueueInput(), output, StandardCharsets.UTF_8)
              : TerminalBuilder.builder()
                  .system(false)
                  .provider("exec") // an ExternalTerminal over the streams: no pseudo-terminal
                  .streams(new QueueInput(), output)
                  .type(type)
                  .encoding(StandardCharsets.UTF_8)
                  .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * JLine's dumb terminal, as with {@code TERM=dumb}: the real terminal stays in its cooked mode,
   * echoes and edits what is typed itself ({@link #echo}), and hands a line over only at Enter.
   */
  static TerminalHarness cookedDumb() {
    return new TerminalHarness(true, Terminal.TYPE_DUMB);
  }

  /** Shows {@code text} as a cooked terminal echoes keys typed and not yet handed over. */
  TerminalHarness echo(String text) {
    terminal.writer().flush();
    output.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /**
   * The rows a plain terminal shows for the output so far: a carriage return goes back to the start
   * of the row (later characters overwrite it), a newline starts the next row, and a bell shows
   * nothing. Rows are never wrapped.
   */
  List<String> screen() {
    List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
    int column = 0;
    for (char c : output().toCharArray()) {
      StringBuilder row = rows.get(rows.size() - 1);
      if (c == '\r') {
        column = 0;
      } else if (c == '\n') {
        rows.add(new StringBuilder());
        column = 0;
      } else if (c != '\u0007') {
        if (column < row.length()) {
          row.setCharAt(column, c);
        } else {
          row.append(c);
        }
        column++;
      }
    }
    return rows.stream().map(row -> row.toString().stripTrailing()).toList();
  }

  /** Types {@code text} (use {@code \n} for Enter). */
  TerminalHarness type(String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      input.add(b & 0xFF);
    }
    return this;
  }

  /** Ends the input, as Ctrl-D on an empty line or a closed pipe would. */
  TerminalHarness endInput() {
    input.add(EOF);
    return this;
  }

  /** Everything written to the terminal so far. */
  String output() {
    terminal.writer().flush();
    return output.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    endInput();
    terminal.close();
  }

  private final class QueueInput extends InputStream {
    private boolean ended;

    @Override
    public int read() throws IOException {
      if (ended) {
        return EOF;
      }
      try {
        int b = input.take();
        if (b == EOF) {
          ended = true;
        }
        return b;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException();
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      int first = read();
      if (first == EOF) {
        return EOF;
      }
      buffer[offset] = (byte) first;
      int count = 1;
      while (count < length && !input.isEmpty() && input.peek() != EOF) {
        buffer[offset + count++] = (byte) (int) input.poll();
      }
      return count;
    }

    @Override
    public int available() {
      return ended ? 0 : input.size();
    }
  }
}
