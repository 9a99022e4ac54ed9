package chat.server;

import chat.server.internal.audit.AuditThrottle;
import chat.server.internal.audit.QueuedAuditLog;
import chat.server.internal.auth.HashingSlots;
import chat.server.internal.auth.LoginRateLimiter;
import chat.server.internal.auth.PasswordHasher;
import chat.server.internal.auth.RegistrationLimiter;
import chat.server.internal.auth.SessionTokens;
import chat.server.internal.net.RelayServerInitializer;
import chat.server.internal.relay.AccountService;
import chat.server.internal.relay.ConversationService;
import chat.server.internal.relay.DeleteService;
import chat.server.internal.relay.DirectConversations;
import chat.server.internal.relay.FileService;
import chat.server.internal.relay.FileSweeper;
import chat.server.internal.relay.FriendService;
import chat.server.internal.relay.GroupRules;
import chat.server.internal.relay.GroupService;
import chat.server.internal.relay.GroupSweeper;
import chat.server.internal.relay.KeptForms;
import chat.server.internal.relay.KeyBackupService;
import chat.server.internal.relay.KeyFingerprints;
import chat.server.internal.relay.LocalRouter;
import chat.server.internal.relay.LogIds;
import chat.server.internal.relay.MessagingService;
import chat.server.internal.relay.Notifier;
import chat.server.internal.relay.PasswordCheck;
import chat.server.internal.relay.PasswordService;
import chat.server.internal.relay.PresenceBook;
import chat.server.internal.relay.PresenceService;
import chat.server.internal.relay.RegisterService;
import chat.server.internal.relay.RelayException;
import chat.server.internal.relay.ReportService;
import chat.server.internal.relay.RequestDispatcher;
import chat.server.internal.relay.RoomCapacity;
import chat.server.internal.relay.SessionService;
import chat.server.internal.relay.Storage;
import chat.server.internal.relay.SuspensionWatch;
import chat.server.internal.storage.AtRestCipher;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.FileChunkRepository;
import chat.server.internal.storage.FileRepository;
import chat.server.internal.storage.FriendRequestRepository;
import chat.server.internal.storage.FriendshipRepository;
import chat.server.internal.storage.GroupTables;
import chat.server.internal.storage.KeyBackupRepository;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.MessageRepository;
import chat.server.internal.storage.SessionRepository;
import chat.server.internal.storage.SqliteMessageStore;
import chat.server.internal.storage.SuspensionRepository;
import chat.server.internal.storage.UserLimitRepository;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.WriteQueue;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's request handling, built over its open storage when {@link Relay#start} starts it: the
 * repositories, the services with their limits from the {@link RelayConfig}, and the {@link
 * RequestDispatcher} that serves them. It holds the parts that run on their own, the audit writer,
 * the file sweeper and the watch for suspended accounts, so that a start that fails before the
 * relay listens can close them.
 */
final class RelayServices {
  /** Logs as the relay: an operator reads these start-up lines as the relay's own. */
  private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

  /** How long a bcrypt computation waits for one of the {@link HashingSlots} before giving up. */
  private static final Duration BCRYPT_MAX_WAIT = Duration.ofSeconds(10);

  private final RelayConfig config;
  private final Clock clock;
  private final SecureRandom random;
  private final Database database;
  private final WriteQueue writes;
  private final AtRestCipher cipher;
  private final LogIds logIds;
  private final UserRepository users = new UserRepository();
  private final ConversationRepository conversations = new ConversationRepository();
  private final MemberRepository members = new MemberRepository();
  private final SessionRepository sessions = new SessionRepository();
  private final FriendshipRepository friendships = new FriendshipRepository();
  private final FileRepository fileRows = new FileRepository();
  private final FileChunkRepository fileChunks = new FileChunkRepository();
  private QueuedAuditLog audit;
  private FileSweeper sweeper;
  private GroupSweeper groupSweeper;
  private SuspensionWatch suspensionWatch;

  RelayServices(
      RelayConfig config,
      Clock clock,
      SecureRandom random,
      Database database,
      WriteQueue writes,
      AtRestCipher cipher,
      LogIds logIds) {
    this.config = config;
    this.clock = clock;
    this.random = random;
    this.database = database;
    this.writes = writes;
    this.cipher = cipher;
    this.logIds = logIds;
  }

  /**
   * Removes the expired sessions, starts the audit writer, builds every service, removes the
   * expired files and starts the file sweeper; returns the dispatcher that serves the requests.
   *
   * @throws Exception if any of it fails; {@link #close} then closes what was started
   */
  RequestDispatcher start() throws Exception {
    Storage storage = new Storage(database, writes);
    int expired;
    try {
      expired = storage.write(c -> sessions.deleteExpired(c, clock.millis()));
    } catch (RelayException e) {
      // The writer has logged the cause; the operator's one line says where it is.
      throw new IOException(
          Database.FILE_NAME
              + " cannot be written: "
              + e.getMessage()
              + " (the log above says why)");
    }
    LOG.info("storage ready: {} (expired sessions removed: {})", database.file(), expired);
    audit =
        new QueuedAuditLog(
            writes,
            new AuditRepository(),
            clock,
            config.auditRetention(),
            QueuedAuditLog.DEFAULT_CAPACITY);
    RequestDispatcher dispatcher = dispatcher(storage);
    sweeper = new FileSweeper(storage, fileRows, fileChunks, clock);
    LOG.info("expired files removed: {}", sweeper.sweep());
    sweeper.start(config.files().sweepInterval());
    LOG.info("ended timed group bans and mutes removed: {}", groupSweeper.sweep());
    groupSweeper.start();
    suspensionWatch.start();
    return dispatcher;
  }

  /** Every service over {@code storage}, and the dispatcher that serves them. */
  private RequestDispatcher dispatcher(Storage storage) {
    Shared shared = shared(storage);
    Passwords passwords = passwords(storage);
    AccountService accounts = accounts(shared, passwords);
    suspensionWatch =
        new SuspensionWatch(storage, new SuspensionRepository(), shared.router(), accounts);
    groupSweeper =
        new GroupSweeper(storage, shared.groupTables().bans(), shared.groupTables().mutes());
    ConversationService rooms = conversations(shared);
    MessageRepository messages = new MessageRepository(database.envelopes());
    SqliteMessageStore store = messageStore(messages, shared.capacity());
    KeptForms keptForms = KeptForms.sizedToHeap();
    FriendService friends = friends(shared);
    return new RequestDispatcher(
        "chat-relay",
        accounts,
        registrations(shared, passwords.hasher()),
        new PasswordService(
            storage,
            users,
            sessions,
            passwords.hasher(),
            passwords.check(),
            accounts,
            audit,
            logIds),
        rooms,
        new MessagingService(
            store,
            accounts,
            rooms,
            shared.router(),
            keptForms,
            config.maxFrameBytes(),
            logIds,
            config.messagesPerSecond(),
            config.messageBurst(),
            audit),
        new KeyBackupService(
            storage, new KeyBackupRepository(), cipher, clock, passwords.check(), audit, logIds),
        groups(shared, messages, keptForms),
        friends,
        new PresenceService(
            storage, shared.presence(), shared.notifier(), friends, shared.groupTables(), audit),
        files(storage, rooms),
        new SessionService(storage, sessions, accounts, clock, audit, logIds),
        new DeleteService(
            storage,
            store,
            messages,
            members,
            users,
            shared.groupTables(),
            keptForms,
            rooms,
            shared.notifier(),
            audit,
            logIds,
            clock),
        new ReportService(storage, accounts, rooms, audit, logIds, clock),
        audit);
  }

  /**
   * What most services share: the storage, the in-process router, who is online, the group tables,
   * the notifier of membership and presence events, the key fingerprints and the limits on rooms
   * and conversations.
   */
  private record Shared(
      Storage storage,
      LocalRouter router,
      PresenceBook presence,
      GroupTables groupTables,
      Notifier notifier,
      KeyFingerprints fingerprints,
      RoomCapacity capacity) {}

  /** The parts every service shares; removes the expired group invitations on the way. */
  private Shared shared(Storage storage) {
    LocalRouter router = new LocalRouter(RelayServerInitializer::batchPushes);
    PresenceBook presence = new PresenceBook();
    GroupTables groupTables = GroupTables.create(clock);
    int staleInvitations = storage.write(c -> groupTables.invites().deleteExpired(c));
    LOG.info("expired group invitations removed: {}", staleInvitations);
    Notifier notifier =
        new Notifier(
            storage, members, router, friendships, presence, config.presenceMaxRoomMembers());
    return new Shared(
        storage,
        router,
        presence,
        groupTables,
        notifier,
        new KeyFingerprints(storage, users),
        new RoomCapacity(
            config.rooms(),
            conversations,
            members,
            new UserLimitRepository(),
            config.maxFrameBytes()));
  }

  /** The bcrypt hasher, the limit on failed logins and the password check over both. */
  private record Passwords(PasswordHasher hasher, LoginRateLimiter limiter, PasswordCheck check) {}

  /** The password hashing with its configured cost and concurrency, which it logs. */
  private Passwords passwords(Storage storage) {
    PasswordHasher hasher =
        new PasswordHasher(
            config.bcryptCost(),
            random,
            new HashingSlots(
                config.bcryptThreadCount(), config.bcryptWaitingPlaces(), BCRYPT_MAX_WAIT));
    LOG.info(
        "password hashing: bcrypt cost {}, at most {} at once and {} waiting",
        config.bcryptCost(),
        config.bcryptThreadCount(),
        config.bcryptWaitingPlaces());
    LoginRateLimiter limiter = new LoginRateLimiter(clock, Duration.ofMinutes(15), 5, 30);
    return new Passwords(
        hasher, limiter, new PasswordCheck(storage, users, hasher, limiter, audit, logIds));
  }

  /** Logins, resumes, logouts and the key directory, with the configured session lifetime. */
  private AccountService accounts(Shared shared, Passwords passwords) {
    return new AccountService(
        shared.storage(),
        users,
        sessions,
        members,
        passwords.hasher(),
        new SessionTokens(random),
        passwords.limiter(),
        shared.router(),
        shared.notifier(),
        clock,
        config.sessionTtl(),
        shared.fingerprints(),
        audit,
        passwords.check(),
        logIds,
        config.maxFrameBytes());
  }

  /**
   * Joining, leaving and listing rooms and their members, with the group rules and the closing of
   * direct conversations.
   */
  private ConversationService conversations(Shared shared) {
    return new ConversationService(
        shared.storage(),
        conversations,
        members,
        users,
        shared.router(),
        shared.notifier(),
        shared.fingerprints(),
        clock,
        new GroupRules(shared.groupTables()),
        shared.presence(),
        shared.capacity(),
        new DirectConversations(
            shared.storage(),
            conversations,
            members,
            users,
            shared.notifier(),
            shared.capacity(),
            clock),
        config.maxFrameBytes());
  }

  /** The store of sealed envelopes, sized to the conversations a user may be in. */
  private SqliteMessageStore messageStore(MessageRepository messages, RoomCapacity capacity) {
    return new SqliteMessageStore(
        database,
        writes,
        cipher,
        clock,
        conversations,
        members,
        messages,
        capacity.maxConversationsPerUser());
  }

  /** Friend requests and friendships, with the configured limit per user. */
  private FriendService friends(Shared shared) {
    return new FriendService(
        shared.storage(),
        users,
        new FriendRequestRepository(),
        friendships,
        shared.router(),
        shared.presence(),
        shared.notifier(),
        clock,
        logIds,
        config.maxFriends(),
        config.maxFrameBytes());
  }

  /**
   * Registration, with the configured limit on attempts per client address and hour; name checks
   * have the same limit, counted apart.
   */
  private RegisterService registrations(Shared shared, PasswordHasher hasher) {
    return new RegisterService(
        shared.storage(),
        users,
        conversations,
        members,
        shared.capacity(),
        hasher,
        new RegistrationLimiter(clock, Duration.ofHours(1), config.registrationsPerHour()),
        new RegistrationLimiter(clock, Duration.ofHours(1), config.registrationsPerHour()),
        new AuditThrottle(),
        shared.notifier(),
        clock,
        audit,
        logIds);
  }

  /** Groups: creating, renaming and disbanding them, and their members' actions. */
  private GroupService groups(Shared shared, MessageRepository messages, KeptForms keptForms) {
    return new GroupService(
        shared.storage(),
        conversations,
        members,
        users,
        messages,
        keptForms,
        shared.groupTables(),
        fileRows,
        shared.notifier(),
        clock,
        logIds,
        shared.capacity(),
        config.maxFrameBytes());
  }

  /** Shared files, with the configured limits. */
  private FileService files(Storage storage, ConversationService rooms) {
    return new FileService(
        storage,
        fileRows,
        fileChunks,
        users,
        rooms,
        cipher,
        clock,
        config.files(),
        config.maxFrameBytes(),
        logIds);
  }

  /** The audit writer, once {@link #start} has started it. */
  QueuedAuditLog audit() {
    return audit;
  }

  /** The file sweeper, once {@link #start} has started it. */
  FileSweeper fileSweeper() {
    return sweeper;
  }

  /** The watch for suspended accounts, once {@link #start} has started it. */
  SuspensionWatch suspensionWatch() {
    return suspensionWatch;
  }

  /**
   * Closes what {@link #start} started, the file and ban sweepers, the watch for suspended accounts
   * and then the audit writer, if anything.
   */
  void close() {
    if (sweeper != null) {
      sweeper.close();
    }
    if (groupSweeper != null) {
      groupSweeper.close();
    }
    if (suspensionWatch != null) {
      suspensionWatch.close();
    }
    if (audit != null) {
      audit.close();
    }
  }
}
