package chat.cli.client;

/**
 * Receives what the client learns from the relay. Called on the client's event thread, one call at
 * a time and in arrival order; implementations hand work to their own UI thread and return quickly.
 * Every string came from the network: display it through {@link chat.cli.TerminalSafe}.
 */
public interface ClientListener {
  /** A message opened, verified and not seen before (each message id is reported once). */
  default void onMessage(ChatMessage message) {}

  /** Someone joined ({@code joined}) or left a conversation this user is in. */
  default void onMembership(String conversation, String username, boolean joined) {}

  /** A contact came online or went offline. */
  default void onPresence(String username, boolean online) {}

  /** A contact's key changed ({@link TrustState#CHANGED}) or its trust state was updated. */
  default void onTrustChange(String username, TrustState state) {}

  /** The connection state changed; {@code detail} is a short human explanation. */
  default void onConnection(ConnectionState state, String detail) {}

  /**
   * Something the person should see that is not a message: a gap in sequence numbers, an envelope
   * that failed to open, a recipient-set mismatch. {@code conversation} is empty for global
   * notices.
   */
  default void onNotice(String conversation, String text) {}

  /**
   * Someone offered a file in a conversation this user is in (or this user did, from another
   * device). Shown once per file id; {@link ChatClient#acceptFile} downloads it.
   */
  default void onFileOffer(FileOffer offer) {}

  /** A file transfer made progress or changed state (at most a few times a second). */
  default void onFileTransfer(FileTransfer transfer) {}
}
