package chat.cli.client;

/**
 * Something posted in a conversation, one envelope of it: a text message or a file offer. A page of
 * history lists both, in the order the relay stored them, and both count as messages of their
 * conversation.
 */
public sealed interface Posted permits ChatMessage, FileOffer {
  /** {@code #room} or {@code @a+b}. */
  String conversation();

  /**
   * The relay's per-conversation sequence number of the envelope; 0 for an own message sent again
   * after its answer was lost, which a relay older than this client only said it had stored.
   */
  long seq();

  /** The envelope's message id, 32 hex digits. */
  String messageId();

  /** The verified sender's username. */
  String sender();

  /** The sender's clock, from the signed header. */
  long sentAtMillis();

  /** The relay's clock when it stored the envelope. */
  long storedAtMillis();

  /** Whether this client's user sent it. */
  boolean own();

  /** Whether this is a private (direct) conversation. */
  boolean isDirect();
}
