package chat.cli.client;

/** Where the client stands with the relay; the status bar shows it. */
public enum ConnectionState {
  /** Not connected and not trying (never connected, logged out, or closed). */
  OFFLINE,
  /** Opening the TLS connection, saying hello and resuming the session. */
  CONNECTING,
  /** Connected and logged in: sends go out, events come in. */
  ONLINE,
  /** The connection dropped; retrying with backoff, then catching up from the cursors. */
  RECONNECTING;

  /**
   * How the reason for {@link #RECONNECTING} begins when the relay said it was shutting down (to
   * restart, most likely): everyone connected to it reconnects too.
   */
  public static final String RELAY_SHUTTING_DOWN = "the relay is shutting down";
}
