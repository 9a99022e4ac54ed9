package chat.cli.tui;

import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.FileTransfer;
import chat.cli.client.KeptList;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import chat.cli.client.RoomView;
import chat.cli.client.TrustState;
import chat.protocol.ConversationIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the TUI shows apart from the input line: the ordered conversations with their scrollback and
 * unread activity, which one is current, the member lists, and the connection. The status buffer
 * (command output while no conversation is open) is the conversation {@link #STATUS}. UI thread
 * only.
 */
final class TuiModel {
  /** The id of the status buffer; never a real conversation id. */
  static final String STATUS = "";

  private static final Comparator<MemberView> MEMBER_ORDER =
      Comparator.comparing(MemberView::role)
          .thenComparing(m -> !m.online())
          .thenComparing(m -> m.username().toLowerCase(Locale.ROOT));

  private final Map<String, ConversationBuffer> buffers = new HashMap<>();
  private final List<String> order = new ArrayList<>();
  private final Set<String> fromClient = new LinkedHashSet<>();
  private final Map<String, List<MemberView>> members = new HashMap<>();
  private final Map<String, String> titles = new HashMap<>(); // "" for a room without one
  private String current = STATUS;
  private ConnectionState connection = ConnectionState.OFFLINE;
  private int busyCommands;
  private boolean away;
  private final Map<String, FileTransfer> transfers = new java.util.LinkedHashMap<>();

  /**
   * What the list showed in an earlier run ({@link chat.cli.client.ChatClient#keptList}): its order
   * places conversations until the list is {@link #settled}, and its unread counts are added to
   * those conversations then.
   */
  private KeptList remembered = KeptList.NONE;

  /**
   * Whether the client has listed this user's conversations with authority since the log-in: from
   * then on, new conversations go to the end of the list, and the order is worth keeping.
   */
  private boolean settled;

  /** The conversations in list order (Alt+1 is the first). */
  List<String> conversations() {
    return List.copyOf(order);
  }

  /** The current conversation id, or {@link #STATUS}. */
  String current() {
    return current;
  }

  /** The scrollback of {@code conversation} (or of the status buffer). */
  ConversationBuffer buffer(String conversation) {
    return buffers.computeIfAbsent(conversation, c -> new ConversationBuffer());
  }

  /**
   * Takes the messages {@code deleted} (ids) of {@code conversation} out of every pane, where
   * listed again by a command too; returns how many entries went.
   */
  int removeMessages(String conversation, Set<String> deleted) {
    int removed = 0;
    for (ConversationBuffer buffer : buffers.values()) {
      removed += buffer.remove(conversation, deleted);
    }
    return removed;
  }

  ConversationBuffer currentBuffer() {
    return buffer(current);
  }

  /** The list position of {@code conversation}, or -1. */
  int indexOf(String conversation) {
    return order.indexOf(conversation);
  }

  /**
   * Adds {@code conversation} to the list if it is not there: at the end, or, until the list is
   * settled, at its place in the remembered order (before the first one listed that came after it
   * there, or that it did not hold).
   */
  void list(String conversation) {
    if (conversation.equals(STATUS) || order.contains(conversation)) {
      return;
    }
    int rank = settled ? -1 : remembered.order().indexOf(conversation);
    int at = order.size();
    for (int i = 0; rank >= 0 && i < order.size(); i++) {
      int other = remembered.order().indexOf(order.get(i));
      if (other < 0 || other > rank) {
        at = i;
        break;
      }
    }
    order.add(at, conversation);
  }

  /**
   * What the list shows, to keep for the next run ({@link chat.cli.client.ChatClient#keepList}):
   * its order and unread counts. Empty until the list is settled, so that a list still being filled
   * in at log-in, or cleared at log-out, does not replace what was kept.
   */
  Optional<KeptList> listToKeep() {
    if (!settled) {
      return Optional.empty();
    }
    Map<String, KeptList.Unread> unread = new HashMap<>();
    for (String conversation : order) {
      ConversationBuffer buffer = buffer(conversation);
      if (buffer.unread() > 0) {
        unread.put(
            conversation,
            new KeptList.Unread(
                buffer.unread(), buffer.activity() == Activity.PRIVATE, buffer.unreadIds()));
      }
    }
    return Optional.of(new KeptList(order, unread));
  }

  /**
   * Takes the client's conversation list. Conversations already listed keep their place (so
   * Alt+number stays put) and new ones are added at the end; until the first authoritative list
   * since the log-in, they are placed as in {@code kept}, what the list showed in an earlier run,
   * so that Alt+number means after a restart what it meant before, and with that list the unread
   * counts kept then are added to those of the conversations listed. When {@code authoritative}
   * (online and logged in), conversations the client listed before but no longer does are dropped;
   * if the current one goes, the one above it becomes current. Conversations only known here (a
   * message arrived) stay. A dropped conversation's pane is forgotten as by {@link #forget}.
   */
  void setClientConversations(List<String> conversations, KeptList kept, boolean authoritative) {
    if (!settled) {
      remembered = kept;
    }
    List<String> old = List.copyOf(order);
    Set<String> now = new LinkedHashSet<>(conversations);
    now.remove(STATUS);
    order.clear();
    for (String conversation : old) {
      boolean vanished = authoritative && fromClient.contains(conversation);
      if (now.contains(conversation) || !vanished) {
        order.add(conversation);
      } else {
        buffers.remove(conversation); // left elsewhere: a later one of that name starts afresh
        members.remove(conversation);
        titles.remove(conversation);
      }
    }
    for (String conversation : now) {
      list(conversation);
    }
    fromClient.addAll(now);
    fromClient.retainAll(order);
    if (authoritative && !settled) {
      remembered.unread().forEach(this::addUnread);
    }
    if (authoritative) {
      settled = true;
      remembered = KeptList.NONE;
    }
    if (!current.equals(STATUS) && !order.contains(current)) {
      select(fallback(old, current));
    }
  }

  /**
   * Drops {@code conversation} from the list, with what its pane showed (this user left it or was
   * removed, or the group is gone): a group created later under the same name opens in a fresh
   * pane, and a room joined again opens fresh and loads its recent history again.
   */
  void forget(String conversation) {
    List<String> old = List.copyOf(order);
    order.remove(conversation);
    fromClient.remove(conversation);
    members.remove(conversation);
    titles.remove(conversation);
    if (!conversation.equals(STATUS)) {
      buffers.remove(conversation);
    }
    if (conversation.equals(current)) {
      select(fallback(old, conversation));
    }
  }

  /**
   * Forgets every conversation and what its pane showed (after logout, or when another user logs
   * in): the next user must not see the last one's messages. The status window stays.
   */
  void forgetAll() {
    order.clear();
    settled = false;
    remembered = KeptList.NONE;
    fromClient.clear();
    members.clear();
    titles.clear();
    buffers.keySet().removeIf(conversation -> !conversation.equals(STATUS));
    select(STATUS);
  }

  /**
   * Where to go when the current conversation {@code gone} is no longer listed: {@code #lobby} if
   * it is (where the commands that leave a conversation go too), else the one listed before it.
   */
  private String fallback(List<String> old, String gone) {
    if (order.contains(ConversationIds.LOBBY)) {
      return ConversationIds.LOBBY;
    }
    for (int i = old.indexOf(gone) - 1; i >= 0; i--) {
      if (order.contains(old.get(i))) {
        return old.get(i);
      }
    }
    return order.isEmpty() ? STATUS : order.get(0);
  }

  /** Makes {@code conversation} (or {@link #STATUS}) current and marks it read. */
  void select(String conversation) {
    list(conversation);
    current = conversation;
    buffer(conversation).markRead();
  }

  /** The conversation at list position {@code index}, if there is one. */
  Optional<String> at(int index) {
    return index >= 0 && index < order.size() ? Optional.of(order.get(index)) : Optional.empty();
  }

  /** The entry {@code delta} steps from the current one, cycling through status and the list. */
  String neighbour(int delta) {
    List<String> cycle = new ArrayList<>();
    cycle.add(STATUS);
    cycle.addAll(order);
    int at = Math.max(0, cycle.indexOf(current));
    return cycle.get(Math.floorMod(at + delta, cycle.size()));
  }

  /** The next conversation after the current one with unread activity, private ones first. */
  Optional<String> nextActive() {
    for (Activity wanted : List.of(Activity.PRIVATE, Activity.ROOM)) {
      int start = order.indexOf(current);
      for (int step = 1; step <= order.size(); step++) {
        String candidate = order.get(Math.floorMod(start + step, order.size()));
        if (buffer(candidate).activity() == wanted) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Adds unread messages kept from an earlier run to a conversation listed now, if not current. */
  private void addUnread(String conversation, KeptList.Unread unread) {
    if (order.contains(conversation) && !conversation.equals(current) && unread.messages() > 0) {
      buffer(conversation)
          .markUnread(
              unread.messages(), unread.loud() ? Activity.PRIVATE : Activity.ROOM, unread.ids());
    }
  }

  /**
   * A message arrived from the relay: adds it (each id once) and counts it unread unless it is this
   * user's own or its conversation is current. Returns whether it was new.
   */
  boolean incoming(ChatMessage message, String self) {
    list(message.conversation());
    ConversationBuffer buffer = buffer(message.conversation());
    if (!buffer.addMessage(message)) {
      return false;
    }
    if (!message.own() && !message.conversation().equals(current)) {
      boolean loud = message.isDirect() || message.mentions(self);
      buffer.markUnread(loud ? Activity.PRIVATE : Activity.ROOM, message.messageId());
    }
    return true;
  }

  /**
   * The members of {@code conversation} as last fetched: owner and admins first, then online before
   * offline, then by name.
   */
  List<MemberView> members(String conversation) {
    return members.getOrDefault(conversation, List.of());
  }

  void setMembers(String conversation, List<MemberView> list) {
    setMembers(conversation, list, Long.MAX_VALUE);
  }

  /**
   * Shows {@code list}, fetched from the relay after {@link #presenceMark} was {@code
   * fetchedAfter}: a presence change heard since then is newer than the list, or as new (a list
   * asked for before a member logged in can come after the news of their log-in), so it is kept.
   * Returns the list as shown.
   */
  List<MemberView> setMembers(String conversation, List<MemberView> list, long fetchedAfter) {
    List<MemberView> sorted = new ArrayList<>(list.size());
    for (MemberView member : list) {
      Heard heard = heardPresence.get(member.username());
      sorted.add(
          heard != null && heard.mark() > fetchedAfter
              ? member.withPresence(heard.presence())
              : member);
    }
    sorted.sort(MEMBER_ORDER);
    List<MemberView> shown = List.copyOf(sorted);
    members.put(conversation, shown);
    return shown;
  }

  /** A presence change as heard, numbered in the order heard. */
  private record Heard(Presence presence, long mark) {}

  /** The presence changes heard, by username; forgotten all at once past {@link #MAX_HEARD}. */
  private final Map<String, Heard> heardPresence = new HashMap<>();

  /** The most users whose last presence change is kept for {@link #setMembers}. */
  static final int MAX_HEARD = 10_000;

  /** How many presence changes were heard: written on the UI thread, read by the fetching one. */
  private volatile long presenceMark;

  /** The count of presence changes heard so far, to be given to {@link #setMembers} later. */
  long presenceMark() {
    return presenceMark;
  }

  /** Updates {@code username}'s presence in every member list. */
  void updatePresence(String username, boolean online) {
    updatePresence(username, Presence.of(online));
  }

  /** Updates {@code username}'s presence (online, away with its message, offline) everywhere. */
  void updatePresence(String username, Presence presence) {
    if (heardPresence.size() >= MAX_HEARD) {
      heardPresence.clear(); // a list fetched then shows what the relay says, as before
    }
    heardPresence.put(username, new Heard(presence, ++presenceMark));
    members.replaceAll(
        (conversation, list) -> replace(list, username, m -> m.withPresence(presence)));
  }

  /** Updates {@code username}'s trust in every member list. */
  void updateTrust(String username, TrustState trust) {
    members.replaceAll((conversation, list) -> replace(list, username, m -> m.withTrust(trust)));
  }

  private static List<MemberView> replace(
      List<MemberView> list, String username, UnaryOperator<MemberView> change) {
    List<MemberView> out = new ArrayList<>(list.size());
    for (MemberView member : list) {
      out.add(member.username().equals(username) ? change.apply(member) : member);
    }
    out.sort(MEMBER_ORDER);
    return List.copyOf(out);
  }

  /**
   * The display title of group {@code conversation} as last heard (from the network: clean it
   * before drawing); empty for a room without one, a group still titled by its name, or when not
   * known yet.
   */
  String title(String conversation) {
    return titles.getOrDefault(conversation, "");
  }

  /** Whether a listed room's title has not been fetched yet. */
  boolean titlesMissing() {
    return order.stream().anyMatch(c -> ConversationIds.isRoom(c) && !titles.containsKey(c));
  }

  /**
   * Takes the rooms as the relay lists them: the titles of the listed groups. A listed room the
   * listing does not name (it was asked for before this user joined) stays {@link #titlesMissing
   * missing}, so that a later listing brings its title.
   */
  void setTitles(List<RoomView> rooms) {
    for (RoomView room : rooms) {
      if (order.contains(room.conversation())) {
        setTitle(room.conversation(), room.group() ? room.title() : "");
      }
    }
  }

  /** Group {@code conversation} is titled {@code title} now. */
  void setTitle(String conversation, String title) {
    boolean byName = title.equals(conversation.substring(Math.min(1, conversation.length())));
    titles.put(conversation, byName ? "" : title);
  }

  ConnectionState connection() {
    return connection;
  }

  /** Whether this user is away, for the status bar (set before each frame). */
  boolean away() {
    return away;
  }

  void setAway(boolean away) {
    this.away = away;
  }

  void setConnection(ConnectionState state) {
    connection = Objects.requireNonNull(state, "state");
  }

  /** How many typed lines are queued or running on the command thread. */
  int busyCommands() {
    return busyCommands;
  }

  void commandStarted() {
    busyCommands++;
  }

  void commandFinished() {
    busyCommands = Math.max(0, busyCommands - 1);
  }

  /** The file transfers moving now, oldest first, for the status bar. */
  List<FileTransfer> transfers() {
    return List.copyOf(transfers.values());
  }

  /** Takes a transfer's progress: kept while it moves, dropped once it stops. */
  void transfer(FileTransfer transfer) {
    if (transfer.active()) {
      transfers.put(transfer.fileId(), transfer);
    } else {
      transfers.remove(transfer.fileId());
    }
  }
}
