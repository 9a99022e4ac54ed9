package chat.bench.load;

/**
 * A workload or option the generator cannot run, found before anything starts: {@code loadgen}
 * prints its message on one line and exits 2.
 */
public final class BadWorkload extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A bad workload, described by {@code message}. */
  public BadWorkload(String message) {
    super(message);
  }
}
