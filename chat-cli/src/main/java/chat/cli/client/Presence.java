package chat.cli.client;

import java.util.Objects;

/**
 * Whether a user is online, away (with an optional message they set) or offline, as the relay last
 * reported it. The message came from the network: display it through {@link chat.cli.TerminalSafe}.
 *
 * @param status online, away or offline
 * @param message the away message, empty when there is none (always empty unless away)
 */
public record Presence(Status status, String message) {
  /** Online, without a message. */
  public static final Presence ONLINE = new Presence(Status.ONLINE, "");

  /** Offline. */
  public static final Presence OFFLINE = new Presence(Status.OFFLINE, "");

  /** The three states. */
  public enum Status {
    /** Connected. */
    ONLINE,
    /** Connected, but said they are away. */
    AWAY,
    /** Not connected. */
    OFFLINE
  }

  /** Checks the fields: a message only when away. */
  public Presence {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    if (status != Status.AWAY && !message.isEmpty()) {
      throw new IllegalArgumentException("only away has a message");
    }
  }

  /** Away with {@code message} (empty for none). */
  public static Presence away(String message) {
    return new Presence(Status.AWAY, message == null ? "" : message);
  }

  /** Online or offline by a plain flag. */
  public static Presence of(boolean online) {
    return online ? ONLINE : OFFLINE;
  }

  /** Whether the user is connected (online or away). */
  public boolean isOnline() {
    return status != Status.OFFLINE;
  }
}
