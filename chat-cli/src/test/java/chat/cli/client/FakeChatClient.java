package chat.cli.client;

import chat.cli.CommandException;
import chat.crypto.Fingerprint;
import chat.crypto.SafetyNumber;
import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link ChatClient} for front-end and command tests: no relay, no crypto. Records the
 * calls it gets ({@link #calls}), keeps rooms and messages in maps, and lets a test play the relay
 * with {@link #deliver}, {@link #fireMembership}, {@link #firePresence} and so on. Passwords and
 * passphrases given to it are recorded as strings in {@link #secrets} so tests can check what a
 * front end asked for.
 */
public final class FakeChatClient implements ChatClient {
  /** Every call, as {@code "name arg1 arg2"}; secrets are not included. */
  public final List<String> calls = new CopyOnWriteArrayList<>();

  /** The passwords and passphrases received, in order. */
  public final List<String> secrets = new CopyOnWriteArrayList<>();

  /** Conversation id to its messages, oldest first. */
  public final Map<String, List<ChatMessage>> messages = new TreeMap<>();

  /** Conversation id to what its history pages report as held. */
  public final Map<String, List<HeldMessages>> held = new TreeMap<>();

  /** Conversation id to what its history pages report as left out for good. */
  public final Map<String, List<LeftOutMessages>> leftOut = new TreeMap<>();

  /** Per conversation, how many stored messages history says were not encrypted to this user. */
  public final Map<String, Long> notForYou = new TreeMap<>();

  /** Conversation id to its members. */
  public final Map<String, List<MemberView>> members = new TreeMap<>();

  /** Groups the user holds an invitation to: a {@link #leave} of one declines it, as the relay. */
  public final java.util.Set<String> invitations = new TreeSet<>();

  /** Direct conversations this user closed ({@link #close}): left out of the conversations. */
  public final java.util.Set<String> closed = new TreeSet<>();

  /** Username to trust state. */
  public final Map<String, TrustState> trust = new HashMap<>();

  /** Names as registered, by lowercase key ({@link #spelling}); unlisted ones as given. */
  public final Map<String, String> spellings = new HashMap<>();

  /** Usernames with a stored session on this machine. */
  public final java.util.Set<String> storedSessions = new TreeSet<>();

  /** Usernames whose stored session the relay no longer accepts: resume forgets it and throws. */
  public final java.util.Set<String> expiredSessions = new TreeSet<>();

  /** File offers by file id, as {@link #fireFileOffer} or {@link #sendFile} made them. */
  public final Map<String, FileOffer> offers = new TreeMap<>();

  /** What {@link #files()} returns, by file id. */
  public final Map<String, FileTransfer> transfers = new TreeMap<>();

  /** Where {@link #acceptFile} pretends to save files. */
  public volatile Path downloadDirectory = Path.of("downloads");

  /** When set, the next call that reaches the relay throws it (once). */
  public volatile CommandException failNext;

  /** The failure the next call of each name throws (once), as {@code "changePassphrase"}. */
  public final Map<String, CommandException> failOn =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Sends answer as after a lost answer that a relay older than the client only said it had stored:
   * sequence number 0.
   */
  public volatile boolean numberLost;

  /** Friends, presence, group titles and this user's away state. */
  final FakeSocial social = new FakeSocial();

  private final List<ClientListener> listeners = new CopyOnWriteArrayList<>();
  private volatile String user;
  private volatile ConnectionState state = ConnectionState.OFFLINE;
  private long seq;

  private void call(String name, Object... args) {
    StringBuilder line = new StringBuilder(name);
    for (Object arg : args) {
      line.append(' ').append(arg);
    }
    calls.add(line.toString());
    CommandException named = failOn.remove(name);
    if (named != null) {
      throw named;
    }
    CommandException failure = failNext;
    if (failure != null) {
      failNext = null;
      throw failure;
    }
  }

  private void requireLogin() {
    if (user == null) {
      throw new CommandException.Usage("not logged in: /login NAME or /register NAME first");
    }
  }

  @Override
  public void register(String username, char[] password, char[] passphrase) {
    call("register", username);
    secrets.add(new String(password));
    secrets.add(new String(passphrase));
    logIn(username);
  }

  @Override
  public void login(String username, char[] password, char[] passphrase) {
    try {
      call("login", username);
    } catch (CommandException e) {
      user = null; // as the real client, whose login ends the session it replaces first
      throw e;
    }
    secrets.add(new String(password));
    secrets.add(new String(passphrase));
    logIn(username);
  }

  /** The password a login accepts, or null for any (as the relay checks it before the key). */
  public volatile String acceptedPassword;

  @Override
  public void login(
      String username, char[] password, java.util.function.Supplier<char[]> passphrase) {
    if (acceptedPassword != null && !acceptedPassword.equals(new String(password))) {
      call("login", username);
      user = null; // as the real client, whose login ends the session it replaces first
      throw new CommandException.Auth("wrong username or password", null);
    }
    char[] typed = passphrase.get();
    try {
      login(username, password, typed);
    } finally {
      java.util.Arrays.fill(typed, '\0');
    }
  }

  @Override
  public void replaceKeys(String username, char[] password, char[] newPassphrase) {
    call("replaceKeys", username);
    secrets.add(new String(password));
    secrets.add(new String(newPassphrase));
    logIn(username);
  }

  @Override
  public void changePassphrase(char[] password, char[] newPassphrase) {
    call("changePassphrase");
    requireLogin();
    secrets.add(new String(password));
    secrets.add(new String(newPassphrase));
  }

  @Override
  public int changePassword(char[] password, char[] newPassword) {
    call("changePassword");
    requireLogin();
    if (acceptedPassword != null && !acceptedPassword.equals(new String(password))) {
      throw new CommandException.Auth("wrong password: the password was not changed", null);
    }
    InputRules.requireNewPassword(newPassword);
    secrets.add(new String(password));
    secrets.add(new String(newPassword));
    return 1;
  }

  @Override
  public void resume(String username, char[] passphrase) {
    call("resume", username);
    secrets.add(new String(passphrase));
    if (expiredSessions.remove(username)) {
      storedSessions.remove(username);
      throw CommandException.SessionEnded.refused(username); // as the relay client says it
    }
    if (!storedSessions.contains(username)) {
      throw new CommandException.Auth("no stored session for " + username, null);
    }
    logIn(username);
  }

  private void logIn(String username) {
    user = username;
    storedSessions.add(username);
    members.computeIfAbsent(ConversationIds.LOBBY, k -> new ArrayList<>());
    addMember(ConversationIds.LOBBY, username);
    setState(ConnectionState.ONLINE, "logged in as " + username);
  }

  private void addMember(String conversation, String username) {
    List<MemberView> list = members.computeIfAbsent(conversation, k -> new ArrayList<>());
    if (list.stream().noneMatch(m -> m.username().equals(username))) {
      list.add(new MemberView(username, true, trustState(username)));
    }
  }

  /** Whether {@link #checkReachable} fails, as with the relay down. */
  public volatile boolean unreachable;

  /**
   * How often {@link #checkReachable} was called (kept out of {@link #calls}: it changes nothing).
   */
  public final java.util.concurrent.atomic.AtomicInteger reachabilityChecks =
      new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public void checkReachable(String username) {
    reachabilityChecks.incrementAndGet();
    if (unreachable) {
      throw new CommandException.Network("cannot reach the relay at relay.test:7443", null);
    }
  }

  /** Usernames the relay has: {@link #checkNameFree} refuses them. */
  public final java.util.Set<String> takenNames = new TreeSet<>();

  /** What {@link #checkNameFree} throws, if not null: a network failure, say. */
  public volatile RuntimeException nameCheckFailure;

  @Override
  public void checkNameFree(String username) {
    checkReachable(username);
    if (nameCheckFailure != null) {
      throw nameCheckFailure;
    }
    if (takenNames.contains(username)) {
      throw new CommandException.Usage("username already taken");
    }
  }

  /** Usernames whose profile holds a key change cut short: {@link #checkRegistrable} refuses. */
  public final java.util.Set<String> keyChangesCutShort = new TreeSet<>();

  @Override
  public void checkRegistrable(String username) {
    if (keyChangesCutShort.contains(username)) {
      throw new CommandException.Usage(
          "identity.key.pending holds a key change of the account in the profile of "
              + username
              + " that was cut short; nothing was registered");
    }
  }

  @Override
  public boolean hasStoredSession(String username) {
    return storedSessions.contains(username);
  }

  /** Usernames whose profile holds a key file: {@link #hasIdentity}. */
  public final Set<String> identities = ConcurrentHashMap.newKeySet();

  @Override
  public boolean hasIdentity(String username) {
    return identities.contains(username);
  }

  @Override
  public void logout() {
    call("logout");
    storedSessions.remove(user);
    user = null;
    setState(ConnectionState.OFFLINE, "logged out");
  }

  /** When set, {@link #saveState} throws it (every time): a full or read-only profile. */
  public volatile CommandException.FileAccess failSave;

  /** When set, {@link #close} throws it (once): the state could not be written at the end. */
  public volatile CommandException.FileAccess failClose;

  @Override
  public void saveState() {
    requireLogin();
    if (failSave != null) {
      throw failSave;
    }
  }

  @Override
  public void saveState(String username) {
    call("saveState", username);
    if (failSave != null) {
      throw failSave;
    }
  }

  @Override
  public boolean revokeStoredSession(String username) {
    call("revokeStoredSession", username);
    if (unreachable) {
      throw new CommandException.Network("cannot reach the relay at relay.test:7443", null);
    }
    if (!storedSessions.remove(username)) {
      throw new CommandException.Auth("no stored session for " + username, null);
    }
    return !expiredSessions.remove(username);
  }

  @Override
  public String serverAddress() {
    return "relay.test:7443";
  }

  @Override
  public List<String> knownUsers() {
    TreeSet<String> names = new TreeSet<>(trust.keySet());
    members.values().forEach(list -> list.forEach(m -> names.add(m.username())));
    return List.copyOf(names);
  }

  @Override
  public Optional<String> username() {
    return Optional.ofNullable(user);
  }

  @Override
  public ConnectionState connectionState() {
    return state;
  }

  /** What happens halfway through each download {@link #acceptFile} plays. */
  private volatile Runnable whileDownloading = () -> {};

  /** Plays {@code events} halfway through each download (a lost connection, say). */
  public void whileDownloading(Runnable events) {
    whileDownloading = events;
  }

  /** What happens while each message {@link #send} sends waits for its answer. */
  private volatile Runnable whileSending = () -> {};

  /** Plays {@code events} while each message is sent (a lost connection, say). */
  public void whileSending(Runnable events) {
    whileSending = events;
  }

  /** Changes the connection state and tells the listeners. */
  public void setState(ConnectionState newState, String detail) {
    state = newState;
    listeners.forEach(l -> l.onConnection(newState, detail));
  }

  /** The users ignored, per user (as ignored.json keeps them per profile). */
  private final Map<String, Set<String>> ignored = new ConcurrentHashMap<>();

  @Override
  public Set<String> ignoredUsers() {
    return user == null ? Set.of() : Set.copyOf(ignored.getOrDefault(user, Set.of()));
  }

  @Override
  public List<String> listIgnoredUsers() {
    requireLogin();
    return new TreeSet<>(ignoredUsers()).stream().toList();
  }

  @Override
  public boolean ignore(String username, boolean ignore) {
    if (user == null) {
      throw new CommandException.Usage("not logged in: /login NAME or /register NAME first");
    }
    Set<String> names = ignored.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet());
    String key = username.toLowerCase(Locale.ROOT);
    return ignore ? names.add(key) : names.remove(key);
  }

  /** The list kept, per user (as state.json keeps it per profile). */
  private final Map<String, KeptList> keptLists = new ConcurrentHashMap<>();

  @Override
  public KeptList keptList() {
    return user == null ? KeptList.NONE : keptLists.getOrDefault(user, KeptList.NONE);
  }

  @Override
  public void keepList(String username, KeptList list) {
    if (user != null && user.equalsIgnoreCase(username)) {
      keptLists.put(user, list);
    }
  }

  @Override
  public List<String> conversations() {
    if (user == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    members.forEach(
        (conversation, list) -> {
          if (list.stream().anyMatch(m -> m.username().equals(user))
              && !closed.contains(conversation)) {
            out.add(conversation);
          }
        });
    return out;
  }

  @Override
  public void join(String room) {
    call("join", room);
    requireLogin();
    String id = room.startsWith("#") ? room : "#" + room;
    addMember(ConversationIds.requireRoom(id), user);
  }

  @Override
  public void leave(String room) {
    call("leave", room);
    requireLogin();
    String id = room.startsWith("#") ? room : "#" + room;
    List<MemberView> list = members.get(id);
    boolean member = list != null && list.stream().anyMatch(m -> m.username().equals(user));
    if (!member && invitations.remove(id)) {
      return;
    }
    if (!member) {
      throw new CommandException.Usage("not a member of " + id);
    }
    list.removeIf(m -> m.username().equals(user));
  }

  @Override
  public void close(String conversation) {
    call("close", conversation);
    requireLogin();
    if (!conversations().contains(conversation)) {
      String other = ConversationIds.otherParty(conversation, Usernames.key(user));
      throw new CommandException.Usage("no open conversation @" + other + " to close");
    }
    closed.add(conversation);
  }

  @Override
  public void open(String conversation) {
    call("open", conversation);
    requireLogin();
    closed.remove(conversation);
    if (!messages.getOrDefault(conversation, List.of()).isEmpty()) {
      opened(conversation); // as the real client: listed again when it has messages
    }
  }

  /** As the relay: deletes an invitation, leaves a group the user is in, else refuses. */
  @Override
  public void decline(String room) {
    call("decline", room);
    requireLogin();
    String id = room.startsWith("#") ? room : "#" + room;
    List<MemberView> list = members.get(id);
    boolean member = list != null && list.stream().anyMatch(m -> m.username().equals(user));
    if (!member && invitations.remove(id)) {
      return;
    }
    if (!member) {
      throw new CommandException.Usage("no invitation to " + id + " to decline");
    }
    throw new CommandException.MemberNotInvited(id); // as the relay client refuses it
  }

  @Override
  public List<RoomView> rooms() {
    call("rooms");
    requireLogin();
    List<RoomView> out = new ArrayList<>();
    members.forEach(
        (conversation, list) -> {
          if (conversation.startsWith("#")) {
            boolean joined = list.stream().anyMatch(m -> m.username().equals(user));
            String title = social.titles.get(conversation);
            out.add(
                title == null
                    ? new RoomView(conversation, list.size(), joined)
                    : new RoomView(conversation, list.size(), joined, true, title, false));
          }
        });
    return out;
  }

  @Override
  public List<MemberView> members(String conversation) {
    call("members", conversation);
    requireLogin();
    return membersOf(conversation);
  }

  /** As the relay: a direct conversation's members are its two parties, even before a message. */
  private List<MemberView> membersOf(String conversation) {
    List<MemberView> listed = members.get(conversation);
    if (listed == null && ConversationIds.isDirect(conversation)) {
      return ConversationIds.parties(conversation).stream()
          .map(party -> new MemberView(party, true, trustState(party)))
          .toList();
    }
    return List.copyOf(listed == null ? List.of() : listed);
  }

  @Override
  public synchronized ChatMessage send(
      String conversation, String text, boolean action, String replyTo) {
    if (conversation.startsWith("@")) {
      for (String name : conversation.substring(1).split("\\+")) {
        if (missingAccounts.contains(Usernames.key(name))) {
          call("send", conversation, text);
          throw new CommandException.NoSuchUser("no such user: " + name); // as the relay says
        }
      }
    }
    whileSending.run();
    if (replyTo != null) {
      call(action ? "reply-action" : "reply", conversation, replyTo, text);
    } else {
      call(action ? "action" : "send", conversation, text);
    }
    return posted(
        conversation, text, action, replyTo == null ? null : ChatMessage.Reply.unknown(replyTo));
  }

  @Override
  public synchronized ChatMessage edit(
      String conversation, String text, boolean action, String edits) {
    call(action ? "edit-action" : "edit", conversation, edits, text);
    return posted(conversation, text, action, ChatMessage.Reply.unknown(edits).editBy(user));
  }

  @Override
  public synchronized ChatMessage react(String conversation, String emoji, String reactsTo) {
    call("react", conversation, reactsTo, emoji);
    return posted(conversation, emoji, false, ChatMessage.Reply.unknown(reactsTo).reacted());
  }

  @Override
  public synchronized Optional<String> newestMessageOfOthers(String conversation) {
    return messages.getOrDefault(conversation, List.of()).stream()
        .filter(
            m -> !m.sender().equalsIgnoreCase(user) && (m.reply() == null || !m.reply().reaction()))
        .max(java.util.Comparator.comparingLong(ChatMessage::seq))
        .map(ChatMessage::messageId);
  }

  private ChatMessage posted(
      String conversation, String text, boolean action, ChatMessage.Reply reply) {
    requireLogin();
    for (MemberView member : membersOf(conversation)) {
      if (trustState(member.username()) == TrustState.CHANGED) {
        throw CommandException.KeysChanged.sending(List.of(member.username()));
      }
    }
    ++seq;
    ChatMessage message =
        new ChatMessage(
            conversation,
            numberLost ? 0 : seq,
            "%032x".formatted(seq),
            user,
            0,
            0,
            text,
            true,
            action,
            reply);
    messages.computeIfAbsent(conversation, k -> new ArrayList<>()).add(message);
    opened(conversation);
    return message;
  }

  @Override
  public synchronized Optional<String> newestTextFrom(String conversation, String username) {
    return newestMessageFrom(conversation, username); // this fake holds no file offers
  }

  @Override
  public synchronized Optional<String> newestMessageFrom(String conversation, String username) {
    return messages.getOrDefault(conversation, List.of()).stream()
        .filter(m -> m.sender().equalsIgnoreCase(username))
        .max(java.util.Comparator.comparingLong(ChatMessage::seq))
        .map(ChatMessage::messageId);
  }

  /** Names {@link #hasAccount} says the relay has no account for, as {@link Usernames#key}. */
  public final Set<String> missingAccounts = ConcurrentHashMap.newKeySet();

  @Override
  public boolean hasAccount(String username) {
    call("hasAccount", username);
    requireLogin();
    return !missingAccounts.contains(Usernames.key(username));
  }

  @Override
  public String directWith(String username) {
    requireLogin();
    if (!Usernames.isValid(username)) {
      throw new CommandException.Usage("not a valid username: " + username);
    }
    if (Usernames.key(user).equals(Usernames.key(username))) {
      throw new CommandException.Usage("that is you: pick someone else to talk to privately");
    }
    // As the real client: only the id. It is listed at its first message, as the relay lists it.
    return ConversationIds.direct(user, username);
  }

  /** As the relay: a direct conversation's first message makes both parties members. */
  private void opened(String conversation) {
    if (ConversationIds.isDirect(conversation)) {
      ConversationIds.parties(conversation).forEach(party -> addMember(conversation, party));
      closed.remove(conversation); // a message opens it again
    }
  }

  @Override
  public HistoryPage historyPage(String conversation, int limit) {
    call("history", conversation, limit);
    requireLogin();
    // Its messages and the offers made in it, in sequence order.
    List<Posted> all = new ArrayList<>(messages.getOrDefault(conversation, List.of()));
    offers.values().stream().filter(o -> o.conversation().equals(conversation)).forEach(all::add);
    all.sort(java.util.Comparator.comparingLong(Posted::seq));
    return new HistoryPage(
        all.subList(Math.max(0, all.size() - limit), all.size()),
        held.getOrDefault(conversation, List.of()),
        notForYou.getOrDefault(conversation, 0L),
        leftOut.getOrDefault(conversation, List.of()));
  }

  @Override
  public Fingerprint fingerprint(String username) {
    call("fingerprint", username);
    if (missingAccounts.contains(Usernames.key(username))) {
      throw new CommandException.NoSuchUser("no such user: " + username); // as the relay says
    }
    byte[] raw = new byte[Fingerprint.SIZE_BYTES];
    Arrays.fill(raw, (byte) username.length());
    return Fingerprint.of(raw);
  }

  @Override
  public SafetyNumber safetyNumber(String username) {
    call("safetyNumber", username);
    if (missingAccounts.contains(Usernames.key(username))) {
      throw new CommandException.NoSuchUser("no such user: " + username); // as the relay says
    }
    return new SafetyNumber(String.join("", Collections.nCopies(12, "12345")));
  }

  @Override
  public String spelling(String username) {
    return spellings.getOrDefault(chat.protocol.Usernames.key(username), username);
  }

  @Override
  public TrustState trustState(String username) {
    return trust.getOrDefault(username, TrustState.UNVERIFIED);
  }

  @Override
  public void verify(String username, String safetyNumber) {
    call("verify", username, safetyNumber);
    if (!safetyNumber.replace(" ", "").equals(safetyNumber(username).digits())) {
      throw new CommandException.Untrusted("safety number does not match " + username + "'s");
    }
    trust.put(username, TrustState.VERIFIED);
    listeners.forEach(l -> l.onTrustChange(username, TrustState.VERIFIED));
  }

  @Override
  public void trust(String username) {
    call("trust", username);
    if (trustState(username) == TrustState.CHANGED) {
      trust.put(username, TrustState.UNVERIFIED);
      listeners.forEach(l -> l.onTrustChange(username, TrustState.UNVERIFIED));
    }
  }

  @Override
  public synchronized FileOffer sendFile(String conversation, Path file) {
    call("sendFile", conversation, file);
    requireLogin();
    String fileId = "%032x".formatted(++seq);
    FileOffer offer =
        new FileOffer(
            conversation,
            seq,
            fileId,
            user,
            0,
            0,
            fileId,
            String.valueOf(file.getFileName()),
            1234,
            0,
            true);
    offers.put(fileId, offer);
    opened(conversation); // a file offer is a message of its conversation
    FileTransfer sent =
        new FileTransfer(
            fileId,
            true,
            conversation,
            user,
            offer.name(),
            1234,
            TransferState.UPLOADING,
            0,
            1290,
            "",
            "",
            0);
    listeners.forEach(l -> l.onFileTransfer(sent));
    FileTransfer done = sent.with(TransferState.OFFERED, 1290, 1290, "", "", 1);
    transfers.put(fileId, done);
    listeners.forEach(l -> l.onFileTransfer(done));
    return offer;
  }

  private FileOffer offer(String typed) {
    List<FileOffer> matches =
        offers.values().stream().filter(o -> o.fileId().startsWith(typed)).toList();
    if (matches.size() != 1) {
      throw new CommandException.FileIdRefused("no file offer " + typed);
    }
    return matches.get(0);
  }

  @Override
  public Path acceptFile(String fileId) {
    call("acceptFile", fileId);
    requireLogin();
    FileOffer offer = offer(fileId);
    FileTransfer known = transfers.get(offer.fileId());
    if (known != null && !known.outgoing() && known.state() == TransferState.DONE) {
      return Path.of(known.savedPath()); // as the relay client: already downloaded, no events
    }
    Path saved = downloadDirectory.resolve(offer.name());
    FileTransfer moving =
        new FileTransfer(
            offer.fileId(),
            false,
            offer.conversation(),
            offer.sender(),
            offer.name(),
            offer.size(),
            TransferState.DOWNLOADING,
            50,
            100,
            "",
            "",
            0);
    listeners.forEach(l -> l.onFileTransfer(moving));
    whileDownloading.run();
    FileTransfer done = moving.with(TransferState.DONE, 100, 100, saved.toString(), "", 1);
    transfers.put(offer.fileId(), done);
    listeners.forEach(l -> l.onFileTransfer(done));
    return saved;
  }

  @Override
  public FileOffer fileOffer(String fileId) {
    requireLogin();
    return offer(fileId);
  }

  /** What {@link #cancelFileSend} answers: the name of the file it cancelled. */
  public String cancelledSend = "report.pdf";

  @Override
  public String cancelFileSend(String fileId) {
    call("cancelFileSend", fileId);
    requireLogin();
    return cancelledSend;
  }

  @Override
  public boolean rejectFile(String fileId) {
    call("rejectFile", fileId);
    requireLogin();
    FileOffer offer = offer(fileId);
    transfers.put(
        offer.fileId(),
        new FileTransfer(
            offer.fileId(),
            false,
            offer.conversation(),
            offer.sender(),
            offer.name(),
            offer.size(),
            TransferState.REJECTED,
            0,
            0,
            "",
            "",
            2));
    return false;
  }

  @Override
  public List<FileTransfer> files() {
    call("files");
    requireLogin();
    return List.copyOf(transfers.values());
  }

  /** Plays the relay: {@code sender} offers a file {@code name} in {@code conversation}. */
  public synchronized FileOffer fireFileOffer(
      String conversation, String sender, String name, long size) {
    String fileId = "%032x".formatted(++seq);
    FileOffer offer =
        new FileOffer(
            conversation, seq, fileId, sender, 0, 0, fileId, name, size, 0, sender.equals(user));
    offers.put(fileId, offer);
    transfers.put(
        fileId,
        new FileTransfer(
            fileId,
            false,
            conversation,
            sender,
            name,
            size,
            TransferState.OFFERED,
            0,
            0,
            "",
            "",
            0));
    listeners.forEach(l -> l.onFileOffer(offer));
    return offer;
  }

  /** Plays the client core: a transfer progressed. */
  public void fireTransfer(FileTransfer transfer) {
    listeners.forEach(l -> l.onFileTransfer(transfer));
  }

  @Override
  public void addListener(ClientListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(ClientListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void stopMessages(boolean refuseCurrent) {
    calls.add("stopMessages " + refuseCurrent);
  }

  @Override
  public void close() {
    calls.add("close");
    state = ConnectionState.OFFLINE;
    CommandException.FileAccess failure = failClose;
    if (failure != null) {
      failClose = null;
      throw failure;
    }
  }

  /** Plays the relay: a message from {@code sender} arrives in {@code conversation}. */
  public synchronized ChatMessage deliver(String conversation, String sender, String text) {
    return deliver(conversation, sender, text, false);
  }

  /**
   * Plays the relay: an action ({@code /me}) from {@code sender} arrives in {@code conversation}.
   */
  public synchronized ChatMessage deliverAction(String conversation, String sender, String text) {
    return deliver(conversation, sender, text, true);
  }

  private ChatMessage deliver(String conversation, String sender, String text, boolean action) {
    ChatMessage message =
        new ChatMessage(
            conversation,
            ++seq,
            "%032x".formatted(seq),
            sender,
            System.currentTimeMillis(),
            System.currentTimeMillis(),
            text,
            sender.equals(user),
            action);
    messages.computeIfAbsent(conversation, k -> new ArrayList<>()).add(message);
    opened(conversation);
    listeners.forEach(l -> l.onMessage(message));
    return message;
  }

  /** Plays the relay: a membership change. */
  public void fireMembership(String conversation, String username, boolean joined) {
    if (joined) {
      addMember(conversation, username);
    } else {
      members
          .getOrDefault(conversation, new ArrayList<>())
          .removeIf(m -> m.username().equals(username));
    }
    listeners.forEach(l -> l.onMembership(conversation, username, joined));
  }

  /**
   * Plays a reconnect whose resume no longer lists {@code conversation} (left, closed or removed
   * while offline): this user is out of it without an event, and the listeners hear of it.
   */
  public void fireNoLongerIn(String conversation) {
    members.getOrDefault(conversation, new ArrayList<>()).removeIf(m -> m.username().equals(user));
    listeners.forEach(l -> l.onNoLongerIn(conversation));
  }

  /** Plays the relay: a presence change. */
  public void firePresence(String username, boolean online) {
    firePresence(username, Presence.of(online));
  }

  /** {@code username}'s presence as the relay's lists give it, with no event told. */
  public void listsPresence(String username, Presence presence) {
    social.presence.put(username, presence);
  }

  /** Plays the relay: {@code username} is online, away (with a message) or offline. */
  public void firePresence(String username, Presence presence) {
    members.replaceAll(
        (conversation, list) -> FakeSocial.replace(list, username, m -> m.withPresence(presence)));
    social.presence.put(username, presence);
    listeners.forEach(l -> l.onPresenceChange(username, presence));
  }

  /** Plays the relay: a group change; removals and role changes update the member lists. */
  public void fireGroupUpdate(GroupUpdate update) {
    FakeSocial.apply(members, update);
    listeners.forEach(l -> l.onGroupUpdate(update));
  }

  /** Plays the relay: messages deleted, by their sender or a group's owner or admin. */
  public void fireDeleted(Deletion deletion) {
    listeners.forEach(l -> l.onDeleted(deletion));
  }

  /** Plays the relay: a friend request, answer or removal by {@code username}. */
  public void fireFriendUpdate(String username, FriendUpdate update) {
    switch (update) {
      case REQUESTED -> social.friends.put(username, Friendship.REQUEST_RECEIVED);
      case ACCEPTED -> social.friends.put(username, Friendship.FRIENDS);
      default -> social.friends.remove(username);
    }
    listeners.forEach(l -> l.onFriendUpdate(username, update));
  }

  /** This user's away message, or null when not away. */
  public String awayMessage() {
    return social.away;
  }

  /** Friends and requests as the fake relay holds them (tests may edit it). */
  public Map<String, Friendship> friendships() {
    return social.friends;
  }

  @Override
  public void createGroup(String name) {
    call("createGroup", name);
    requireLogin();
    String id = ConversationIds.requireRoom(name.startsWith("#") ? name : "#" + name);
    members.put(id, new ArrayList<>());
    addMember(id, user);
    members.put(
        id,
        FakeSocial.replace(members.get(id), user, m -> FakeSocial.withRole(m, MemberRole.OWNER)));
    social.titles.put(id, id.substring(1));
  }

  @Override
  public String report(String username, String conversation, String reason) {
    call("report", username, conversation, "(" + reason + ")");
    requireLogin();
    CommandException refusal = administerRefusals.get(username);
    if (refusal != null) {
      throw refusal;
    }
    return username;
  }

  /**
   * A refusal for each username {@link #administer}, {@link #ban}, {@link #mute} or {@link #report}
   * names, as the relay would give it.
   */
  public final Map<String, CommandException> administerRefusals = new ConcurrentHashMap<>();

  private void refuse(String username) {
    CommandException refusal = administerRefusals.get(username);
    if (refusal != null) {
      throw refusal;
    }
  }

  @Override
  public void administer(String room, GroupAction action, String username, String reason) {
    if (reason.isEmpty()) {
      call("administer", room, action, username);
    } else {
      call("administer", room, action, username, "(" + reason + ")");
    }
    requireLogin();
    refuse(username);
    members.computeIfPresent(
        room, (id, list) -> new ArrayList<>(FakeSocial.administer(list, action, username)));
  }

  @Override
  public void ban(String room, String username, String reason, java.time.Duration length) {
    call("ban", room, username, length, "(" + reason + ")");
    requireLogin();
    refuse(username);
    members.computeIfPresent(
        room,
        (id, list) -> new ArrayList<>(FakeSocial.administer(list, GroupAction.BAN, username)));
  }

  @Override
  public void mute(String room, String username, String reason, java.time.Duration length) {
    call("mute", room, username, length, "(" + reason + ")");
    requireLogin();
    refuse(username);
  }

  /** The bans {@link #bans} lists, by room. */
  public final Map<String, List<BanView>> banLists = new HashMap<>();

  /** The deletion the next {@link #deleteNewest} or {@link #deleteMessages} refuses with. */
  public CommandException deleteRefusal;

  @Override
  public Deletion deleteMessages(String conversation, List<String> messageIds) {
    call("deleteMessages", conversation, String.join(",", messageIds));
    requireLogin();
    List<ChatMessage> stored = messages.getOrDefault(conversation, new ArrayList<>());
    List<ChatMessage> found =
        stored.stream().filter(m -> messageIds.contains(m.messageId())).toList();
    String sender = found.isEmpty() ? user : found.get(0).sender();
    return deleted(conversation, sender, found);
  }

  @Override
  public Deletion deleteNewest(String conversation, String sender, int count) {
    call("deleteNewest", conversation, sender, Integer.toString(count));
    requireLogin();
    List<ChatMessage> stored = messages.getOrDefault(conversation, new ArrayList<>());
    List<ChatMessage> found = new ArrayList<>();
    for (int i = stored.size() - 1; i >= 0 && found.size() < count; i--) {
      if (stored.get(i).sender().equalsIgnoreCase(sender)) {
        found.add(stored.get(i));
      }
    }
    return deleted(conversation, sender, found);
  }

  /** Deletes {@code found} (newest first), tells the listeners as the relay's event would. */
  private Deletion deleted(String conversation, String sender, List<ChatMessage> found) {
    if (deleteRefusal != null) {
      throw deleteRefusal;
    }
    messages.getOrDefault(conversation, new ArrayList<>()).removeAll(found);
    Deletion deletion =
        new Deletion(
            conversation, user, sender, found.stream().map(ChatMessage::messageId).toList());
    if (!found.isEmpty()) {
      listeners.forEach(l -> l.onDeleted(deletion));
    }
    return deletion;
  }

  @Override
  public List<BanView> bans(String room) {
    call("bans", room);
    requireLogin();
    return List.copyOf(banLists.getOrDefault(room, List.of()));
  }

  @Override
  public void renameGroup(String room, String title) {
    call("renameGroup", room, title);
    requireLogin();
    social.titles.put(room, title);
  }

  @Override
  public void disbandGroup(String room) {
    call("disbandGroup", room);
    requireLogin();
    members.remove(room);
    messages.remove(room); // the relay deletes its stored messages
    social.titles.remove(room);
  }

  @Override
  public Friendship friend(FriendAction action, String username) {
    call("friend", action, username);
    requireLogin();
    return social.friend(action, username);
  }

  /** The sessions {@link #sessions()} lists; {@link #endSession} removes from it. */
  public final List<SessionView> sessionList = new ArrayList<>();

  @Override
  public List<SessionView> sessions() {
    call("sessions");
    requireLogin();
    return List.copyOf(sessionList);
  }

  @Override
  public void endSession(String id) {
    call("endSession", id);
    requireLogin();
    if (!sessionList.removeIf(s -> s.id().equals(id) && !s.current())) {
      throw new CommandException.Usage("no session of this account has that id (" + id + ")");
    }
  }

  @Override
  public List<FriendView> friends() {
    call("friends");
    requireLogin();
    return social.friendViews();
  }

  @Override
  public void away(String message) {
    call("away", message);
    requireLogin();
    social.away = message;
  }

  @Override
  public void back() {
    call("back");
    requireLogin();
    social.away = null;
  }

  @Override
  public boolean isAway() {
    return user != null && social.away != null;
  }

  /** Plays the relay: {@code username}'s key changed. */
  public void fireKeyChange(String username) {
    trust.put(username, TrustState.CHANGED);
    listeners.forEach(l -> l.onTrustChange(username, TrustState.CHANGED));
  }

  /**
   * Plays the client core: {@code username}'s trust state became {@code state}, as when the relay
   * serves the pinned key again after another one.
   */
  public void fireTrustChange(String username, TrustState state) {
    trust.put(username, state);
    listeners.forEach(l -> l.onTrustChange(username, state));
  }

  /** Plays the client core: messages from a sender whose new key is not accepted were held. */
  public void fireAdvice(Advice advice) {
    listeners.forEach(l -> l.onAdvice(advice));
  }

  public void fireHeld(HeldMessages held) {
    listeners.forEach(l -> l.onHeld(held));
  }

  /** Plays the client core: messages signed by a key that can never be verified were left out. */
  public void fireLeftOut(LeftOutMessages left) {
    listeners.forEach(l -> l.onLeftOut(left));
  }

  /** Plays the client core: a message pushed live was left out for good. */
  public void fireLeftOutPushed(LeftOutMessages left) {
    listeners.forEach(l -> l.onLeftOutPushed(left));
  }

  /** Plays the client core: a message pushed live was held (signed with a new key). */
  public void fireHeldPushed(HeldMessages held) {
    listeners.forEach(l -> l.onHeldPushed(held));
  }

  /** Plays the client core: the relay replayed a copy or skipped sequence numbers. */
  public void fireDeliveryNotice(DeliveryNotice notice) {
    listeners.forEach(l -> l.onDeliveryNotice(notice));
  }

  /** Plays the client core: an invalid key announced, or a second offer of a file. */
  public void firePushedNotice(PushedNotice notice) {
    listeners.forEach(l -> l.onPushedNotice(notice));
  }

  /** Plays the client core: a message pushed live was encrypted to another set of members. */
  public void fireMembersDiffer(Advice.MembersDiffer differ) {
    listeners.forEach(l -> l.onMembersDiffer(differ));
  }

  /** Plays the client core: a catch-up left out messages from more senders than it names. */
  public void fireLeftOutFromOthers(LeftOutFromOthers others) {
    listeners.forEach(l -> l.onLeftOutFromOthers(others));
  }

  /** Plays the client core: the connection's state changed. */
  public void fireConnection(ConnectionState state, String detail) {
    listeners.forEach(l -> l.onConnection(state, detail));
  }

  /** The client stops reconnecting for good because of {@code why}, then goes offline. */
  public void fireStopped(CommandException why, String detail) {
    listeners.forEach(l -> l.onStopped(why));
    fireConnection(ConnectionState.OFFLINE, detail);
  }

  /** Plays the client core: a notice. */
  public void fireNotice(String conversation, String text) {
    listeners.forEach(l -> l.onNotice(conversation, text));
  }

  /** Plays the client core: the profile could not be written. */
  public void fireLocalWriteFailure(String text) {
    listeners.forEach(l -> l.onLocalWriteFailure(text));
  }
}
