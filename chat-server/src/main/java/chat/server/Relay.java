package chat.server;

import chat.protocol.ErrorCode;
import chat.protocol.FrameCodec;
import chat.protocol.HostPort;
import chat.server.internal.audit.AuditType;
import chat.server.internal.audit.QueuedAuditLog;
import chat.server.internal.net.ConnectionIds;
import chat.server.internal.net.ListenCheck;
import chat.server.internal.net.NettyTransport;
import chat.server.internal.net.RelayServerInitializer;
import chat.server.internal.relay.ClientConnection;
import chat.server.internal.relay.FileSweeper;
import chat.server.internal.relay.LogIds;
import chat.server.internal.relay.RequestDispatcher;
import chat.server.internal.relay.SuspensionWatch;
import chat.server.internal.storage.AtRestCipher;
import chat.server.internal.storage.AtRestKeys;
import chat.server.internal.storage.AtRestWarmup;
import chat.server.internal.storage.DataDirectory;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.EnvelopeLog;
import chat.server.internal.storage.LogPseudonymKey;
import chat.server.internal.storage.NativeLibraryFolder;
import chat.server.internal.storage.StoredKeysetCheck;
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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
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
 * A running relay: everything is built here from a {@link RelayConfig}, a clock and a random source
 * (its storage, keys and network here, its request handling by {@link RelayServices}), and {@link
 * #close()} shuts it down in order (stop accepting, finish in-flight requests and commits, tell
 * clients, close).
 */
public final class Relay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Relay.class);

  /**
   * Below this {@code --request-burst}, the relay warns at start: a client's login sends about this
   * many requests at once with a handful of conversations.
   */
  static final int LOGIN_REQUESTS = 20;

  /**
   * Below this {@code --idle-timeout-seconds}, the relay warns at start: clients ping a quiet
   * connection every 30 s (also while {@code /login} waits for the key passphrase), so a shorter
   * timeout closes their connections between two pings and they keep reconnecting.
   */
  static final int LOWEST_QUIET_IDLE_SECONDS = 45;

  /** How long a shutdown waits for the connections it closed to be gone (and audited). */
  private static final long DISCONNECT_WAIT_MILLIS = 5_000;

  /** Free space under which a failure to open the database is said to be the likely cause. */
  private static final long LOW_SPACE_BYTES = 16L << 20;

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
  private final SuspensionWatch suspensionWatch;
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
      FileSweeper fileSweeper,
      SuspensionWatch suspensionWatch) {
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
    this.suspensionWatch = suspensionWatch;
  }

  /**
   * Opens the data directory, storage, keys and TLS material, and starts listening.
   *
   * @throws Exception if any of them fails; nothing is left running
   */
  public static Relay start(RelayConfig config, Clock clock, SecureRandom random) throws Exception {
    Path dataDir = DataDirectory.prepare(config.dataDir());
    boolean ownCertificate = config.tlsCertificate() != null;
    DataDirectory.requireWhole(dataDir, ownCertificate);
    boolean newCertificate =
        !ownCertificate
            && DataDirectory.hasRun(dataDir)
            && !Files.exists(dataDir.resolve(TlsMaterial.CERT_FILE));
    NativeLibraryFolder.load(dataDir);
    TlsMaterial tls =
        TlsMaterial.resolve(dataDir, config.tlsCertificate(), config.tlsKey(), hostname(), random);
    AtRestCipher cipher = AtRestKeys.loadOrCreate(dataDir);
    LogIds logIds = new LogIds(LogPseudonymKey.loadOrCreate(dataDir, random));
    Database database;
    try {
      database =
          Database.open(
              dataDir, StoredKeysetCheck.of(cipher, dataDir.resolve(AtRestKeys.FILE_NAME)));
    } catch (UncheckedIOException e) {
      throw e.getCause(); // the envelope log refused: its own words
    } catch (SQLException e) {
      // SQLite's text alone ("file is not a database") does not say which file, and on a full
      // disk it names something else ("cannot commit - no transaction is active").
      throw new IOException(
          dataDir.resolve(Database.FILE_NAME)
              + " cannot be opened: "
              + e.getMessage()
              + lowSpace(dataDir),
          e);
    }
    try {
      if (!database.envelopes().owned()) {
        throw new IOException(
            "another relay is using the data directory "
                + dataDir
                + " (it holds "
                + EnvelopeLog.DIRECTORY
                + "/lock); stop it first, or give this one its own --data-dir");
      }
    } catch (IOException | RuntimeException e) {
      try {
        database.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    // Said once the data directory is this relay's: a relay refused it says only why.
    LOG.info("TLS certificate SHA-256 fingerprint: {}", tls.fingerprint());
    if (newCertificate) {
      LOG.warn(
          "no {} and {} in the data directory of a relay that has run: made a new self-signed"
              + " certificate; every client that pinned another one warns that it changed until"
              + " its user accepts the new fingerprint",
          TlsMaterial.CERT_FILE,
          TlsMaterial.KEY_FILE);
    }
    if (config.requestBurst() < LOGIN_REQUESTS) {
      LOG.warn(
          "--request-burst {} is less than a client's login sends at once (a hello, the login,"
              + " then a catch-up and a member list for each of its conversations): clients will"
              + " be refused (RATE_LIMITED) while they log in or reconnect; the default is 200",
          config.requestBurst());
    }
    if (config.idleTimeoutSeconds() < LOWEST_QUIET_IDLE_SECONDS) {
      LOG.warn(
          "--idle-timeout-seconds {} is less than {}: clients ping a quiet connection every 30 s,"
              + " so the relay will close their connections as idle between two pings and they"
              + " will keep reconnecting; the default is 120",
          config.idleTimeoutSeconds(),
          LOWEST_QUIET_IDLE_SECONDS);
    }
    try {
      NativeLibraryFolder.removeLeftovers();
    } catch (IOException e) {
      LOG.warn("could not remove what earlier starts unpacked: {}", e.toString());
    }
    WriteQueue writes = new WriteQueue(database);
    // Until the relay listens, a failure closes what was started here, writer thread included.
    RelayServices services =
        new RelayServices(config, clock, random, database, writes, cipher, logIds);
    try {
      RequestDispatcher dispatcher = services.start();
      return listen(
          config,
          tls,
          dispatcher,
          writes,
          database,
          services.audit(),
          services.fileSweeper(),
          services.suspensionWatch(),
          ConnectionIds.newStart(random));
    } catch (Exception | Error e) {
      services.close();
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
      SuspensionWatch suspensionWatch,
      ConnectionIds ids)
      throws Exception {
    NettyTransport transport = NettyTransport.best();
    int ioThreads = config.ioThreadCount();
    LOG.info(
        "transport {}, {} I/O thread{}, TLS provider {}",
        transport.name(),
        ioThreads,
        ioThreads == 1 ? "" : "s",
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
              sweeper,
              suspensionWatch);
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
   * Closes the connections of the suspended accounts now, as the relay does every {@value
   * SuspensionWatch#INTERVAL_SECONDS} seconds; returns how many it closed.
   */
  public int closeSuspendedConnections() {
    return suspensionWatch.closeSuspended();
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

  /**
   * Waits up to {@link #DISCONNECT_WAIT_MILLIS} for the connections just told to close to be gone,
   * each with its {@code DISCONNECT} in the audit log, before that log is closed.
   */
  private void awaitDisconnects() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DISCONNECT_WAIT_MILLIS);
    while (!connections.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (!connections.isEmpty()) {
      LOG.warn(
          "{} connection{} still closing after {} ms",
          connections.size(),
          connections.size() == 1 ? "" : "s",
          DISCONNECT_WAIT_MILLIS);
    }
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
    int openAtStop = connections.size();
    LOG.info("shutting down: {} connection{}", openAtStop, openAtStop == 1 ? "" : "s");
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
    for (ClientConnection late : List.copyOf(connections)) {
      if (!open.contains(late)) {
        late.close(ErrorCode.SHUTTING_DOWN); // accepted as the server channel closed
      }
    }
    awaitDisconnects();
    fileSweeper.close();
    suspensionWatch.close();
    audit.record(
        AuditType.RELAY_STOP,
        null,
        null,
        open.size() + (open.size() == 1 ? " connection closed" : " connections closed"));
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

  /**
   * {@code ""}, or a note that the disk holding {@code dataDir} is (nearly) full, when it has less
   * than {@link #LOW_SPACE_BYTES} free: SQLite then fails in ways whose text does not say so.
   */
  private static String lowSpace(Path dataDir) {
    try {
      long free = Files.getFileStore(dataDir).getUsableSpace();
      return free < LOW_SPACE_BYTES
          ? "; the disk holding "
              + dataDir
              + " has only "
              + free / 1024
              + " KiB free, which is the likely cause: free some space and start the relay again"
          : "";
    } catch (IOException e) {
      return "";
    }
  }
}
