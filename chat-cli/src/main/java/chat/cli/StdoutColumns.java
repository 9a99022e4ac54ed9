package chat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.jline.utils.Signals;

/**
 * How many columns wide the terminal that standard output writes to is, as {@code stty size} says
 * of it; 0 where that is not known (not a terminal, no {@code stty}, not Linux: the terminal is
 * found under {@code /proc/self/fd}). {@link #following} asks again after the terminal is resized.
 */
final class StdoutColumns {
  private static final long TIMEOUT_SECONDS = 2;

  /** The signal a terminal sends its foreground processes when its size changed. */
  private static final String WINDOW_CHANGED = "WINCH";

  private StdoutColumns() {}

  /**
   * The columns of standard output's terminal from now on: asked at the first line, then again at
   * the first line after each {@code SIGWINCH} (the terminal resized), so that {@code chat listen}
   * follows its window. A {@code stty} runs only then, never for a line printed at the same size.
   */
  static Following following() {
    Following columns = new Following(StdoutColumns::query);
    Signals.register(WINDOW_CHANGED, columns::resized);
    return columns;
  }

  /** A width asked of {@code query} at first and again after each {@link #resized}. */
  static final class Following {
    private final IntSupplier query;
    private volatile boolean resized = true;
    private int columns;

    Following(IntSupplier query) {
      this.query = query;
    }

    /** The terminal's size changed; the next {@link #columns} asks again. Any thread. */
    void resized() {
      resized = true;
    }

    /** Whether the terminal was resized since the width was last asked. */
    boolean pendingResize() {
      return resized;
    }

    /** The columns, asked again if the terminal was resized since last asked. Any thread. */
    synchronized int columns() {
      if (resized) {
        resized = false;
        columns = query.getAsInt();
      }
      return columns;
    }
  }

  /** The columns of standard output's terminal, or 0. */
  static int query() {
    try {
      String device = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
      if (!device.startsWith("/dev/pts/") && !device.startsWith("/dev/tty")) {
        return 0;
      }
      Process stty =
          new ProcessBuilder(List.of("stty", "-F", device, "size"))
              .redirectInput(ProcessBuilder.Redirect.DISCARD.file())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try (InputStream answer = stty.getInputStream()) {
        if (!stty.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          stty.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
          return 0;
        }
        String size = new String(answer.readAllBytes(), StandardCharsets.US_ASCII);
        return stty.exitValue() == 0 ? columns(size) : 0;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** The columns in {@code stty size}'s answer ({@code "40 120"}: rows, then columns), or 0. */
  static int columns(String answer) {
    String[] fields = answer.strip().split("\\s+");
    if (fields.length != 2 || !fields[1].matches("[0-9]{1,5}")) {
      return 0;
    }
    return Integer.parseInt(fields[1]);
  }
}
