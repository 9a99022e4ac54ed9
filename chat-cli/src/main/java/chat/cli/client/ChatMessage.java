package chat.cli.client;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A message that opened and verified: where it was posted, its relay sequence number, who sent it
 * and when. Text and names came from the network: front ends pass them through {@link
 * chat.cli.TerminalSafe} before they reach a terminal.
 *
 * @param conversation {@code #room} or {@code @a+b}
 * @param seq the relay's per-conversation sequence number
 * @param messageId the envelope's message id, 32 hex digits
 * @param sender the verified sender's username
 * @param sentAtMillis the sender's clock, from the signed header
 * @param storedAtMillis the relay's clock when it stored the envelope
 * @param text the message text
 * @param own whether this client's user sent it
 * @param action whether it is an action ({@code /me waves}), shown as the sender doing the text
 */
public record ChatMessage(
    String conversation,
    long seq,
    String messageId,
    String sender,
    long sentAtMillis,
    long storedAtMillis,
    String text,
    boolean own,
    boolean action)
    implements Posted {
  /** Checks for nulls. */
  public ChatMessage {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(text, "text");
  }

  /** A message that is not an action. */
  public ChatMessage(
      String conversation,
      long seq,
      String messageId,
      String sender,
      long sentAtMillis,
      long storedAtMillis,
      String text,
      boolean own) {
    this(conversation, seq, messageId, sender, sentAtMillis, storedAtMillis, text, own, false);
  }

  /** Whether this is a private (direct) conversation. */
  @Override
  public boolean isDirect() {
    return conversation.startsWith("@");
  }

  /**
   * Whether this message, from someone else, names {@code username} as a word (case-insensitive):
   * front ends make it stand out and count it as loudly as a private message.
   */
  public boolean mentions(String username) {
    if (own || username == null || username.isEmpty()) {
      return false;
    }
    Pattern name =
        Pattern.compile(
            "(?<![\\p{L}\\p{N}_])" + Pattern.quote(username) + "(?![\\p{L}\\p{N}_])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    return name.matcher(text).find();
  }

  @Override
  public String toString() {
    return "ChatMessage[" + conversation + "#" + seq + " from " + sender + "]";
  }
}
