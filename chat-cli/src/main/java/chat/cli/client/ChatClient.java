package chat.cli.client;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.emoji.EmojiCatalog;
import chat.protocol.MessageIds;
import chat.protocol.Usernames;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A session with the relay for one user: account, rooms, private messages, history and trust. The
 * one object every front end (TUI, line mode, scripting) drives.
 *
 * <p>Methods block until the relay answers and are safe to call from any thread. Failures throw a
 * {@link chat.cli.CommandException} whose kind gives the exit code: network or relay failures,
 * wrong password ({@code Auth}), untrusted keys ({@code Untrusted}), rate limiting, usage. Events
 * arrive through {@link ClientListener}s. Its account, trust, file and moderation methods are
 * declared in {@link AccountSession}, {@link KeyVerification}, {@link FileSharing} and {@link
 * GroupModeration}.
 */
public interface ChatClient
    extends AutoCloseable, AccountSession, KeyVerification, FileSharing, GroupModeration {
  /**
   * The most messages one {@link #history} call returns: {@code chat history -n} and {@code
   * /history} allow up to this.
   */
  int MAX_HISTORY = 10_000;

  /** The relay as {@code host:port}, for the status bar. */
  String serverAddress();

  /**
   * Usernames this client knows of (members of its conversations and pinned contacts), sorted; for
   * completion. Local: never touches the network.
   */
  List<String> knownUsers();

  /** The logged-in username, if any. */
  Optional<String> username();

  /**
   * {@code username} as its owner registered it ({@code Maximilian} for {@code maximilian}), if
   * this client has had it from the relay (a key pinned or fetched, a member list); else as given.
   * Local: never touches the network.
   */
  String spelling(String username);

  /**
   * {@code conversation} as this user names it ({@link ConversationLabel}), the other party of a
   * private one spelled as registered ({@link #spelling}); not cleaned for a terminal.
   */
  default String label(String conversation) {
    return ConversationLabel.of(conversation, username().orElse(null), this::spelling);
  }

  /** The current connection state. */
  ConnectionState connectionState();

  /** Conversations this user is in: rooms ({@code #name}) and direct ones ({@code @a+b}). */
  List<String> conversations();

  /**
   * What the full-screen client's conversation list showed when it was last kept with {@link
   * #keepList}, for the logged-in user on this relay (by this process or another of the profile);
   * {@link KeptList#NONE} if never, or if no one is logged in. Local: never touches the network.
   */
  KeptList keptList();

  /**
   * Keeps {@code list} as what the conversation list of {@code username} on this relay showed, in
   * the profile's state (written at the client's next save of it, at the latest when it closes);
   * ignored unless {@code username} is the user logged in now (a list of the last user's, queued as
   * another logs in, is not theirs).
   */
  void keepList(String username, KeptList list);

  /**
   * The users (lowercase usernames) whose messages and file offers the full-screen client and line
   * mode do not show, as the logged-in user's profile keeps them (on whichever relay); empty if no
   * one is logged in. Local: never touches the network, and the relay still delivers their
   * messages.
   */
  Set<String> ignoredUsers();

  /**
   * {@link #ignoredUsers()} as the profile holds them now, sorted, for listing them.
   *
   * @throws CommandException.Usage if no one is logged in
   * @throws CommandException.FileAccess if the profile's list is damaged
   */
  List<String> listIgnoredUsers();

  /**
   * Ignores {@code username} ({@code ignore} true) or no longer does, in the profile; returns
   * whether that changed anything.
   *
   * @throws CommandException.Usage if no one is logged in, or {@code username} is not one
   */
  boolean ignore(String username, boolean ignore);

  /**
   * Whether the full-screen client and line mode leave {@code posted} out: it is not this user's
   * own, and its sender is among {@link #ignoredUsers()}.
   */
  default boolean hides(Posted posted) {
    return hides(posted, ignoredUsers());
  }

  /**
   * Whether {@code posted} is left out when {@code ignored} are the users ignored: for a list, with
   * {@link #ignoredUsers()} asked once.
   */
  static boolean hides(Posted posted, Set<String> ignored) {
    return !posted.own() && ignored.contains(Usernames.key(posted.sender()));
  }

  /**
   * {@code posted} as the full-screen client and line mode show it when {@code ignored} are the
   * users ignored: a reply to a message of one of them names them without quoting that message.
   */
  static Posted unquotingIgnored(Posted posted, Set<String> ignored) {
    if (posted instanceof ChatMessage message && message.reply() != null) {
      ChatMessage.Reply shown = unquotingIgnored(message.reply(), ignored);
      return shown == message.reply() ? message : message.withReply(shown);
    }
    return posted;
  }

  /** {@code reply}, not quoting the message it answers if a user among {@code ignored} wrote it. */
  static ChatMessage.Reply unquotingIgnored(ChatMessage.Reply reply, Set<String> ignored) {
    return reply.known()
            && !reply.excerpt().isEmpty()
            && ignored.contains(Usernames.key(reply.sender()))
        ? reply.unquoted()
        : reply;
  }

  /** As {@link #unquotingIgnored(Posted, Set)} with {@link #ignoredUsers()}. */
  default ChatMessage unquotingIgnored(ChatMessage message) {
    return message.reply() == null
        ? message
        : (ChatMessage) unquotingIgnored(message, ignoredUsers());
  }

  /** Whether {@code username} is among {@link #ignoredUsers()}. */
  default boolean ignores(String username) {
    return ignoredUsers().contains(Usernames.key(username));
  }

  /**
   * Whether the full-screen client and line mode leave out the line of {@code update}: this user's
   * invitation to a group, or its withdrawal, by a user ignored, who could otherwise send them one
   * after the other. The invitation itself stands: {@code /rooms} lists it.
   */
  default boolean hides(GroupUpdate update) {
    String self = username().orElse(null);
    boolean invitation =
        update.kind() == GroupUpdate.Kind.INVITED
            || (update.kind() == GroupUpdate.Kind.UNINVITED && !update.declined());
    return self != null
        && invitation
        && Usernames.key(update.target()).equals(Usernames.key(self))
        && ignores(update.actor());
  }

  /**
   * Whether {@code conversation} is a private one of {@code self}'s with a user among {@code
   * ignored}: the front ends do not list one opened by such a user, whose messages they do not
   * show.
   */
  static boolean privateWithIgnored(String conversation, String self, Set<String> ignored) {
    String label = ConversationLabel.of(conversation, self);
    return label.startsWith("@") && ignored.contains(Usernames.key(label.substring(1)));
  }

  /** Joins (and, if new, creates) a room; {@code room} with or without the leading {@code #}. */
  void join(String room);

  /** Leaves a room. */
  void leave(String room);

  /**
   * Closes the direct conversation {@code conversation} ({@code @a+b}) for this user: the relay
   * leaves it out of their conversations, on every device, until either party writes there again or
   * this user {@link #open opens} it. Its messages stay on the relay, and the other party is not
   * told.
   *
   * @throws CommandException.Usage on a relay older than wire version 7, or if it is not open
   */
  void close(String conversation);

  /**
   * Opens again the direct conversation {@code conversation} ({@code @a+b}) if this user closed it
   * ({@link #close}); nothing if it is open or never had a message, or on a relay older than wire
   * version 7.
   */
  void open(String conversation);

  /**
   * Declines the invitation to the group {@code room} (with or without the leading {@code #}): the
   * relay deletes it, so it is not offered again. It is a leave on the wire, so it is refused for a
   * room the user is a member of, which it would leave.
   *
   * @throws CommandException.MemberNotInvited if the user is a member of {@code room}
   * @throws CommandException.Usage {@code no invitation to #ROOM to decline} if the user is neither
   *     invited to nor a member of {@code room}
   */
  void decline(String room);

  /** The rooms on the relay. */
  List<RoomView> rooms();

  /** The members of a conversation with presence and trust. */
  List<MemberView> members(String conversation);

  /**
   * Encrypts {@code text} to every member of {@code conversation} and sends it; returns once the
   * relay has stored it durably.
   *
   * @throws chat.cli.CommandException.Untrusted if a member's key changed and was not accepted, or
   *     the relay lists members this client was never told about (sending again includes them)
   */
  default ChatMessage send(String conversation, String text) {
    return send(conversation, text, false);
  }

  /**
   * As {@link #send(String, String)}; with {@code action} true the text is an action ({@code /me
   * waves}), shown as the sender doing it.
   */
  default ChatMessage send(String conversation, String text, boolean action) {
    return send(conversation, text, action, null);
  }

  /**
   * As {@link #send(String, String, boolean)}, as a reply to message {@code replyTo} of the
   * conversation (null: no reply). The reply names the message by its id; each member's client
   * shows the message it holds under that id, or that it holds none.
   *
   * @throws chat.cli.CommandException.Usage if {@code replyTo} is not 32 lowercase hex digits
   */
  ChatMessage send(String conversation, String text, boolean action, String replyTo);

  /**
   * As {@link #send(String, String, boolean)}, as an edit of message {@code edits} of the
   * conversation: a new version of that message, which must be this user's own text message or
   * action. Each member's client checks that it is, on the copy it holds, and shows the edit with
   * the start of what it corrects, or that it holds no such message.
   *
   * @throws chat.cli.CommandException.Usage if {@code edits} is not 32 lowercase hex digits
   */
  ChatMessage edit(String conversation, String text, boolean action, String edits);

  /**
   * Sends a reaction: {@code emoji} (one glyph) on message {@code reactsTo} of the conversation,
   * which every member's client shows with the start of that message as it holds it.
   *
   * @throws chat.cli.CommandException.Usage if {@code reactsTo} is not 32 lowercase hex digits or
   *     {@code emoji} is not one glyph
   */
  ChatMessage react(String conversation, String emoji, String reactsTo);

  /**
   * {@code emoji} if it is what {@link #react} sends: one emoji of Unicode's list ({@link
   * chat.cli.emoji.EmojiCatalog#isEmoji}). Front ends ask it before they look anything up.
   *
   * @throws chat.cli.CommandException.Usage if it is not
   */
  static String requireReaction(String emoji) {
    if (!EmojiCatalog.shared().isEmoji(emoji)) {
      throw new chat.cli.CommandException.Usage(
          "a reaction is one emoji, such as 👍 or :+1: (not \"" + TerminalSafe.line(emoji) + "\")");
    }
    return emoji;
  }

  /**
   * {@code typed} as a message id, in lowercase (null stays null); refused, quoted, if it is none.
   * The one wording of a bad message id, whichever command or option named it.
   */
  static String messageId(String typed) {
    String id = typed == null ? null : typed.toLowerCase(Locale.ROOT);
    if (id != null && !MessageIds.isValid(id)) {
      throw new CommandException.Usage(
          "not a message id: \""
              + TerminalSafe.line(typed)
              + "\" (message ids are 32 hex digits, as chat listen --json and chat history --json"
              + " print them)");
    }
    return id;
  }

  /**
   * The id of the newest message in {@code conversation} of a user other than this one and those
   * ignored, among those this client showed or listed lately (not one deleted, nor a reaction):
   * what {@code /react EMOJI} reacts to.
   */
  Optional<String> newestMessageOfOthers(String conversation);

  /**
   * As {@link #newestMessageFrom}, leaving out file offers: the message {@code /edit} corrects when
   * {@code username} is this user.
   */
  Optional<String> newestTextFrom(String conversation, String username);

  /**
   * The id of the newest message {@code username} posted in {@code conversation} among those this
   * client showed or listed lately (in memory, since it started; not one deleted since): what
   * {@code /reply USER} answers.
   */
  Optional<String> newestMessageFrom(String conversation, String username);

  /**
   * {@code message}, a reply or an edit shown before the message it names was listed, given that
   * message as this client holds it now (with every check of a reply's or an edit's first showing);
   * {@code message} itself when that changes nothing. A front end asks it again for such messages
   * once a history page was listed.
   */
  default ChatMessage requoted(ChatMessage message) {
    return message;
  }

  /** The direct conversation id between this user and {@code username}. */
  String directWith(String username);

  /**
   * Whether the relay has an account named {@code username} (in any case). Asks the relay for the
   * key and pins nothing.
   *
   * @throws chat.cli.CommandException if the relay cannot be asked (offline) or its key cannot be
   *     read
   */
  boolean hasAccount(String username);

  /**
   * The text messages among the last {@code limit} messages of a conversation that this user can
   * read, oldest first: {@link #historyPage} without its file offers (which count towards {@code
   * limit}) and without the messages it leaves out because their sender's key changed.
   *
   * @throws chat.cli.CommandException.Usage if {@code limit} is not 1 to {@link #MAX_HISTORY}
   */
  default List<ChatMessage> history(String conversation, int limit) {
    return historyPage(conversation, limit).messages();
  }

  /**
   * The last {@code limit} messages of a conversation that this user can read, oldest first, file
   * offers among them in their place (each counts as one message; it is also filed for {@link
   * #acceptFile}, but not reported to the listeners), and how many messages among them are held
   * because they are signed with a sender's new key that was not accepted. Held messages do not
   * count towards {@code limit}; {@link #trust} shows them to the listeners.
   *
   * @throws chat.cli.CommandException.Usage if {@code limit} is not 1 to {@link #MAX_HISTORY}
   */
  HistoryPage historyPage(String conversation, int limit);

  /**
   * The refusal of a message that would show nothing ({@link TerminalSafe#showsNothing}), however
   * it was typed.
   */
  String NOTHING_TO_SEND = "no message: the text shows nothing";

  /**
   * Stops handing out messages, for a reader that can show no more ({@code chat listen} after
   * {@code --count} messages, or once its output is gone): no later message or file offer is
   * reported, marked as seen or passed by its conversation's cursor, so the next client of this
   * profile gets it, and a catch-up under way ends without a notice. Events other than messages are
   * still reported.
   *
   * @param refuseCurrent when called from {@link ClientListener#onMessage} or {@link
   *     ClientListener#onFileOffer}: leave the message being reported unseen too (it could not be
   *     shown)
   */
  void stopMessages(boolean refuseCurrent);

  /** Registers a listener for events. */
  void addListener(ClientListener listener);

  /** Removes a listener. */
  void removeListener(ClientListener listener);

  /** Closes the connection (the stored session stays valid for resume). */
  @Override
  void close();

  /** Adds, accepts, declines or removes a friend; returns where the two now stand. */
  Friendship friend(FriendAction action, String username);

  /** Friends (with presence) and pending requests both ways. */
  List<FriendView> friends();

  /** Where this user stands with {@code username}, from {@link #friends()}. */
  default Friendship friendship(String username) {
    return friends().stream()
        .filter(friend -> friend.username().equalsIgnoreCase(username))
        .map(FriendView::friendship)
        .findFirst()
        .orElse(Friendship.NONE);
  }

  /** Marks this user away, with an optional {@code message} (empty for none; 200 characters). */
  void away(String message);

  /** Marks this user back (online). */
  void back();

  /** Whether this user said {@link #away} on this session and not {@link #back} since. */
  boolean isAway();
}
