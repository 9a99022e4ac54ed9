package chat.cli.line;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

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
    try {
      terminal =
          TerminalBuilder.builder()
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
