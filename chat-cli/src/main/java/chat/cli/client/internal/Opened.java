package chat.cli.client.internal;

import chat.cli.client.ChatMessage;
import chat.crypto.EnvelopeHeader;
import chat.crypto.IdentityKeyPair;
import chat.crypto.OpenedMessage;
import chat.protocol.StoredMessage;
import chat.protocol.Usernames;

/**
 * What an envelope opened to ({@link Inbox}): the message as a text line would show it, and its
 * content.
 */
record Opened(ChatMessage message, Content content) {
  /**
   * What {@code opened}, the opened envelope of {@code stored}, shows, before a reply is given the
   * message it answers (see {@link Inbox}).
   *
   * @throws CommandException if its content is not one this client can read
   */
  static Opened of(
      String conversation, StoredMessage stored, IdentityKeyPair self, OpenedMessage opened) {
    EnvelopeHeader header = opened.header();
    String sender = header.senderId();
    Content content = Content.decode(opened.plaintext());
    String text = content instanceof Content.Text t ? t.text() : "";
    boolean action = content instanceof Content.Text t && t.describesAction();
    return new Opened(
        new ChatMessage(
            conversation,
            stored.seq(),
            header.messageIdHex(),
            sender,
            header.timestampMillis(),
            stored.storedAtMillis(),
            text,
            Usernames.key(sender).equals(Usernames.key(self.userId())),
            action),
        content);
  }
}
