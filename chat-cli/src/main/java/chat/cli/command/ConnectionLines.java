package chat.cli.command;

import chat.cli.TerminalSafe;
import chat.cli.client.ConnectionState;
import java.util.Optional;

/**
 * What the line mode and the TUI say in the conversation when the relay connection is lost and
 * comes back, the same in both: one line when it is lost, one when it is back, and while it stays
 * down a reminder after the 8th failed attempt, the 16th, the 32nd and so on (with the client's
 * backoff, about 1.5, 5.5 and 13.5 minutes into the outage, then doubling), instead of a line for
 * every attempt. Changes it does not speak of ({@link ConnectionState#ONLINE} at log-in, {@link
 * ConnectionState#OFFLINE}) are left to the front end. Not thread-safe: call it from one thread.
 */
public final class ConnectionLines {
  /** The first failed attempt that is reminded of; then every doubling. */
  static final int FIRST_REMINDER = 8;

  private static final String RECONNECTING = "; reconnecting";

  private boolean down;
  private int failedAttempts;

  /**
   * The line to show for {@code state} with {@code detail} (from the client), talking to {@code
   * server}; empty when nothing is to be said. Remote text in {@code detail} is cleaned.
   */
  public Optional<String> line(ConnectionState state, String detail, String server) {
    String clean = TerminalSafe.line(detail == null ? "" : detail).strip();
    switch (state) {
      case RECONNECTING:
        if (!down) {
          down = true;
          failedAttempts = 0;
          // The client's detail ends "; reconnecting", which the line already says.
          String lost =
              clean.endsWith(RECONNECTING)
                  ? clean.substring(0, clean.length() - RECONNECTING.length())
                  : clean;
          return Optional.of("connection lost, reconnecting" + reason(lost.strip()));
        }
        failedAttempts++;
        if (failedAttempts >= FIRST_REMINDER && Integer.bitCount(failedAttempts) == 1) {
          // the detail has brackets of its own ("...; retrying (attempt 8)")
          return Optional.of("still reconnecting" + (clean.isEmpty() ? "" : ": " + clean));
        }
        return Optional.empty();
      case ONLINE:
        if (down) {
          down = false;
          return Optional.of("reconnected to " + TerminalSafe.line(server));
        }
        return Optional.empty();
      default:
        down = false;
        return Optional.empty();
    }
  }

  /** {@code " (detail)"}; empty for an empty detail. */
  private static String reason(String detail) {
    return detail.isEmpty() ? "" : " (" + detail + ")";
  }

  /** Whether the connection is lost and being brought back. */
  public boolean reconnecting() {
    return down;
  }
}
