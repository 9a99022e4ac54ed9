package chat.cli.command;

import chat.cli.client.Posted;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides where a stream of printed messages needs a date line: before the first message with a
 * time and whenever the local day changes from the message printed before it ({@code --- Saturday
 * 14 March 2026 ---}). The line mode, {@code chat history}, {@code chat listen} and {@code chat
 * run} print through one of these; the TUI draws its own between messages. Thread-safe.
 */
public final class DaySeparators {
  private final MessageFormatter formatter;
  private LocalDate last;

  /** Separators in the days of {@code formatter}'s time zone. */
  public DaySeparators(MessageFormatter formatter) {
    this.formatter = Objects.requireNonNull(formatter, "formatter");
  }

  /**
   * The separator to print before {@code message} (a text message or a file offer), if its day
   * differs from the last message's (or it is the first); empty for a message without a time.
   */
  public synchronized Optional<String> before(Posted message) {
    long shown = formatter.shownTime(message);
    if (shown <= 0) {
      return Optional.empty();
    }
    LocalDate day = formatter.day(shown);
    if (day.equals(last)) {
      return Optional.empty();
    }
    last = day;
    return Optional.of(formatter.daySeparator(day));
  }
}
