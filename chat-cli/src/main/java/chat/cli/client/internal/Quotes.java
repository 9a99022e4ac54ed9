package chat.cli.client.internal;

import chat.cli.Newest;
import chat.cli.TerminalSafe;
import chat.cli.client.ChatMessage;
import chat.cli.client.Posted;
import chat.cli.emoji.EmojiCatalog;
import chat.cli.emoji.Graphemes;
import chat.protocol.Usernames;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The text messages and file offers this client opened lately, each known by its conversation and
 * id, with the start of its text (an offer's file name): what a reply to one of them quotes ({@link
 * #answered}, given to a reply by {@link #replying}, {@link #sent} and {@link #requoted}), and
 * which message of a user {@code /reply} answers ({@link #newestFrom}). In memory only, at most
 * {@link #MAX} messages: past that, the lowest-numbered message of the conversation holding the
 * most goes first, so that a long history read after the live messages does not push out the
 * newest. A deleted message keeps its sender and loses its text. An id met under two numbers (a
 * relay serving one message id twice) is quoted as unknown. Thread-safe.
 */
final class Quotes {
  /** How many messages are remembered, over all conversations. */
  static final int MAX = 4096;

  /**
   * The most UTF-16 code units an excerpt keeps, whatever its glyphs: one glyph can carry thousands
   * of combining marks.
   */
  static final int MAX_EXCERPT_CHARS = 200;

  private record Key(String conversation, String messageId) {}

  private record Held(
      String messageId,
      String sender,
      String excerpt,
      ChatMessage.Reply.Kind kind,
      boolean deleted) {}

  /** Per conversation, its messages by sequence number. */
  private final Map<String, NavigableMap<Long, Held>> byConversation = new HashMap<>();

  /** The sequence number of each message remembered; {@link #AMBIGUOUS} for one met twice. */
  private final Map<Key, Long> seqs = new HashMap<>();

  private static final long AMBIGUOUS = -1;

  /** A reaction of this user's: the message it is on, and its emoji as reactions are counted. */
  private record Reaction(String conversation, String messageId, String emoji) {}

  /**
   * This user's reactions met lately (sent here, or opened from another device) by their own id, so
   * that the same one is not sent twice while it stands (not deleted): at most {@link #MAX}, the
   * oldest forgotten first.
   */
  private final Map<Key, Reaction> ownReactions = new Newest<>(MAX);

  /** The messages whose deletion was said, whether they were remembered before or after. */
  private final DeletedIds deletedIds;

  Quotes(DeletedIds deletedIds) {
    this.deletedIds = deletedIds;
  }

  /**
   * The start of {@code text} as a quote shows it: cleaned for the terminal, on one line, at most
   * {@link ChatMessage.Reply#EXCERPT_GLYPHS} glyphs and {@link #MAX_EXCERPT_CHARS} characters, with
   * {@code …} when cut (a string of its own: the message's text is not kept).
   */
  static String excerpt(String text) {
    String line = TerminalSafe.line(text.replace('\n', ' ')).strip();
    String cut = Graphemes.prefix(line, ChatMessage.Reply.EXCERPT_GLYPHS);
    if (cut.length() > MAX_EXCERPT_CHARS) {
      int end = MAX_EXCERPT_CHARS;
      if (Character.isHighSurrogate(cut.charAt(end - 1))) {
        end--; // not half a character
      }
      cut = cut.substring(0, end);
    }
    return cut.length() < line.length() ? cut + "…" : cut;
  }

  /** Remembers {@code message}, a text message or action shown (or listed) now. */
  void remember(ChatMessage message) {
    remember(
        message,
        message.action() ? ChatMessage.Reply.Kind.ACTION : ChatMessage.Reply.Kind.TEXT,
        message.text());
  }

  /** Remembers the message of a file offer shown (or listed) now, quoted by its file name. */
  void rememberOffer(ChatMessage message, String fileName) {
    remember(message, ChatMessage.Reply.Kind.FILE, fileName);
  }

  private synchronized void remember(
      ChatMessage message, ChatMessage.Reply.Kind kind, String text) {
    Key key = new Key(message.conversation(), message.messageId());
    if (message.seq() <= 0 || deletedIds.contains(key.conversation(), key.messageId())) {
      // A send whose number was lost has none to keep it by; a push that came after its deletion
      // was said is not remembered.
      return;
    }
    Long known = seqs.get(key);
    if (known != null) {
      if (known != message.seq() && known != AMBIGUOUS) {
        // One id under two numbers: a relay serving another message under it. Neither is quoted.
        byConversation.get(key.conversation()).remove(known);
        seqs.put(key, AMBIGUOUS);
      }
      return;
    }
    NavigableMap<Long, Held> messages =
        byConversation.computeIfAbsent(key.conversation(), c -> new TreeMap<>());
    Held before = messages.get(message.seq());
    if (before != null) {
      // Another id under a number already taken: the relay's doing. Neither is quoted.
      messages.remove(message.seq());
      seqs.put(new Key(key.conversation(), before.messageId()), AMBIGUOUS);
      seqs.put(key, AMBIGUOUS);
      return;
    }
    messages.put(
        message.seq(), new Held(message.messageId(), message.sender(), excerpt(text), kind, false));
    seqs.put(key, message.seq());
    if (seqs.size() > MAX) {
      evictOne();
    }
  }

  /** Forgets the lowest-numbered message of the conversation holding the most. */
  private void evictOne() {
    String fullest = null;
    int most = 0;
    for (Map.Entry<String, NavigableMap<Long, Held>> entry : byConversation.entrySet()) {
      if (entry.getValue().size() > most) {
        most = entry.getValue().size();
        fullest = entry.getKey();
      }
    }
    if (fullest == null) {
      seqs.remove(seqs.keySet().iterator().next()); // only ids met twice are left
      return;
    }
    NavigableMap<Long, Held> messages = byConversation.get(fullest);
    seqs.remove(new Key(fullest, messages.pollFirstEntry().getValue().messageId()));
    if (messages.isEmpty()) {
      byConversation.remove(fullest);
    }
  }

  /**
   * The message {@code messageId} of {@code conversation} as a reply shows it: its sender and the
   * start of its text if remembered, marked deleted (with no text) if its deletion was said, else
   * unknown.
   */
  synchronized ChatMessage.Reply answered(String conversation, String messageId) {
    Held held = held(conversation, messageId);
    String sender = held == null ? "" : held.sender();
    ChatMessage.Reply.Kind kind = held == null ? ChatMessage.Reply.Kind.TEXT : held.kind();
    if (deletedIds.contains(conversation, messageId) || (held != null && held.deleted())) {
      return new ChatMessage.Reply(messageId, sender, "", kind, true);
    }
    return held == null
        ? ChatMessage.Reply.unknown(messageId)
        : new ChatMessage.Reply(messageId, sender, held.excerpt(), kind, false);
  }

  private Held held(String conversation, String messageId) {
    Long seq = seqs.get(new Key(conversation, messageId));
    if (seq == null || seq == AMBIGUOUS) {
      return null;
    }
    return byConversation.get(conversation).get(seq);
  }

  /** Messages {@code messageIds} of {@code conversation} were deleted: their text is forgotten. */
  synchronized void deleted(String conversation, Collection<String> messageIds) {
    for (String id : messageIds) {
      Held held = held(conversation, id);
      if (held != null) {
        byConversation
            .get(conversation)
            .put(
                seqs.get(new Key(conversation, id)),
                new Held(id, held.sender(), "", held.kind(), true));
      }
    }
  }

  /**
   * The id of the newest message (by its number) {@code username} posted in {@code conversation}
   * that this client remembers and that was not deleted.
   */
  synchronized Optional<String> newestFrom(String conversation, String username) {
    String key = Usernames.key(username);
    return newest(conversation, held -> Usernames.key(held.sender()).equals(key));
  }

  /**
   * As {@link #newestFrom(String, String)}, leaving out file offers: the message {@code /edit}
   * corrects.
   */
  synchronized Optional<String> newestTextFrom(String conversation, String username) {
    String key = Usernames.key(username);
    return newest(
        conversation,
        held ->
            held.kind() != ChatMessage.Reply.Kind.FILE && Usernames.key(held.sender()).equals(key));
  }

  /**
   * The id of the newest message in {@code conversation} of a user other than {@code username} and
   * those of {@code ignored} (as {@link Usernames#key}) that this client remembers and that was not
   * deleted: the message {@code /react EMOJI} is on.
   */
  synchronized Optional<String> newestNotFrom(
      String conversation, String username, Set<String> ignored) {
    String key = Usernames.key(username);
    return newest(
        conversation,
        held ->
            !Usernames.key(held.sender()).equals(key)
                && !ignored.contains(Usernames.key(held.sender())));
  }

  private Optional<String> newest(String conversation, Predicate<Held> wanted) {
    NavigableMap<Long, Held> messages = byConversation.get(conversation);
    if (messages == null) {
      return Optional.empty();
    }
    for (Held held : messages.descendingMap().values()) {
      if (!held.deleted()
          && wanted.test(held)
          && !deletedIds.contains(conversation, held.messageId())) {
        return Optional.of(held.messageId());
      }
    }
    return Optional.empty();
  }

  /**
   * {@code message}, answering {@code replyTo} (null: none) as this client holds that message; a
   * message naming itself answers one not held.
   */
  ChatMessage replying(ChatMessage message, String replyTo) {
    if (replyTo == null) {
      return message;
    }
    return message.withReply(referred(message, replyTo, ChatMessage.Reply.Relation.REPLY));
  }

  /**
   * {@code message}, an edit of message {@code edits} as this client holds that message: not held
   * unless it is an earlier text message or action of the same sender ({@link
   * ChatMessage.Reply#editBy}) with a lower number; a message naming itself corrects one not held.
   */
  ChatMessage editing(ChatMessage message, String edits) {
    return message.withReply(referred(message, edits, ChatMessage.Reply.Relation.EDIT));
  }

  /**
   * {@code message} as its content relates it to another message of the conversation: a reply, an
   * edit or a reaction, given that message as this client holds it; {@code message} itself when its
   * content names none.
   */
  ChatMessage related(ChatMessage message, Content.Text content) {
    if (content.reactsTo() != null) {
      if (message.own()) {
        reacted(message, content.reactsTo());
      }
      return message.withReply(
          referred(message, content.reactsTo(), ChatMessage.Reply.Relation.REACTION));
    }
    if (content.edits() != null) {
      return editing(message, content.edits());
    }
    return replying(message, content.replyTo());
  }

  /**
   * The message {@code id} that {@code message} answers, corrects or reacts to ({@code relation})
   * as this client holds it: never {@code message} itself, and for an edit or a reaction only an
   * earlier message (a lower number, when {@code message} has one), for an edit only one of the
   * same sender.
   */
  private synchronized ChatMessage.Reply referred(
      ChatMessage message, String id, ChatMessage.Reply.Relation relation) {
    ChatMessage.Reply held =
        id.equals(message.messageId())
            ? ChatMessage.Reply.unknown(id)
            : answered(message.conversation(), id);
    if (relation == ChatMessage.Reply.Relation.REPLY) {
      return held;
    }
    Long seq = seqs.get(new Key(message.conversation(), id));
    boolean later = message.seq() > 0 && seq != null && seq != AMBIGUOUS && seq >= message.seq();
    ChatMessage.Reply named = later ? ChatMessage.Reply.unknown(id) : held;
    return relation == ChatMessage.Reply.Relation.EDIT
        ? named.editBy(message.sender())
        : named.reacted();
  }

  /** Notes {@code reaction}, this user's, on message {@code id} of its conversation. */
  private synchronized void reacted(ChatMessage reaction, String id) {
    ownReactions.put(
        new Key(reaction.conversation(), reaction.messageId()),
        new Reaction(reaction.conversation(), id, EmojiCatalog.counted(reaction.text())));
  }

  /**
   * Whether this user's reaction with {@code emoji} (as reactions are counted: 👍🏽 is 👍) to
   * message {@code id} of {@code conversation} was met lately, sent from here or opened from
   * another device, and its deletion was not said since.
   */
  synchronized boolean reactedAlready(String conversation, String id, String emoji) {
    Reaction asked = new Reaction(conversation, id, EmojiCatalog.counted(emoji));
    return ownReactions.entrySet().stream()
        .anyMatch(
            e ->
                e.getValue().equals(asked)
                    && !deletedIds.contains(e.getKey().conversation(), e.getKey().messageId()));
  }

  /**
   * {@code message}, just sent by this client with {@code content}, related as {@link #related}
   * relates it; remembered for replies to it unless it is a reaction.
   */
  ChatMessage sent(ChatMessage message, Content.Text content) {
    ChatMessage shown = related(message, content);
    if (content.reactsTo() == null) {
      remember(shown);
    }
    return shown;
  }

  /**
   * {@code posted}, a reply to (or an edit of) a message this client did not hold when it opened
   * it, given that message if it holds it now: one in an older page of the same history, opened
   * after it.
   */
  Posted requoted(Posted posted) {
    if (posted instanceof ChatMessage message
        && message.reply() != null
        && !message.reply().known()
        && !message.reply().deleted()) {
      return message.withReply(
          referred(message, message.reply().messageId(), message.reply().relation()));
    }
    return posted;
  }
}
