package chat.server;

import chat.protocol.ErrorCode;
import chat.protocol.FrameCodec;
import chat.protocol.HostPort;
import chat.server.internal.audit.AuditThrottle;
import chat.server.internal.audit.AuditType;
import chat.server.internal.audit.QueuedAuditLog;
import chat.server.internal.auth.HashingSlots;
import chat.server.internal.auth.LoginRateLimiter;
import chat.server.internal.auth.PasswordHasher;
import chat.server.internal.auth.RegistrationLimiter;
import chat.server.internal.auth.SessionTokens;
import chat.server.internal.net.ConnectionIds;
import chat.server.internal.net.ListenCheck;
import chat.server.internal.net.NettyTransport;
import chat.server.internal.net.RelayServerInitializer;
import chat.server.internal.relay.AccountService;
import chat.server.internal.relay.ClientConnection;
import chat.server.internal.relay.ConversationService;
import chat.server.internal.relay.FileService;
import chat.server.internal.relay.FileSweeper;
import chat.server.internal.relay.FriendService;
import chat.server.internal.relay.GroupRules;
import chat.server.internal.relay.GroupService;
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
import chat.server.internal.relay.RequestDispatcher;
import chat.server.internal.relay.RoomCapacity;
import chat.server.internal.relay.SessionService;
import chat.server.internal.relay.Storage;
import chat.server.internal.storage.AtRestCipher;
import chat.server.internal.storage.AtRestKeys;
import chat.server.internal.storage.AtRestWarmup;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.DataDirectory;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.EnvelopeLog;
import chat.server.internal.storage.FileChunkRepository;
import chat.server.internal.storage.FileRepository;
import chat.server.internal.storage.FriendRequestRepository;
import chat.server.internal.storage.FriendshipRepository;
import chat.server.internal.storage.GroupTables;
import chat.server.internal.storage.KeyBackupRepository;
import chat.server.internal.storage.LogPseudonymKey;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.MessageRepository;
import chat.server.internal.storage.SessionRepository;
import chat.server.internal.storage.SqliteMessageStore;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.WriteQueue;
import chat.server.internal.tls.TlsMaterial;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running relay: everything is built here from a {@link RelayConfig}, a clock and a random
 * source, and {@link #close()} shuts it down in order (stop accepting, finish in-flight requests
 * and commits, tell clients, close).
 */
public final class Relay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

  /** How long a bcrypt computation waits for one of the {@link HashingSlots} before giving up. */
  private static final Duration BCRYPT_MAX_WAIT = Duration.ofSeconds(10);

  private final Channel serverChannel;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final ExecutorService workers;
  private final WriteQueue writes;
  private final Database database;
  private final Set<ClientConnection> connections;
  private final String tlsFingerprint;
  private final QueuedAuditLog audit;
  private final FileSweeper fileSweeper;
  private volatile boolean closed;

  private Relay(
      Channel serverChannel,
      EventLoopGroup bossGroup,
      EventLoopGroup workerGroup,
      ExecutorService workers,
      WriteQueue writes,
      Database database,
      Set<ClientConnection> connections,
      String tlsFingerprint,
      QueuedAuditLog audit,
      FileSweeper fileSweeper) {
    this.serverChannel = serverChannel;
    this.bossGroup = bossGroup;
    this.workerGroup = workerGroup;
    this.workers = workers;
    this.writes = writes;
    this.database = database;
    this.connections = connections;
    this.tlsFingerprint = tlsFingerprint;
    this.audit = audit;
    this.fileSweeper = fileSweeper;
  }

  /**
   * Opens the data directory, storage, keys and TLS material, and starts listening.
   *
   * @throws Exception if any of them fails; nothing is left running
   */
  public static Relay start(RelayConfig config, Clock clock, SecureRandom random) throws Exception {
    DataDirectory.prepare(config.dataDir());
    TlsMaterial tls =
        TlsMaterial.resolve(
            config.dataDir(), config.tlsCertificate(), config.tlsKey(), hostname(), random);
    LOG.info("TLS certificate SHA-256 fingerprint: {}", tls.fingerprint());
    AtRestCipher cipher = AtRestKeys.loadOrCreate(config.dataDir());
    LogIds logIds = new LogIds(LogPseudonymKey.loadOrCreate(config.dataDir(), random));
    Database database = Database.open(config.dataDir());
    if (!database.envelopes().owned()) {
      database.close();
      throw new IOException(
          "another relay is using the data directory "
              + config.dataDir()
              + " (it holds "
              + EnvelopeLog.DIRECTORY
              + "/lock); stop it first, or give this one its own --data-dir");
    }
    WriteQueue writes = new WriteQueue(database);
    // Until the relay listens, a failure closes what was started here, writer thread included.
    QueuedAuditLog audit = null;
    FileSweeper sweeper = null;
    try {
      Storage storage = new Storage(database, writes);
      UserRepository users = new UserRepository();
      ConversationRepository conversations = new ConversationRepository();
      MemberRepository members = new MemberRepository();
      SessionRepository sessions = new SessionRepository();
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
      LocalRouter router = new LocalRouter(RelayServerInitializer::batchPushes);
      FriendshipRepository friendships = new FriendshipRepository();
      PresenceBook presence = new PresenceBook();
      GroupTables groupTables = GroupTables.create(clock);
      int staleInvitations = storage.write(c -> groupTables.invites().deleteExpired(c));
      LOG.info("expired group invitations removed: {}", staleInvitations);
      Notifier notifier =
          new Notifier(
              storage, members, router, friendships, presence, config.presenceMaxRoomMembers());
      KeyFingerprints fingerprints = new KeyFingerprints(storage, users);
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
      PasswordCheck passwordCheck =
          new PasswordCheck(storage, users, hasher, limiter, audit, logIds);
      RoomCapacity capacity =
          new RoomCapacity(config.rooms(), conversations, members, config.maxFrameBytes());
      AccountService accounts =
          new AccountService(
              storage,
              users,
              sessions,
              members,
              hasher,
              new SessionTokens(random),
              limiter,
              router,
              notifier,
              clock,
              config.sessionTtl(),
              fingerprints,
              audit,
              passwordCheck,
              logIds);
      ConversationService rooms =
          new ConversationService(
              storage,
              conversations,
              members,
              users,
              router,
              notifier,
              fingerprints,
              clock,
              new GroupRules(groupTables),
              presence,
              capacity,
              config.maxFrameBytes());
      MessageRepository messages = new MessageRepository(database.envelopes());
      FileRepository fileRows = new FileRepository();
      FileChunkRepository fileChunks = new FileChunkRepository();
      SqliteMessageStore store =
          new SqliteMessageStore(
              database,
              writes,
              cipher,
              clock,
              conversations,
              members,
              messages,
              capacity.maxConversationsPerUser());
      KeptForms keptForms = KeptForms.sizedToHeap();
      FriendService friends =
          new FriendService(
              storage,
              users,
              new FriendRequestRepository(),
              friendships,
              router,
              presence,
              notifier,
              clock,
              logIds,
              config.maxFriends(),
              config.maxFrameBytes());
      RequestDispatcher dispatcher =
          new RequestDispatcher(
              "chat-relay",
              accounts,
              new RegisterService(
                  storage,
                  users,
                  conversations,
                  members,
                  capacity,
                  hasher,
                  new RegistrationLimiter(
                      clock, Duration.ofHours(1), config.registrationsPerHour()),
                  new AuditThrottle(),
                  notifier,
                  clock,
                  audit,
                  logIds),
              new PasswordService(
                  storage, users, sessions, hasher, passwordCheck, accounts, audit, logIds),
              rooms,
              new MessagingService(
                  store, accounts, rooms, router, keptForms, config.maxFrameBytes()),
              new KeyBackupService(
                  storage, new KeyBackupRepository(), cipher, clock, passwordCheck, logIds),
              new GroupService(
                  storage,
                  conversations,
                  members,
                  users,
                  messages,
                  keptForms,
                  groupTables,
                  notifier,
                  clock,
                  logIds,
                  capacity),
              friends,
              new PresenceService(storage, presence, notifier, friends, groupTables),
              new FileService(
                  storage,
                  fileRows,
                  fileChunks,
                  users,
                  rooms,
                  cipher,
                  clock,
                  config.files(),
                  config.maxFrameBytes(),
                  logIds),
              new SessionService(storage, sessions, accounts, clock, audit, logIds),
              audit);
      sweeper = new FileSweeper(storage, fileRows, fileChunks, clock);
      LOG.info("expired files removed: {}", sweeper.sweep());
      sweeper.start(config.files().sweepInterval());
      return listen(
          config,
          tls,
          dispatcher,
          writes,
          database,
          audit,
          sweeper,
          ConnectionIds.newStart(random));
    } catch (Exception | Error e) {
      if (sweeper != null) {
        sweeper.close();
      }
      if (audit != null) {
        audit.close();
      }
      writes.close();
      try {
        database.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private static Relay listen(
      RelayConfig config,
      TlsMaterial tls,
      RequestDispatcher dispatcher,
      WriteQueue writes,
      Database database,
      QueuedAuditLog audit,
      FileSweeper sweeper,
      ConnectionIds ids)
      throws Exception {
    NettyTransport transport = NettyTransport.best();
    int ioThreads = config.ioThreadCount();
    LOG.info(
        "transport {}, {} I/O threads, TLS provider {}",
        transport.name(),
        ioThreads,
        TlsMaterial.providerName());
    // Netty's thread factory: its threads make DrainScheduler's per-thread batch a cheap lookup.
    ExecutorService workers =
        Executors.newFixedThreadPool(
            config.workerThreads(), new DefaultThreadFactory("relay-worker"));
    Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    RelayServerInitializer initializer =
        new RelayServerInitializer(
            tls.serverContext(),
            new FrameCodec(config.maxFrameBytes()),
            dispatcher,
            workers,
            new RelayServerInitializer.Limits(
                config.idleTimeoutSeconds(),
                config.requestsPerSecond(),
                config.requestBurst(),
                config.maxPendingBytes(),
                config.maxConnectionsPerAddress(),
                config.writeCoalescingMillis()),
            connections,
            ids,
            audit);
    EventLoopGroup boss = transport.newGroup(1);
    EventLoopGroup group = transport.newGroup(ioThreads);
    try {
      ChannelFuture bound =
          new ServerBootstrap()
              .group(boss, group)
              .channel(transport.serverChannel())
              .childOption(
                  ChannelOption.WRITE_BUFFER_WATER_MARK,
                  new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(initializer)
              .bind(new InetSocketAddress(config.bindAddress(), config.port()))
              .awaitUninterruptibly();
      if (!bound.isSuccess()) {
        throw ListenCheck.cannotListen(config.bindAddress(), config.port(), bound.cause());
      }
      Channel channel = bound.channel();
      Relay relay =
          new Relay(
              channel,
              boss,
              group,
              workers,
              writes,
              database,
              connections,
              tls.fingerprint(),
              audit,
              sweeper);
      String listening =
          "listening on "
              + HostPort.format(config.bindAddress(), relay.port())
              + "; connection ids end in -"
              + ids.tag();
      LOG.info("Relay {}", listening);
      audit.record(AuditType.RELAY_START, null, null, listening);
      AtRestWarmup.start(relay::isClosed);
      return relay;
    } catch (Exception e) {
      boss.shutdownGracefully();
      group.shutdownGracefully();
      workers.shutdownNow();
      throw e;
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  private boolean isClosed() {
    return closed;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /**
   * Deletes the files that have expired by the relay's clock now, as the periodic sweep does;
   * returns how many were deleted.
   */
  public int sweepExpiredFiles() {
    return fileSweeper.sweep();
  }

  /** The SHA-256 fingerprint of the TLS certificate, {@code AB:CD:...}. */
  public String tlsFingerprint() {
    return tlsFingerprint;
  }

  /** How many client connections are open now (for operators and tests). */
  public int connectionCount() {
    return connections.size();
  }

  /**
   * Stops accepting, stops reading, lets in-flight requests finish (and their commits), tells every
   * client {@link ErrorCode#SHUTTING_DOWN}, closes connections, then commits and closes storage.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("shutting down: {} connections", connections.size());
    serverChannel.close().syncUninterruptibly();
    List<ClientConnection> open = List.copyOf(connections);
    workers.shutdown();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      if (!workers.awaitTermination(20, TimeUnit.SECONDS)) {
        LOG.warn("requests still running after 20 s");
      }
      // Pipelined sends still being stored are answered once their commit is done.
      for (ClientConnection connection : open) {
        connection
            .requestsFinished()
            .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("sends still being stored after 20 s");
    }
    for (ClientConnection connection : open) {
      connection.close(ErrorCode.SHUTTING_DOWN);
    }
    fileSweeper.close();
    audit.record(AuditType.RELAY_STOP, null, null, open.size() + " connections closed");
    audit.close();
    writes.close();
    try {
      database.close();
    } catch (java.sql.SQLException e) {
      LOG.error("closing the database failed", e);
    }
    bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    LOG.info("relay stopped");
  }
}
