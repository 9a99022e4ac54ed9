package chat.cli.tui;

import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.cli.client.Posted;
import chat.cli.emoji.EmojiCatalog;
import chat.protocol.Usernames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The scrollback of one conversation: its last {@link #MAX_ENTRIES} entries, each message id once
 * and messages (file offers among them) in sequence order (apart from messages a listing such as
 * {@code /history} showed again after the newest entries), with the unread count, activity and
 * scroll position. Screen lines are wrapped lazily and cached per width. UI thread only.
 */
final class ConversationBuffer {
  /** Entries kept per conversation; older ones are dropped. */
  static final int MAX_ENTRIES = 2000;

  private final List<Slot> slots = new ArrayList<>();
  private final Set<String> messageIds = new HashSet<>();

  /** The last {@link #MAX_ENTRIES} messages taken out as deleted, as conversation, newline, id. */
  private final Set<String> deletedIds = new LinkedHashSet<>();

  private final int maxEntries;

  /** The first slot a message may be placed before ({@link #placeBelowAll}). */
  private int floor;

  private int scrollLines;

  /**
   * Entries added at the bottom while the view was scrolled up, whose lines {@link #keepView} has
   * not counted into {@link #scrollLines} yet: counted, they leave the lines being read in place.
   */
  private final List<Slot> arrivedBelow = new ArrayList<>();

  private int unread;

  /**
   * The ids of the messages counted in {@link #unread}, the newest last, at most {@link
   * #MAX_UNREAD_IDS}: a deletion takes those it names out of the count, also ones counted at an
   * earlier run that this pane never had. A count kept by an older build has no ids.
   */
  private final Set<String> unreadIds = new LinkedHashSet<>();

  private Activity activity = Activity.NONE;
  private boolean historyRequested;

  ConversationBuffer() {
    this(MAX_ENTRIES);
  }

  ConversationBuffer(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.maxEntries = maxEntries;
  }

  /**
   * Adds {@code message} in sequence order unless its id is already here, and before the client's
   * lines written after it was stored (so history that loads after "joined #team" goes above that
   * line); returns whether it was added.
   */
  boolean addMessage(ChatMessage message) {
    ChatMessage shown = unquotingDeleted(message);
    if (!add(shown, new PaneEntry.Message(shown, false, false, marks(shown)))) {
      return false;
    }
    remarkNamed(shown);
    return true;
  }

  /**
   * The marks of {@code posted} as this pane shows them: edited if an edit here {@link #corrects}
   * it, and the reactions here on it ({@link #reactsTo}) that are one emoji, one per user and emoji
   * (with its skin tone and variation selectors left out, as the screen draws it).
   */
  private PaneEntry.Marks marks(Posted posted) {
    boolean edited = false;
    Map<String, Set<String>> reactions = new LinkedHashMap<>();
    for (Slot slot : slots) {
      if (slot.entry instanceof PaneEntry.Message shown) {
        ChatMessage other = shown.message();
        if (posted instanceof ChatMessage message && corrects(other, message)) {
          edited = true;
        } else if (reactsTo(other, posted) && EmojiCatalog.shared().isEmoji(other.text())) {
          reactions
              .computeIfAbsent(EmojiCatalog.counted(other.text()), emoji -> new HashSet<>())
              .add(Usernames.key(other.sender()));
        }
      }
    }
    List<PaneEntry.Tally> tallies = new ArrayList<>();
    reactions.forEach((emoji, users) -> tallies.add(new PaneEntry.Tally(emoji, users.size())));
    return new PaneEntry.Marks(edited, tallies);
  }

  /**
   * Whether {@code edit} is an edit of {@code message} as this pane marks one: it names that
   * message, held (so {@link ChatMessage.Reply#editBy} checked it) and not deleted, in the same
   * conversation, and both have the same sender, the message the lower number. The checks of the
   * client core, made again on the two messages this pane holds: a message the core does not hold
   * under that id is never marked on its word.
   */
  private static boolean corrects(ChatMessage edit, ChatMessage message) {
    return names(edit, message, ChatMessage.Reply.Relation.EDIT)
        && Usernames.key(edit.sender()).equals(Usernames.key(message.sender()));
  }

  /** Whether {@code reaction} is a reaction on {@code posted}, checked as {@link #corrects}. */
  private static boolean reactsTo(ChatMessage reaction, Posted posted) {
    return names(reaction, posted, ChatMessage.Reply.Relation.REACTION);
  }

  private static boolean names(
      ChatMessage other, Posted message, ChatMessage.Reply.Relation relation) {
    ChatMessage.Reply named = other.reply();
    return named != null
        && named.relation() == relation
        && named.known()
        && !named.deleted()
        && named.messageId().equals(message.messageId())
        && other.conversation().equals(message.conversation())
        && !other.messageId().equals(message.messageId())
        && (other.seq() <= 0 || message.seq() <= 0 || message.seq() < other.seq());
  }

  /**
   * If {@code message} is an edit of or a reaction to a message shown here, marks that message
   * again wherever it is shown: in its place and in listings.
   */
  private void remarkNamed(ChatMessage message) {
    ChatMessage.Reply named = message.reply();
    if (named != null && named.relation() != ChatMessage.Reply.Relation.REPLY) {
      remark(message.conversation(), named.messageId());
    }
  }

  /** Marks again every entry showing message {@code messageId} of {@code conversation}. */
  private void remark(String conversation, String messageId) {
    for (Slot slot : slots) {
      if (shows(slot.entry, conversation, Set.of(messageId))) {
        PaneEntry marked = PaneEntry.marked(slot.entry, marks(PaneEntry.posted(slot.entry).get()));
        if (!marked.equals(slot.entry)) {
          slot.show(marked);
        }
      }
    }
  }

  /**
   * {@code message}, a reply to a message taken out here since its quote was made (on another
   * thread, for a history page), as a reply to a deleted message.
   */
  private ChatMessage unquotingDeleted(ChatMessage message) {
    ChatMessage.Reply reply = message.reply();
    return reply != null
            && !reply.deleted()
            && (reply.known() || !reply.edit()) // an edit of a message not held stays one
            && deletedIds.contains(message.conversation() + "\n" + reply.messageId())
        ? message.withReply(reply.toDeleted())
        : message;
  }

  /** Adds a file offer as {@link #addMessage} adds a message; returns whether it was added. */
  boolean addOffer(FileOffer offer) {
    return add(offer, new PaneEntry.Offer(offer, false, false, marks(offer)));
  }

  /**
   * Places what is added from now on below every entry shown now: the relay went back to a backup,
   * and gives the numbers of messages shown here to new ones, which would otherwise be placed among
   * the old.
   */
  void placeBelowAll() {
    floor = slots.size();
  }

  private boolean add(Posted posted, PaneEntry entry) {
    if (!messageIds.add(posted.messageId())) {
      return false;
    }
    long stored = posted.storedAtMillis() > 0 ? posted.storedAtMillis() : posted.sentAtMillis();
    int at = slots.size();
    for (int i = slots.size() - 1; i >= floor; i--) {
      PaneEntry here = slots.get(i).entry;
      Optional<Posted> earlier = PaneEntry.placed(here);
      if (earlier.isPresent()) {
        // an own message whose number an older relay did not say (0) was just sent: the newest
        if (earlier.get().seq() <= posted.seq() || (posted.own() && posted.seq() == 0)) {
          break;
        }
        at = i;
      } else if (here instanceof PaneEntry.Note note && note.atMillis() > stored) {
        at = i;
      }
    }
    Slot slot = new Slot(entry);
    slots.add(at, slot);
    if (scrollLines > 0 && at == slots.size() - 1) {
      arrivedBelow.add(slot);
    }
    trim();
    return true;
  }

  /**
   * Appends {@code posted} (a message or a file offer) after the newest entries, whether or not it
   * is already here: a listing ({@code /history}) shows everything it lists, together, under its
   * heading.
   */
  void addReplay(Posted posted, boolean labelled) {
    if (posted instanceof ChatMessage message) {
      ChatMessage shown = unquotingDeleted(message);
      append(new Slot(new PaneEntry.Message(shown, true, labelled, marks(shown))));
      remarkNamed(shown);
    } else {
      append(new Slot(new PaneEntry.Offer((FileOffer) posted, true, labelled, marks(posted))));
    }
  }

  /** Appends a line from the client. */
  void addNote(PaneEntry.Note note) {
    append(new Slot(note));
  }

  private void append(Slot slot) {
    slots.add(slot);
    if (scrollLines > 0) {
      arrivedBelow.add(slot);
    }
    trim();
  }

  /** Whether {@code note} (this very one) is still here. */
  boolean holds(PaneEntry.Note note) {
    return slots.stream().anyMatch(slot -> slot.entry == note);
  }

  /**
   * Puts {@code replacement} where {@code note} (this very one) is, with {@code note}'s time, so
   * that the times down the pane stay in order; returns the note put there, or null, changing
   * nothing, if {@code note} is no longer here.
   */
  PaneEntry.Note replaceNote(PaneEntry.Note note, PaneEntry.Note replacement) {
    for (int i = 0; i < slots.size(); i++) {
      if (slots.get(i).entry == note) {
        PaneEntry.Note placed =
            new PaneEntry.Note(replacement.kind(), replacement.text(), note.atMillis());
        Slot was = slots.get(i);
        Slot now = new Slot(placed);
        slots.set(i, now);
        arrivedBelow.replaceAll(slot -> slot == was ? now : slot);
        return placed;
      }
    }
    return null;
  }

  /** Takes {@code note} (this very one) out, if it is here. */
  void removeNote(PaneEntry.Note note) {
    slots.removeIf(slot -> slot.entry == note);
    arrivedBelow.removeIf(slot -> slot.entry == note);
  }

  /**
   * Takes out every entry showing a message or offer of {@code conversation} with an id in {@code
   * deleted}, in its place or listed again, and marks the replies to them as replies to a deleted
   * message, their quote gone; returns how many it took out. The ids stay known here, so that a
   * late copy of one is not added again. The unread count loses those of them it counted, by id
   * ({@link #unreadIds}), whether this pane has them or they were counted at an earlier run.
   */
  int remove(String conversation, Set<String> deleted) {
    int unreadGone = 0;
    for (String id : deleted) {
      if (unreadIds.remove(id)) {
        unreadGone++;
      }
    }
    unread = Math.max(0, unread - unreadGone);
    if (unread == 0) {
      activity = Activity.NONE;
    }
    deleted.forEach(id -> deletedIds.add(conversation + "\n" + id));
    forgetOldest(deletedIds, MAX_ENTRIES);
    int before = slots.size();
    List<ChatMessage> named = new ArrayList<>(); // edits and reactions taken out
    for (Slot slot : slots) {
      if (shows(slot.entry, conversation, deleted)
          && slot.entry instanceof PaneEntry.Message gone) {
        named.add(gone.message());
      }
    }
    slots.removeIf(slot -> shows(slot.entry, conversation, deleted));
    arrivedBelow.removeIf(slot -> shows(slot.entry, conversation, deleted));
    for (Slot slot : slots) {
      if (slot.entry instanceof PaneEntry.Message shown) {
        ChatMessage now = unquotingDeleted(shown.message());
        if (now != shown.message()) {
          slot.show(shown.showing(now));
        }
      }
    }
    named.forEach(this::remarkNamed); // the messages they marked lose those marks
    return before - slots.size();
  }

  /**
   * Gives each reply, edit or reaction of {@code conversation} here that names a message not held
   * when it was shown what {@code requoted} says of it now (a history page listed that message
   * since), marking that message again (edited, its reactions); returns how many changed.
   */
  int requote(String conversation, UnaryOperator<ChatMessage> requoted) {
    int changed = 0;
    List<ChatMessage> known = new ArrayList<>();
    for (Slot slot : slots) {
      if (slot.entry instanceof PaneEntry.Message shown
          && shown.message().conversation().equals(conversation)
          && shown.message().reply() != null
          && !shown.message().reply().known()
          && !shown.message().reply().deleted()) {
        ChatMessage now = requoted.apply(shown.message());
        if (now.reply() != null && (now.reply().known() || now.reply().deleted())) {
          slot.show(shown.showing(now));
          changed++;
          known.add(now);
        }
      }
    }
    known.forEach(this::remarkNamed);
    return changed;
  }

  private static boolean shows(PaneEntry entry, String conversation, Set<String> messageIds) {
    return PaneEntry.posted(entry)
        .filter(
            posted ->
                posted.conversation().equals(conversation)
                    && messageIds.contains(posted.messageId()))
        .isPresent();
  }

  private void trim() {
    while (slots.size() > maxEntries) {
      Slot removed = slots.remove(0);
      floor = Math.max(0, floor - 1);
      arrivedBelow.remove(removed);
      PaneEntry.placed(removed.entry).ifPresent(dropped -> messageIds.remove(dropped.messageId()));
      if (removed.entry instanceof PaneEntry.Message gone) {
        remarkNamed(gone.message()); // an edit or reaction no longer shown marks nothing
      }
    }
  }

  /** Empties the pane (messages shown again later are added again). */
  void clear() {
    floor = 0;
    slots.clear();
    messageIds.clear();
    scrollLines = 0;
    arrivedBelow.clear();
  }

  int size() {
    return slots.size();
  }

  PaneEntry entry(int index) {
    return slots.get(index).entry;
  }

  /** The screen lines of entry {@code index} at {@code width}, wrapping it on first use. */
  List<List<Cell>> lines(int index, int width, Function<PaneEntry, List<List<Cell>>> wrap) {
    return slots.get(index).lines(width, wrap);
  }

  /** Screen lines scrolled up from the bottom; 0 is the bottom. */
  int scrollLines() {
    return scrollLines;
  }

  void scrollUp(int lines) {
    scrollLines = Math.max(0, scrollLines + lines);
  }

  void scrollDown(int lines) {
    scrollLines = Math.max(0, scrollLines - lines);
    if (scrollLines == 0) {
      arrivedBelow.clear(); // at the bottom, what comes is to be seen
    }
  }

  void scrollToBottom() {
    scrollLines = 0;
    arrivedBelow.clear();
  }

  /**
   * Before a draw at {@code width}: while scrolled up, moves the scroll position up by the lines of
   * the entries that arrived below since the last draw, so that the lines being read stay where
   * they are, as other chat clients keep a scrolled view still.
   */
  void keepView(int width, Function<PaneEntry, List<List<Cell>>> wrap) {
    if (arrivedBelow.isEmpty()) {
      return;
    }
    for (Slot slot : arrivedBelow) {
      if (scrollLines > 0) { // trim() took out the slots dropped since
        scrollLines += slot.lines(width, wrap).size();
      }
    }
    arrivedBelow.clear();
  }

  /** Limits the scroll position to what the renderer found there is to show. */
  void limitScroll(int max) {
    scrollLines = Math.max(0, Math.min(scrollLines, max));
  }

  int unread() {
    return unread;
  }

  Activity activity() {
    return activity;
  }

  /** The most unread messages whose ids are kept: as many as the list shows a count of. */
  static final int MAX_UNREAD_IDS = 999;

  /** Counts message {@code messageId} unread, of {@code level}. */
  void markUnread(Activity level, String messageId) {
    markUnread(1, level);
    keepUnreadId(messageId);
  }

  /** Counts {@code messages} unread of {@code level}, with the ids of those that have one. */
  void markUnread(int messages, Activity level, Collection<String> messageIds) {
    markUnread(messages, level);
    messageIds.forEach(this::keepUnreadId);
  }

  private void keepUnreadId(String messageId) {
    unreadIds.add(Objects.requireNonNull(messageId, "messageId"));
    forgetOldest(unreadIds, MAX_UNREAD_IDS);
  }

  /** Takes the first-added elements out of {@code set}, in order, until it holds {@code max}. */
  private static void forgetOldest(Set<String> set, int max) {
    for (Iterator<String> oldest = set.iterator(); set.size() > max; ) {
      oldest.next();
      oldest.remove();
    }
  }

  /** The ids of the messages counted unread, oldest first ({@link #unreadIds}). */
  List<String> unreadIds() {
    return List.copyOf(unreadIds);
  }

  /** Counts {@code messages} unread messages of {@code level}. */
  private void markUnread(int messages, Activity level) {
    if (messages < 1) {
      throw new IllegalArgumentException("messages must be >= 1");
    }
    unread = (int) Math.min(Integer.MAX_VALUE, (long) unread + messages);
    activity = activity.max(Objects.requireNonNull(level, "level"));
  }

  void markRead() {
    unread = 0;
    unreadIds.clear();
    activity = Activity.NONE;
  }

  /** Returns true once: whether recent history should be loaded for this conversation. */
  boolean takeHistoryRequest() {
    boolean first = !historyRequested;
    historyRequested = true;
    return first;
  }

  /** An entry with its wrapped lines for the last width drawn. */
  private static final class Slot {
    private PaneEntry entry;
    private int width = -1;
    private List<List<Cell>> lines;

    private Slot(PaneEntry entry) {
      this.entry = entry;
    }

    /** Shows {@code replacement} here instead, wrapped afresh. */
    private void show(PaneEntry replacement) {
      entry = replacement;
      lines = null;
    }

    /** The entry's lines at {@code width}, wrapped with {@code wrap} on first use at it. */
    private List<List<Cell>> lines(int width, Function<PaneEntry, List<List<Cell>>> wrap) {
      if (this.width != width || lines == null) {
        lines = wrap.apply(entry);
        this.width = width;
      }
      return lines;
    }
  }
}
