package chat.cli.client;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.emoji.EmojiCatalog;
import chat.crypto.Fingerprint;
import chat.crypto.SafetyNumber;
import chat.protocol.MessageIds;
import chat.protocol.Usernames;
import java.nio.file.Path;
import java.time.Duration;
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
 * arrive through {@link ClientListener}s.
 */
public interface ChatClient extends AutoCloseable {
  /**
   * The most messages one {@link #history} call returns: {@code chat history -n} and {@code
   * /history} allow up to this.
   */
  int MAX_HISTORY = 10_000;

  /**
   * Creates the identity locally (key file under the home directory, sealed with {@code
   * passphrase}), registers {@code username} with its public bundle and an encrypted key backup,
   * and logs in.
   */
  void register(String username, char[] password, char[] passphrase);

  /**
   * Refuses what {@link #register} would refuse in {@code username}'s profile before reaching the
   * relay: a name that reads as "you" ({@link chat.protocol.Usernames#isReserved}), a profile
   * holding a key change cut short ({@code identity.key.pending}). Front ends call it before they
   * ask for the password and the passphrase, so that nobody types them for nothing. Local: never
   * touches the network.
   *
   * @throws CommandException.Usage naming the file and what to do, or if {@code username} is not a
   *     valid name
   */
  void checkRegistrable(String username);

  /**
   * Asks the relay whether {@code username} could be registered now, on a connection of its own
   * that sends nothing secret and pins no certificate: front ends call it after {@link
   * #checkRegistrable}, before they ask for the password and the passphrase, so that a taken name
   * is said before they are typed. A relay too old to be asked (before wire version 16), or one
   * that has had too many name checks from this address, is not: the registration checks the name
   * all the same. Also tells that the relay can be reached, as {@link #checkReachable} does.
   *
   * @throws CommandException.Usage with the relay's words if the name is taken, too like a taken
   *     one, or not allowed
   * @throws CommandException.Network if the relay cannot be reached, or presents another
   *     certificate than the one pinned for it
   */
  void checkNameFree(String username);

  /**
   * Logs in with the password, unlocks the local key file with {@code passphrase} (or restores it
   * from the relay's encrypted backup when this machine has none), then catches up from the
   * cursors.
   */
  void login(String username, char[] password, char[] passphrase);

  /**
   * As {@link #login(String, char[], char[])}, taking the key passphrase from {@code passphrase}.
   * The relay client asks for it only once the relay has accepted the password, so a mistyped
   * password is reported before the passphrase is typed; this default asks first. The array it
   * returns is zeroed after use.
   */
  default void login(
      String username, char[] password, java.util.function.Supplier<char[]> passphrase) {
    char[] typed = passphrase.get();
    try {
      login(username, password, typed);
    } finally {
      java.util.Arrays.fill(typed, '\0');
    }
  }

  /**
   * Replaces the identity keys of {@code username}, for a forgotten key passphrase or a key that
   * leaked: logs in with the password, makes a new key pair sealed with {@code newPassphrase} (the
   * old key file is not needed), has the relay replace the registered key and the encrypted key
   * backup in one step (it checks the password again), writes the new key file, and goes on logged
   * in with the new keys. Contacts then see the key as changed until they accept it. The new files
   * are staged as {@code identity.key.pending} before the relay is told and renamed into place
   * after its reply; a run cut short in between is settled by the next login or resume.
   *
   * @throws chat.cli.CommandException.Auth if the password is wrong or {@code newPassphrase} is
   *     shorter than 8 characters
   * @throws chat.cli.CommandException.FileAccess if the profile cannot be written (the message says
   *     whether the relay was told)
   * @throws chat.cli.CommandException.Network if the reply was lost (the next start settles it)
   */
  void replaceKeys(String username, char[] password, char[] newPassphrase);

  /**
   * Changes the passphrase of the logged-in user's key file, keeping the keys: seals them under
   * {@code newPassphrase}, has the relay replace the encrypted key backup with that (so a login on
   * another machine asks the new passphrase; the relay checks the account {@code password} again
   * for it), then replaces the key file here.
   *
   * @throws chat.cli.CommandException.Auth if {@code newPassphrase} is shorter than 8 characters or
   *     the password is wrong
   * @throws chat.cli.CommandException.FileAccess if the profile cannot be written: before the relay
   *     is told (nothing changed), or after (the next login or resume finishes the change)
   */
  void changePassphrase(char[] password, char[] newPassphrase);

  /**
   * Changes the account password of the logged-in user: the relay checks {@code password} (the
   * current one) as a login does, stores {@code newPassword} and ends every other session of the
   * account (other devices must log in again with the new password). This session stays; the keys
   * and their passphrase do not change.
   *
   * @return how many other sessions the relay ended
   * @throws chat.cli.CommandException.Auth if {@code password} is wrong or {@code newPassword} is
   *     shorter than {@link InputRules#MIN_PASSWORD_CHARS}
   * @throws chat.cli.CommandException.RateLimited after too many failed logins of the account
   */
  int changePassword(char[] password, char[] newPassword);

  /**
   * The sessions of the logged-in user's account (their logged-in devices), most recently used
   * first, at most 100; this client's own is marked {@link SessionView#current()}.
   *
   * @throws chat.cli.CommandException.Usage if the relay is older and cannot list sessions
   */
  List<SessionView> sessions();

  /**
   * Ends another session of the logged-in user's account, named by its {@link SessionView#id()}:
   * the relay revokes it and disconnects the device that holds it, which must log in again with the
   * password. This client's own session is ended with {@link #logout()} instead.
   *
   * @throws chat.cli.CommandException.Usage if {@code id} is not a session id, is this session's,
   *     or names no session of the account
   */
  void endSession(String id);

  /**
   * Resumes the session stored under the home directory without a password (no bcrypt on the
   * relay), unlocking the key file with {@code passphrase}.
   *
   * @throws chat.cli.CommandException.Auth if there is no stored session or it expired
   */
  void resume(String username, char[] passphrase);

  /**
   * Checks that the relay accepts connections and shows the certificate pinned in {@code
   * username}'s profile, if one is pinned there (a TLS handshake, then the connection closed;
   * nothing is sent or pinned), so that a person is not asked for a password and a passphrase
   * before finding out it is down or no longer the relay this machine knows.
   *
   * @throws chat.cli.CommandException.Network if it cannot be reached, or its certificate changed
   *     ({@link chat.cli.CommandException.Network#certificateChanged})
   */
  void checkReachable(String username);

  /**
   * Whether this machine holds a session token for {@code username} on this relay, so that {@link
   * #resume} can log in without the password. Local: never touches the network.
   */
  boolean hasStoredSession(String username);

  /**
   * Whether this machine's profile for {@code username} holds a key file ({@link #register} then
   * registers its keys instead of making new ones). Local: never touches the network.
   */
  boolean hasIdentity(String username);

  /**
   * Revokes the session on the relay and forgets the stored token. If the profile cannot be written
   * the session is over all the same: that is a warning through {@link ClientListener#onNotice}. A
   * session the relay had already ended is forgotten as well.
   *
   * @throws chat.cli.CommandException.Network ({@code not logged out: ...}) while not connected, or
   *     when the relay's answer does not come: the session stays, here and on the relay, so that a
   *     logout once connected can end it
   */
  void logout();

  /**
   * Writes what this machine remembers of the session (its token, cursors, accepted message ids)
   * now, even if nothing changed. One-shot commands call it before a change on the relay, so that a
   * full or read-only profile refuses before anything goes out rather than after.
   *
   * @throws chat.cli.CommandException.FileAccess if it cannot be written
   * @throws chat.cli.CommandException.Usage if not logged in
   */
  void saveState();

  /**
   * {@link #saveState()} for {@code username}'s profile, logged in or not: for a change that logs
   * in by itself ({@code chat keys replace}, {@code /rekey}), so that a full or read-only profile
   * refuses before the relay is told anything.
   *
   * @throws chat.cli.CommandException.FileAccess if it cannot be written
   * @throws chat.cli.CommandException.Usage if {@code username} is not a valid name
   */
  void saveState(String username);

  /**
   * Ends the session stored on this machine for {@code username} without logging in and without the
   * key passphrase, so that someone who lost it can still end the session: the relay revokes the
   * stored token (which alone resumes the session), and it is forgotten here.
   *
   * @return whether the relay still knew the session; false if it had already ended (expired, or
   *     logged out elsewhere), in which case the token is forgotten all the same. If the profile
   *     cannot be written the session is over all the same: that is a warning through {@link
   *     ClientListener#onNotice}
   * @throws chat.cli.CommandException.Auth if no session is stored for {@code username}
   * @throws chat.cli.CommandException.Network if the relay cannot be reached
   */
  boolean revokeStoredSession(String username);

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

  /** The fingerprint of {@code username}'s identity (this user's own for their own name). */
  Fingerprint fingerprint(String username);

  /** The safety number between this user and {@code username}. */
  SafetyNumber safetyNumber(String username);

  /**
   * This client's trust in {@code username}'s key ({@link TrustState#VERIFIED} for your own).
   * Local: never touches the network.
   */
  TrustState trustState(String username);

  /**
   * What a safety number typed to {@link #verify} must look like, as every command that takes one
   * ({@code /verify}, {@code chat keys verify}) says when it is malformed.
   */
  String SAFETY_NUMBER_FORM = SafetyNumber.DIGITS + " digits (spaces are ignored)";

  /**
   * The refusal of a message that would show nothing ({@link TerminalSafe#showsNothing}), however
   * it was typed.
   */
  String NOTHING_TO_SEND = "no message: the text shows nothing";

  /**
   * Why {@code typed} is no safety number: its form, and first, for the 64 hex digits of a
   * fingerprint given in its place, that it is one.
   */
  static String notASafetyNumber(String typed) {
    boolean fingerprint = typed.replaceAll("\\s", "").matches("[0-9a-fA-F]{64}");
    return (fingerprint ? "that is a fingerprint, not a safety number: " : "")
        + "a safety number is "
        + SAFETY_NUMBER_FORM;
  }

  /**
   * Marks {@code username} verified if {@code safetyNumber} matches.
   *
   * @throws chat.cli.CommandException.Untrusted if it does not match
   */
  void verify(String username, String safetyNumber);

  /**
   * Accepts {@code username}'s current key (after a change): pins it, unverified, and shows the
   * listeners the messages held until then, those a history page reported as held included.
   */
  void trust(String username);

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

  /**
   * Shares {@code file} in {@code conversation}: encrypts it as a stream under a fresh file key,
   * uploads the ciphertext in chunks (resuming where the relay stopped after a lost connection),
   * then sends the members an envelope carrying the file's id, name, size, SHA-256 and key. Blocks
   * until the offer is stored; progress is reported through {@link ClientListener#onFileTransfer}.
   *
   * @throws chat.cli.CommandException.Untrusted if a member's key changed and was not accepted, or
   *     the relay lists members this client was never told about (sending again includes them), as
   *     for {@link #send}; either is checked before the upload and again for the offer
   * @throws chat.cli.CommandException.FileAccess if the file cannot be read
   */
  FileOffer sendFile(String conversation, Path file);

  /**
   * Downloads an offered file ({@code fileId} or a unique prefix of at least 4 hex digits) into the
   * download directory: fetches the ciphertext (resuming a partial download kept there), decrypts
   * and authenticates the stream, checks the size and SHA-256 against the offer, and only then
   * moves it into place under a sanitized name that never replaces an existing file. Blocks until
   * done; progress is reported through {@link ClientListener#onFileTransfer}. A file downloaded
   * before is not fetched again: its saved path is returned, or, when it was saved in another
   * folder, it is copied into the download directory if it still matches the offer.
   *
   * @return where the file was saved
   * @throws chat.cli.CommandException.EnvelopeRejected if the file did not authenticate or does not
   *     match the offer (nothing is kept)
   */
  Path acceptFile(String fileId);

  /**
   * The offer {@code fileId} (or a unique prefix of at least 4 hex digits) names, searching recent
   * history when it is not known yet; after {@link #acceptFile} of the same id it is known.
   *
   * @throws chat.cli.CommandException.Usage if no offer, or more than one, matches
   */
  FileOffer fileOffer(String fileId);

  /**
   * Declines an offered file: it is marked rejected here and never downloaded. Local only. If it is
   * being downloaded now, that download stops before its next chunk (or before the file is put in
   * place), deletes what it fetched and marks it rejected; returns true then.
   */
  boolean rejectFile(String fileId);

  /**
   * Cancels a file this user is sending now ({@link #sendFile} running): the one whose id starts
   * with {@code fileId} (4 or more hex digits), or the only one when {@code fileId} is empty. It
   * stops before its next chunk or before its offer goes out, is deleted on the relay, and its
   * {@link #sendFile} fails with {@code stopped: you cancelled it}. Returns the file's name.
   *
   * @throws chat.cli.CommandException.Usage if no file being sent, or several, match
   */
  String cancelFileSend(String fileId);

  /** What a {@link #sendFile} its sender cancelled fails with ({@link #cancelFileSend}). */
  String SEND_CANCELLED = "stopped: you cancelled it";

  /**
   * The message of the {@link CommandException.Usage} an {@link #acceptFile} fails with when {@link
   * #rejectFile} stopped it: what was asked for, which a front end says as done, not as a failure.
   */
  String DOWNLOAD_REJECTED = "stopped: you rejected it";

  /**
   * Files offered in this user's conversations (recent history is searched) and files this user
   * sent, with their state here, newest first.
   */
  List<FileTransfer> files();

  /** Closes the connection (the stored session stays valid for resume). */
  @Override
  void close();

  /**
   * Creates a group: an invite-only room {@code #name} owned by this user, who joins it. Others
   * join after an invitation with {@link #join}.
   */
  void createGroup(String name);

  /**
   * Reports {@code username} to the relay's operator, with {@code reason} (one line, 1 to 200
   * characters), and where they were seen: {@code conversation}, a room this user is in or their
   * private conversation with {@code username} (null for neither). The relay keeps the report in
   * its audit log, which only its operator reads; the user reported is not told. Returns the name
   * as registered.
   *
   * @throws chat.cli.CommandException.Usage if the reason is empty or not one line of at most 200
   *     characters, the relay is older than wire version 17, or the relay refuses the report (no
   *     such user, oneself, a conversation this user is not in)
   */
  String report(String username, String conversation, String reason);

  /**
   * Invites, kicks, bans, unbans, mutes, unmutes, promotes, demotes or hands ownership of group
   * {@code room} to {@code username}; the relay refuses what this user's role does not allow.
   */
  default void administer(String room, GroupAction action, String username) {
    administer(room, action, username, "");
  }

  /**
   * {@link #administer(String, GroupAction, String)}, telling the user and the members why: {@code
   * reason} (empty for none, at most 200 characters) goes with a kick, a ban or a mute.
   *
   * @throws chat.cli.CommandException.Usage if a reason goes with another action, is too long or
   *     has control characters, or the relay is older than wire version 10 (it cannot carry one)
   */
  void administer(String room, GroupAction action, String username, String reason);

  /**
   * Bans {@code username} from group {@code room} for {@code length} (whole minutes, 1 minute to
   * 365 days), after which the ban ends by itself; null for a ban until lifted. {@code reason} as
   * for {@link #administer(String, GroupAction, String, String)}.
   *
   * @throws chat.cli.CommandException.Usage if the length is out of range, or the relay is older
   *     than wire version 11 (it cannot end a ban by itself)
   */
  void ban(String room, String username, String reason, Duration length);

  /**
   * Mutes {@code username} in group {@code room}: they still read it, but the relay refuses their
   * messages and files there, until {@code length} (as for {@link #ban}; null: until lifted) ends
   * or {@link GroupAction#UNMUTE} lifts it. {@code reason} as for a ban.
   *
   * @throws chat.cli.CommandException.Usage if the length is out of range, or the relay is older
   *     than wire version 12 (it cannot mute)
   */
  void mute(String room, String username, String reason, Duration length);

  /**
   * Who is banned from group {@code room} (owner or admin), by whom, when and why, in order of the
   * banned users' lowercase names; every page of the relay's list is fetched.
   *
   * @throws chat.cli.CommandException.Usage if the relay is older than wire version 11 (it cannot
   *     list bans)
   */
  List<BanView> bans(String room);

  /** Most messages one deletion takes: {@code /delete} and {@code chat delete} say so. */
  int MAX_DELETE = 100;

  /**
   * Deletes the messages {@code messageIds} (1 to {@link #MAX_DELETE} ids of 32 hex digits, as
   * {@code chat listen --json} prints them) from {@code conversation} on the relay: this user's own
   * in any conversation they are in; in a group, as its owner or an admin, those of the members
   * this user outranks. All must be of one sender. Every member's client stops showing them ({@link
   * ClientListener#onDeleted}).
   *
   * @return what the relay deleted
   * @throws chat.cli.CommandException.Usage if an id is malformed, a message is not there or not
   *     this user's to delete, or the relay is older than wire version 13 (it cannot delete)
   */
  Deletion deleteMessages(String conversation, List<String> messageIds);

  /**
   * Deletes the newest {@code count} (1 to {@link #MAX_DELETE}) messages of {@code sender} among
   * the last 1000 of {@code conversation}, with {@link #deleteMessages}'s rules; fewer if there are
   * fewer, none if there are none.
   *
   * @return what the relay deleted (its ids empty if there was nothing to delete)
   */
  Deletion deleteNewest(String conversation, String sender, int count);

  /** Changes a group's display title (owner or admin); its id {@code #name} stays. */
  void renameGroup(String room, String title);

  /** Ends a group (owner only): everyone is removed and its stored messages are deleted. */
  void disbandGroup(String room);

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
