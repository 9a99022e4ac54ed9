package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.BanView;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.ClientListener;
import chat.cli.client.ClientOptions;
import chat.cli.client.ConnectionState;
import chat.cli.client.Deletion;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.FriendAction;
import chat.cli.client.FriendView;
import chat.cli.client.Friendship;
import chat.cli.client.GroupAction;
import chat.cli.client.HistoryPage;
import chat.cli.client.KeptList;
import chat.cli.client.MemberView;
import chat.cli.client.RoomView;
import chat.cli.client.SessionView;
import chat.cli.client.TrustState;
import chat.crypto.EnvelopeOpener;
import chat.crypto.EnvelopeSealer;
import chat.crypto.Fingerprint;
import chat.crypto.KdfParameters;
import chat.crypto.SafetyNumber;
import chat.protocol.ConversationIds;
import chat.protocol.LogoutReply;
import chat.protocol.LogoutRequest;
import chat.protocol.Usernames;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The networked {@link ChatClient}: logs in over a pinned TLS connection, seals every message to
 * the pinned keys of the conversation's members and opens what arrives (see {@link Inbox}). Login,
 * catch-up, events and reconnects are in {@link SessionManager}; this class holds the operations a
 * logged-in user performs.
 */
public final class RelayChatClient implements ChatClient {
  /**
   * How long a message whose answer was lost with the connection waits for the connection to come
   * back before giving up: a live client reconnects within seconds when the relay is there.
   */
  static final Duration TEXT_PATIENCE = Duration.ofSeconds(30);

  private final SessionManager sessions;
  private final SessionRequests sessionList;
  private final TextMessages texts;
  private final SocialRequests social;
  private final FileTransfers files;
  private final KeyTrust keyTrust;
  private final RoomRequests rooms;
  private final HistoryPages historyPages;

  /**
   * A client for {@code options}; connects on the first register, login or resume.
   *
   * @param kdf the Argon2id costs of key files this client writes
   */
  public RelayChatClient(
      ClientOptions options, SecureRandom random, Clock clock, KdfParameters kdf) {
    this(options, random, clock, kdf, DurableFiles.SYSTEM, ProfileWriter.FILES);
  }

  /**
   * A client whose identity-file changes go through {@code files} and whose contacts' pinned keys
   * are written through {@code writer} (tests: a crash at a chosen step, a full disk).
   */
  public RelayChatClient(
      ClientOptions options,
      SecureRandom random,
      Clock clock,
      KdfParameters kdf,
      DurableFiles files,
      ProfileWriter writer) {
    this.sessions =
        new SessionManager(options, random, clock, kdf, new EnvelopeOpener(random), files, writer);
    EnvelopeSealer sealer = new EnvelopeSealer(random, clock);
    this.social = new SocialRequests(sessions);
    this.sessionList = new SessionRequests(sessions);
    this.texts = new TextMessages(sessions, EnvelopeSender.forText(sealer));
    this.files = new FileTransfers(sessions, random, clock, sealer, this::history);
    this.keyTrust = new KeyTrust(sessions);
    this.rooms = new RoomRequests(sessions);
    this.historyPages = new HistoryPages(sessions);
  }

  @Override
  public void register(String username, char[] password, char[] passphrase) {
    sessions.register(username, password, passphrase);
  }

  @Override
  public void checkRegistrable(String username) {
    sessions.checkRegistrable(username);
  }

  @Override
  public void checkNameFree(String username) {
    sessions.checkNameFree(username);
  }

  @Override
  public void login(String username, char[] password, char[] passphrase) {
    sessions.login(username, password, () -> passphrase.clone());
  }

  @Override
  public void login(
      String username, char[] password, java.util.function.Supplier<char[]> passphrase) {
    sessions.login(username, password, passphrase);
  }

  @Override
  public void replaceKeys(String username, char[] password, char[] newPassphrase) {
    sessions.replaceKeys(username, password, newPassphrase);
  }

  @Override
  public void changePassphrase(char[] password, char[] newPassphrase) {
    sessions.changePassphrase(password, newPassphrase);
  }

  @Override
  public int changePassword(char[] password, char[] newPassword) {
    return PasswordChange.change(sessions.require(), password, newPassword);
  }

  @Override
  public List<SessionView> sessions() {
    return sessionList.list();
  }

  @Override
  public void endSession(String id) {
    sessionList.end(id);
  }

  @Override
  public void resume(String username, char[] passphrase) {
    sessions.resume(username, passphrase);
  }

  @Override
  public void checkReachable(String username) {
    sessions.checkReachable(username);
  }

  @Override
  public boolean hasStoredSession(String username) {
    return sessions.hasStoredSession(username);
  }

  @Override
  public boolean hasIdentity(String username) {
    return Usernames.isValid(username) && IdentityFiles.exists(sessions.profileFor(username));
  }

  @Override
  public void logout() {
    Session session = sessions.requireLocal();
    try {
      sessions.require(); // a one-shot client's lost connection resumed, or why it cannot be
      RelayConnection relay = session.connection();
      relay.call(new LogoutRequest(relay.nextId()), LogoutReply.class);
    } catch (CommandException.Network e) {
      // Not connected, or no answer: the relay may still hold the session. Its token is kept, so
      // that a logout once connected ends it; forgotten here, it would stay valid on the relay
      // (until it expires) with nothing on this device able to end it.
      throw new CommandException.Network("not logged out: " + e.getMessage(), e);
    } catch (CommandException.SessionEnded e) {
      // Already ended on the relay: what was asked for; forgotten here below. Anything else the
      // relay refused (a rate limit) goes to the caller, the session kept on both sides.
    }
    sessions.logout(session);
  }

  @Override
  public void saveState() {
    sessions.requireLocal().state.saveNow();
  }

  @Override
  public void saveState(String username) {
    StoredSessions.saveNow(sessions, username);
  }

  @Override
  public boolean revokeStoredSession(String username) {
    return sessions.revokeStored(username);
  }

  @Override
  public String serverAddress() {
    return sessions.options().server();
  }

  @Override
  public List<String> knownUsers() {
    Optional<Session> session = sessions.current();
    if (session.isEmpty()) {
      return List.of();
    }
    TreeSet<String> names = new TreeSet<>(session.get().contacts.usernames());
    for (String conversation : session.get().conversations()) {
      session
          .get()
          .members
          .cached(conversation)
          .ifPresent(list -> list.forEach(m -> names.add(m.username())));
    }
    return List.copyOf(names);
  }

  @Override
  public Optional<String> username() {
    return sessions.current().filter(Session::ready).map(Session::username);
  }

  @Override
  public ConnectionState connectionState() {
    return sessions.connectionState();
  }

  @Override
  public List<String> conversations() {
    return sessions.current().map(Session::conversations).orElse(List.of());
  }

  @Override
  public KeptList keptList() {
    return sessions.current().map(session -> session.state.keptList()).orElse(KeptList.NONE);
  }

  @Override
  public void keepList(String username, KeptList list) {
    sessions
        .current()
        .filter(session -> Usernames.key(session.username()).equals(Usernames.key(username)))
        .ifPresent(session -> session.state.keepList(list));
  }

  @Override
  public Set<String> ignoredUsers() {
    return sessions.current().map(session -> session.ignored.current()).orElse(Set.of());
  }

  @Override
  public List<String> listIgnoredUsers() {
    return new TreeSet<>(sessions.requireLocal().ignored.checked()).stream().toList();
  }

  @Override
  public boolean ignore(String username, boolean ignore) {
    if (!Usernames.isValid(username)) {
      throw new CommandException.Usage("not a username: " + username);
    }
    return sessions.requireLocal().ignored.change(username, ignore);
  }

  /** {@code room} as a room id: {@code #name}, lowercase. */
  static String roomId(String room) {
    String name = room.startsWith("#") ? room.substring(1) : room;
    String id = "#" + name.toLowerCase(Locale.ROOT);
    if (!ConversationIds.isRoom(id)) {
      throw CommandException.Usage.notARoomName(room);
    }
    return id;
  }

  @Override
  public void join(String room) {
    rooms.join(room);
  }

  @Override
  public void leave(String room) {
    naming(roomId(room), () -> rooms.leave(room));
  }

  @Override
  public void close(String conversation) {
    rooms.close(directId(conversation));
  }

  @Override
  public void open(String conversation) {
    rooms.open(directId(conversation));
  }

  private static String directId(String conversation) {
    if (!ConversationIds.isDirect(conversation)) {
      throw new CommandException.Usage("not a private conversation: " + conversation);
    }
    return conversation;
  }

  @Override
  public void decline(String room) {
    rooms.decline(room);
  }

  @Override
  public List<RoomView> rooms() {
    return rooms.list();
  }

  @Override
  public List<MemberView> members(String conversation) {
    String id = conversationId(conversation);
    return naming(id, () -> rooms.members(id));
  }

  private <T> T naming(String conversation, Supplier<T> request) {
    return ConversationNaming.naming(sessions, conversation, request);
  }

  private void naming(String conversation, Runnable request) {
    ConversationNaming.naming(sessions, conversation, request);
  }

  static String conversationId(String conversation) {
    try {
      return ConversationIds.require(conversation);
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage("not a conversation: " + conversation);
    }
  }

  @Override
  public ChatMessage send(String conversation, String text, boolean action, String replyTo) {
    return texts.send(conversation, text, action, replyTo, null);
  }

  @Override
  public ChatMessage edit(String conversation, String text, boolean action, String edits) {
    return texts.send(conversation, text, action, null, edits);
  }

  @Override
  public ChatMessage react(String conversation, String emoji, String named) {
    return texts.react(conversation, emoji, named);
  }

  @Override
  public ChatMessage requoted(ChatMessage message) {
    // asked by a front end's own thread: logged out meanwhile, nothing is held
    return sessions
        .current()
        .map(session -> (ChatMessage) session.inbox.quotes.requoted(message))
        .orElse(message);
  }

  @Override
  public Optional<String> newestMessageOfOthers(String conversation) {
    Session session = sessions.requireLocal();
    return session.inbox.quotes.newestNotFrom(
        conversationId(conversation), session.username(), ignoredUsers());
  }

  @Override
  public Optional<String> newestTextFrom(String conversation, String username) {
    return sessions
        .requireLocal()
        .inbox
        .quotes
        .newestTextFrom(conversationId(conversation), username);
  }

  @Override
  public Optional<String> newestMessageFrom(String conversation, String username) {
    return sessions.requireLocal().inbox.quotes.newestFrom(conversationId(conversation), username);
  }

  @Override
  public boolean hasAccount(String username) {
    Session session = sessions.require();
    try {
      session.keys.fetch(username);
      return true;
    } catch (CommandException.NoSuchUser e) {
      return false;
    }
  }

  @Override
  public String directWith(String username) {
    Session session = sessions.requireLocal();
    if (!Usernames.isValid(username)) {
      throw CommandException.Usage.notAUsername(username);
    }
    String me = session.me().userId();
    if (Usernames.key(me).equals(Usernames.key(username))) {
      throw new CommandException.Usage("that is you: pick someone else to talk to privately");
    }
    return ConversationIds.direct(me, username);
  }

  @Override
  public HistoryPage historyPage(String conversation, int limit) {
    if (limit < 1 || limit > MAX_HISTORY) {
      throw new CommandException.Usage("history size must be 1 to " + MAX_HISTORY);
    }
    sessions.requireLocal(); // not logged in is said before a mistyped conversation
    String id = conversationId(conversation);
    return naming(id, () -> historyPages.last(id, limit));
  }

  @Override
  public Fingerprint fingerprint(String username) {
    return keyTrust.fingerprint(username);
  }

  @Override
  public SafetyNumber safetyNumber(String username) {
    return keyTrust.safetyNumber(username);
  }

  @Override
  public String spelling(String username) {
    return keyTrust.spelling(username);
  }

  @Override
  public TrustState trustState(String username) {
    return keyTrust.trustState(username);
  }

  @Override
  public void verify(String username, String safetyNumber) {
    keyTrust.verify(username, safetyNumber);
  }

  @Override
  public void trust(String username) {
    keyTrust.trust(username);
  }

  @Override
  public FileOffer sendFile(String conversation, Path file) {
    if (!ConversationIds.isRoom(conversation) && !ConversationIds.isDirect(conversation)) {
      return files.send(conversation, file); // refused there as not a conversation
    }
    return naming(conversation, () -> files.send(conversation, file));
  }

  @Override
  public Path acceptFile(String fileId) {
    try {
      return files.accept(fileId);
    } catch (CommandException.NotMember e) {
      // Out of the offer's conversation (left, removed) before or while it downloads: named,
      // where the relay says "this conversation".
      String conversation;
      try {
        conversation = files.offer(fileId).conversation();
      } catch (CommandException notFound) {
        throw e;
      }
      throw new CommandException.NotMember(
          CommandException.NotMember.naming(ConversationNaming.label(sessions, conversation))
                  .getMessage()
              + ": only its members may download its files (what was fetched is kept, and the"
              + " download resumes if you join it again)");
    }
  }

  @Override
  public FileOffer fileOffer(String fileId) {
    return files.offer(fileId);
  }

  @Override
  public boolean rejectFile(String fileId) {
    return files.reject(fileId);
  }

  @Override
  public String cancelFileSend(String fileId) {
    return files.cancel(fileId);
  }

  @Override
  public List<FileTransfer> files() {
    return files.list();
  }

  @Override
  public void stopMessages(boolean refuseCurrent) {
    sessions.listeners().stopMessages(refuseCurrent);
  }

  @Override
  public void addListener(ClientListener listener) {
    sessions.listeners().add(listener);
  }

  @Override
  public void removeListener(ClientListener listener) {
    sessions.listeners().remove(listener);
  }

  /** How long closing waits for the file transfers it ends to finish their own ending. */
  private static final Duration TRANSFERS_END = Duration.ofSeconds(2);

  @Override
  public void close() {
    sessions.close();
    files.awaitEnded(TRANSFERS_END);
  }

  @Override
  public void createGroup(String name) {
    social.createGroup(name);
  }

  @Override
  public void administer(String room, GroupAction action, String username, String reason) {
    social.administer(room, action, username, reason);
  }

  @Override
  public void ban(String room, String username, String reason, Duration length) {
    social.administer(room, GroupAction.BAN, username, reason, length);
  }

  @Override
  public void mute(String room, String username, String reason, Duration length) {
    social.administer(room, GroupAction.MUTE, username, reason, length);
  }

  @Override
  public String report(String username, String conversation, String reason) {
    return social.report(username, conversation, reason);
  }

  @Override
  public void renameGroup(String room, String title) {
    social.rename(room, title);
  }

  @Override
  public void disbandGroup(String room) {
    social.disband(room);
  }

  @Override
  public Friendship friend(FriendAction action, String username) {
    return social.friend(action, username);
  }

  @Override
  public Deletion deleteMessages(String conversation, List<String> messageIds) {
    String id = conversationId(conversation);
    return naming(id, () -> social.deleteMessages(id, messageIds));
  }

  @Override
  public Deletion deleteNewest(String conversation, String sender, int count) {
    String id = conversationId(conversation);
    return naming(id, () -> social.deleteNewest(id, sender, count));
  }

  @Override
  public List<BanView> bans(String room) {
    return social.bans(room);
  }

  @Override
  public List<FriendView> friends() {
    return social.friends();
  }

  @Override
  public void away(String message) {
    social.away(message);
  }

  @Override
  public void back() {
    social.back();
  }

  @Override
  public boolean isAway() {
    return sessions.current().map(session -> session.away() != null).orElse(false);
  }
}
