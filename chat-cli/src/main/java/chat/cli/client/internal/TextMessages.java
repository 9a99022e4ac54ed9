package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;

/** Text messages, replies, edits and reactions of a {@link RelayChatClient}. */
final class TextMessages {
  private final SessionManager sessions;
  private final EnvelopeSender textSender;

  TextMessages(SessionManager sessions, EnvelopeSender textSender) {
    this.sessions = sessions;
    this.textSender = textSender;
  }

  /** Sends {@code emoji} as a reaction to the message {@code named} ({@link ChatClient#react}). */
  ChatMessage react(String conversation, String emoji, String named) {
    String reactsTo = ChatClient.messageId(named);
    ChatClient.requireReaction(emoji); // one emoji of the list also keeps the receivers' rule
    if (sessions
        .requireLocal()
        .inbox
        .quotes
        .reactedAlready(RelayChatClient.conversationId(conversation), reactsTo, emoji)) {
      throw new CommandException.Usage("you reacted " + emoji + " to that message already");
    }
    return sendContent(conversation, emoji, false, Content.Text.reaction(emoji, reactsTo));
  }

  /**
   * Sends {@code text}, a reply to {@code namedReply} or an edit of {@code namedEdit} (either null,
   * not both) ({@link ChatClient#send}, {@link ChatClient#edit}).
   */
  ChatMessage send(
      String conversation, String text, boolean action, String namedReply, String namedEdit) {
    if (namedReply != null && namedEdit != null) {
      throw new CommandException.Usage("an edit cannot also be a reply");
    }
    String replyTo = ChatClient.messageId(namedReply);
    String edits = ChatClient.messageId(namedEdit);
    Content.Text content;
    try {
      content = new Content.Text(text, action, replyTo, edits);
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage("message too long: " + e.getMessage());
    }
    return sendContent(conversation, text, action, content);
  }

  private ChatMessage sendContent(
      String conversation, String text, boolean action, Content.Text content) {
    if (chat.cli.TerminalSafe.showsNothing(text)) {
      // Only spaces, joiners or characters the recipients' terminals drop: an empty line.
      throw new CommandException.Usage(ChatClient.NOTHING_TO_SEND);
    }
    Session session = sessions.require();
    String id = RelayChatClient.conversationId(conversation);
    byte[] plaintext = Content.encode(content);
    EnvelopeSender.Sent sent =
        ConversationNaming.naming(
            sessions,
            id,
            () ->
                textSender.send(
                    new TransferLink(
                        sessions,
                        session,
                        sessions.options().live(),
                        RelayChatClient.TEXT_PATIENCE),
                    id,
                    plaintext));
    return session.inbox.quotes.sent(
        new ChatMessage(
            id,
            sent.seq(),
            sent.messageId(),
            session.username(),
            sent.sentAtMillis(),
            sent.storedAtMillis(),
            text,
            true,
            action),
        content);
  }
}
