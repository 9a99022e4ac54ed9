package chat.cli.line;

import java.util.Objects;
import org.jline.terminal.Terminal;
import org.jline.utils.Signals;

/**
 * Passes the process's interrupt signal (Ctrl-C) on to a terminal as {@link Terminal.Signal#INT},
 * for JLine's dumb terminal on the real terminal ({@code TERM=dumb}): JLine hands signals to its
 * other system terminals itself, but not to that one, so Ctrl-C ended the process at once, without
 * closing the client. With the relay, line mode treats Ctrl-C there as on any terminal. Closing it
 * puts the previous handler back.
 */
public final class InterruptRelay implements AutoCloseable {
  private static final String INTERRUPT = "INT";

  private final Object previous;

  private InterruptRelay(Object previous) {
    this.previous = previous;
  }

  /** Relays the interrupt signal to {@code terminal} until closed. */
  public static InterruptRelay to(Terminal terminal) {
    Objects.requireNonNull(terminal, "terminal");
    return new InterruptRelay(
        Signals.register(INTERRUPT, () -> terminal.raise(Terminal.Signal.INT)));
  }

  @Override
  public void close() {
    Signals.unregister(INTERRUPT, previous);
  }
}
