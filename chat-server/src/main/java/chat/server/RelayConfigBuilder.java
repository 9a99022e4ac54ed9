package chat.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link RelayConfig}, the one way to make one: from the defaults ({@link
 * RelayConfig#builder}) or from another configuration ({@link RelayConfig#toBuilder}). Each setter
 * changes one value without checking it; {@link #build} checks them all together, as the record
 * does, so that a setting is judged against the others' final values. A new setting is a record
 * component, a field here with its default, a setter, and one line in each of {@link
 * #RelayConfigBuilder(RelayConfig)} and {@link #build}.
 */
public final class RelayConfigBuilder {
  private final String bindAddress;
  private final int port;
  private final Path dataDir;
  private int bcryptCost = 12;
  private int maxFrameBytes = 4 << 20;
  private Duration sessionTtl = Duration.ofDays(30);
  private int idleTimeoutSeconds = 120;
  private int requestsPerSecond = 50;
  private int requestBurst = 200;
  private int messagesPerSecond = RelayConfig.DEFAULT_MESSAGES_PER_SECOND;
  private int messageBurst = RelayConfig.DEFAULT_MESSAGE_BURST;
  private long maxPendingBytes = 16L << 20;
  private int maxConnectionsPerAddress = RelayConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
  private int registrationsPerHour = RelayConfig.DEFAULT_REGISTRATIONS_PER_HOUR;
  private int presenceMaxRoomMembers = RelayConfig.DEFAULT_PRESENCE_MAX_ROOM_MEMBERS;
  private int writeCoalescingMillis = RelayConfig.DEFAULT_WRITE_COALESCING_MILLIS;
  private int workerThreads = 16;
  private int bcryptThreads = RelayConfig.BCRYPT_THREADS_DEFAULT;
  private int ioThreads = RelayConfig.ONE_IO_THREAD_PER_PROCESSOR;
  private Path tlsCertificate;
  private Path tlsKey;
  private Duration auditRetention = RelayConfig.DEFAULT_AUDIT_RETENTION;
  private FileLimits files = FileLimits.defaults();
  private RoomLimits rooms = RoomLimits.defaults();
  private int maxFriends = RelayConfig.DEFAULT_MAX_FRIENDS;

  /** The defaults with this bind address, port and data directory. */
  RelayConfigBuilder(String bindAddress, int port, Path dataDir) {
    this.bindAddress = bindAddress;
    this.port = port;
    this.dataDir = dataDir;
  }

  /** The values of {@code from}. */
  RelayConfigBuilder(RelayConfig from) {
    this(from.bindAddress(), from.port(), from.dataDir());
    bcryptCost = from.bcryptCost();
    maxFrameBytes = from.maxFrameBytes();
    sessionTtl = from.sessionTtl();
    idleTimeoutSeconds = from.idleTimeoutSeconds();
    requestsPerSecond = from.requestsPerSecond();
    requestBurst = from.requestBurst();
    messagesPerSecond = from.messagesPerSecond();
    messageBurst = from.messageBurst();
    maxPendingBytes = from.maxPendingBytes();
    maxConnectionsPerAddress = from.maxConnectionsPerAddress();
    registrationsPerHour = from.registrationsPerHour();
    presenceMaxRoomMembers = from.presenceMaxRoomMembers();
    writeCoalescingMillis = from.writeCoalescingMillis();
    workerThreads = from.workerThreads();
    bcryptThreads = from.bcryptThreads();
    ioThreads = from.ioThreads();
    tlsCertificate = from.tlsCertificate();
    tlsKey = from.tlsKey();
    auditRetention = from.auditRetention();
    files = from.files();
    rooms = from.rooms();
    maxFriends = from.maxFriends();
  }

  /** The bcrypt cost of stored passwords, 4 to 31. */
  public RelayConfigBuilder bcryptCost(int cost) {
    bcryptCost = cost;
    return this;
  }

  /** The largest frame either side may send, in bytes. */
  public RelayConfigBuilder maxFrameBytes(int bytes) {
    maxFrameBytes = bytes;
    return this;
  }

  /** How long a session token stays valid, 1 day to {@link RelayConfig#MAX_SESSION_DAYS}. */
  public RelayConfigBuilder sessionTtl(Duration ttl) {
    sessionTtl = Objects.requireNonNull(ttl, "ttl");
    return this;
  }

  /** How long a connection may go without a complete frame before it is closed. */
  public RelayConfigBuilder idleTimeoutSeconds(int seconds) {
    idleTimeoutSeconds = seconds;
    return this;
  }

  /** The requests one connection may make per second, on average. */
  public RelayConfigBuilder requestsPerSecond(int perSecond) {
    requestsPerSecond = perSecond;
    return this;
  }

  /** The requests one connection may make at once above its average rate. */
  public RelayConfigBuilder requestBurst(int burst) {
    requestBurst = burst;
    return this;
  }

  /** The messages one account may send per second, on average, over all its connections. */
  public RelayConfigBuilder messagesPerSecond(int perSecond) {
    messagesPerSecond = perSecond;
    return this;
  }

  /** The messages one account may send at once above its average rate. */
  public RelayConfigBuilder messageBurst(int burst) {
    messageBurst = burst;
    return this;
  }

  /** The most unsent bytes one connection may hold before it is closed as too slow. */
  public RelayConfigBuilder maxPendingBytes(long bytes) {
    maxPendingBytes = bytes;
    return this;
  }

  /** The open connections one client address may have (0: no limit). */
  public RelayConfigBuilder maxConnectionsPerAddress(int limit) {
    maxConnectionsPerAddress = limit;
    return this;
  }

  /** The registration attempts one client address may make per hour (0: no limit). */
  public RelayConfigBuilder registrationsPerHour(int attempts) {
    registrationsPerHour = attempts;
    return this;
  }

  /** The largest room whose members hear each other's presence (0: every room). */
  public RelayConfigBuilder presenceMaxRoomMembers(int members) {
    presenceMaxRoomMembers = members;
    return this;
  }

  /** How long an event loop waits after a write before its next round (0: write at once). */
  public RelayConfigBuilder writeCoalescingMillis(int millis) {
    writeCoalescingMillis = millis;
    return this;
  }

  /** The threads that handle requests. */
  public RelayConfigBuilder workerThreads(int threads) {
    workerThreads = threads;
    return this;
  }

  /**
   * The bcrypt computations that may run at once ({@link RelayConfig#BCRYPT_THREADS_DEFAULT}: see
   * {@link RelayConfig#bcryptThreadCount()}).
   */
  public RelayConfigBuilder bcryptThreads(int threads) {
    bcryptThreads = threads;
    return this;
  }

  /** The event loops ({@link RelayConfig#ONE_IO_THREAD_PER_PROCESSOR}: one per processor). */
  public RelayConfigBuilder ioThreads(int threads) {
    ioThreads = threads;
    return this;
  }

  /**
   * The operator's TLS certificate and private key files, both or neither (null, the default: the
   * self-signed pair in the data directory).
   */
  public RelayConfigBuilder tls(Path certificate, Path key) {
    tlsCertificate = certificate;
    tlsKey = key;
    return this;
  }

  /** How long audit events are kept ({@link Duration#ZERO}: forever). */
  public RelayConfigBuilder auditRetention(Duration retention) {
    auditRetention = Objects.requireNonNull(retention, "retention");
    return this;
  }

  /** The limits on shared files. */
  public RelayConfigBuilder files(FileLimits limits) {
    files = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /** The limits on rooms, their members and invitations. */
  public RelayConfigBuilder rooms(RoomLimits limits) {
    rooms = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /** The friends one user may have. */
  public RelayConfigBuilder maxFriends(int friends) {
    maxFriends = friends;
    return this;
  }

  /**
   * The configuration of these values.
   *
   * @throws RelayConfig.InvalidSetting if a value is out of range, naming the first such setting
   */
  public RelayConfig build() {
    return new RelayConfig(
        bindAddress,
        port,
        dataDir,
        bcryptCost,
        maxFrameBytes,
        sessionTtl,
        idleTimeoutSeconds,
        requestsPerSecond,
        requestBurst,
        maxPendingBytes,
        maxConnectionsPerAddress,
        registrationsPerHour,
        presenceMaxRoomMembers,
        writeCoalescingMillis,
        workerThreads,
        bcryptThreads,
        ioThreads,
        tlsCertificate,
        tlsKey,
        auditRetention,
        files,
        rooms,
        maxFriends,
        messagesPerSecond,
        messageBurst);
  }
}
