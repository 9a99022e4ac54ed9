package chat.cli.client;

import chat.protocol.Usernames;
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
 * @param reply the message this one answers, or corrects ({@link Reply#edit}), as this client knows
 *     it; null if it is neither a reply nor an edit
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
    boolean action,
    Reply reply)
    implements Posted {
  /**
   * The message a reply answers, as this client holds it: the sender named there is the one its
   * signed header names, and the excerpt is that message's own text, never words the replier wrote.
   * Remote text: shown through {@link chat.cli.TerminalSafe}.
   *
   * @param messageId the id the reply names, 32 hex digits
   * @param sender the answered message's sender; empty if this client does not hold that message
   *     (sent before what it has seen, or never delivered to it)
   * @param excerpt the start of the answered message's text (a file offer's: the file name), on one
   *     line (at most {@link #EXCERPT_GLYPHS} glyphs); empty if the message is not held, was
   *     deleted, or is not to be quoted (its sender is ignored)
   * @param kind what the answered message is; {@link Kind#TEXT} when not held
   * @param deleted whether the answered message was deleted since
   * @param relation what this message is to that one: a reply to it, an edit of it (a new version,
   *     by the same sender), or a reaction to it. An edit names a message it is not allowed to
   *     correct (of another sender, a file offer) as one not held: {@link #editBy}
   */
  public record Reply(
      String messageId,
      String sender,
      String excerpt,
      Kind kind,
      boolean deleted,
      Relation relation) {
    /** The most glyphs of the answered message a reply keeps. */
    public static final int EXCERPT_GLYPHS = 40;

    /** What an answered message is. */
    public enum Kind {
      /** A text message. */
      TEXT,
      /** An action ({@code /me waves}). */
      ACTION,
      /** A file offer. */
      FILE
    }

    /** What a message is to the one it names. */
    public enum Relation {
      /** A reply: it answers that message. */
      REPLY,
      /** An edit: a new version of that message, by its sender. */
      EDIT,
      /** A reaction: one emoji on that message ({@code /react}). */
      REACTION
    }

    /** Checks for nulls. */
    public Reply {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(excerpt, "excerpt");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(relation, "relation");
    }

    /** A reply (not an edit). */
    public Reply(String messageId, String sender, String excerpt, Kind kind, boolean deleted) {
      this(messageId, sender, excerpt, kind, deleted, Relation.REPLY);
    }

    /** Whether this message is an edit of the one named. */
    public boolean edit() {
      return relation == Relation.EDIT;
    }

    /** Whether this message is a reaction to the one named. */
    public boolean reaction() {
      return relation == Relation.REACTION;
    }

    /** This held message (or one not held) as the one a reaction names. */
    public Reply reacted() {
      return new Reply(messageId, sender, excerpt, kind, deleted, Relation.REACTION);
    }

    /** A reply to a message this client does not hold. */
    public static Reply unknown(String messageId) {
      return new Reply(messageId, "", "", Kind.TEXT, false);
    }

    /**
     * This held message as the one an edit by {@code editor} corrects: as it is if it is a text
     * message or an action of {@code editor}'s, else as a message not held (an edit never shows as
     * correcting another sender's message or a file offer, nor as correcting a deleted message
     * whose sender this client does not know).
     */
    public Reply editBy(String editor) {
      boolean theirs =
          known() && kind != Kind.FILE && Usernames.key(sender).equals(Usernames.key(editor));
      return theirs
          ? new Reply(messageId, sender, excerpt, kind, deleted, Relation.EDIT)
          : new Reply(messageId, "", "", Kind.TEXT, false, Relation.EDIT);
    }

    /** Whether this client holds (or held, before its deletion) the answered message. */
    public boolean known() {
      return !sender.isEmpty();
    }

    /** This reply naming its sender only, not quoting the text (a user ignored wrote it). */
    public Reply unquoted() {
      return new Reply(messageId, sender, "", kind, deleted, relation);
    }

    /** This reply once the answered message is deleted: its text is gone. */
    public Reply toDeleted() {
      return new Reply(messageId, sender, "", kind, true, relation);
    }
  }

  /** Checks for nulls. */
  public ChatMessage {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(text, "text");
  }

  /** A message that is no reply. */
  public ChatMessage(
      String conversation,
      long seq,
      String messageId,
      String sender,
      long sentAtMillis,
      long storedAtMillis,
      String text,
      boolean own,
      boolean action) {
    this(
        conversation,
        seq,
        messageId,
        sender,
        sentAtMillis,
        storedAtMillis,
        text,
        own,
        action,
        null);
  }

  /** This message as a reply to {@code answered} (null: no reply). */
  public ChatMessage withReply(Reply answered) {
    return new ChatMessage(
        conversation,
        seq,
        messageId,
        sender,
        sentAtMillis,
        storedAtMillis,
        text,
        own,
        action,
        answered);
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
   * Whether this message, from someone else, names {@code username} as a word (case-insensitive) or
   * answers a message of theirs: front ends make it stand out and count it as loudly as a private
   * message.
   */
  public boolean mentions(String username) {
    if (own || username == null || username.isEmpty()) {
      return false;
    }
    if (reply != null
        && reply.relation() == Reply.Relation.REPLY
        && reply.sender().equalsIgnoreCase(username)) {
      return true;
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
