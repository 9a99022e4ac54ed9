package chat.cli.client;

import java.util.Objects;

/**
 * A file someone offered in a conversation: a verified envelope whose end-to-end content names an
 * encrypted upload on the relay. Names came from the network: front ends pass them through {@link
 * chat.cli.TerminalSafe}; the file is saved under a sanitized name, never this one as is.
 *
 * @param conversation {@code #room} or {@code @a+b}
 * @param seq the relay's sequence number of the offer's envelope
 * @param messageId the envelope's message id, 32 hex digits
 * @param sender the verified sender's username
 * @param sentAtMillis the sender's clock, from the signed header
 * @param storedAtMillis the relay's clock when it stored the envelope
 * @param fileId the upload's id on the relay, 32 hex digits
 * @param name the file name as the sender gave it
 * @param size the plaintext size in bytes
 * @param expiresAtMillis when the relay said it would delete the upload (the sender's report)
 * @param own whether this client's user sent it
 */
public record FileOffer(
    String conversation,
    long seq,
    String messageId,
    String sender,
    long sentAtMillis,
    long storedAtMillis,
    String fileId,
    String name,
    long size,
    long expiresAtMillis,
    boolean own)
    implements Posted {
  /** Checks for nulls and ranges. */
  public FileOffer {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(name, "name");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
  }

  /** The first 8 hex digits of the file id, which {@code /file accept} takes as well. */
  public String shortId() {
    return fileId.substring(0, Math.min(8, fileId.length()));
  }

  /** Whether this is a private (direct) conversation. */
  @Override
  public boolean isDirect() {
    return conversation.startsWith("@");
  }
}
