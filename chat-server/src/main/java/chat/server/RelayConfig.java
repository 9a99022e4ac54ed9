package chat.server;

import chat.server.internal.net.ListenCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the relay needs to start, resolved from flags, environment, config file and defaults.
 * {@code tlsCertificate} and {@code tlsKey} are null for the self-signed pair in the data dir.
 * {@code auditRetention} is how long audit events are kept ({@link Duration#ZERO}: forever); {@code
 * files} holds the limits on shared files; {@code ioThreads} is the number of event loops ({@link
 * #ONE_IO_THREAD_PER_PROCESSOR}: one per processor the JVM sees, see {@link #ioThreadCount()});
 * {@code registrationsPerHour} is how many registration attempts one client address may make per
 * hour, and how many name checks apart from them (0: no limit); {@code bcryptThreads} is how many
 * bcrypt computations may run at once ({@link #BCRYPT_THREADS_DEFAULT}: see {@link
 * #bcryptThreadCount()}); {@code maxFriends} is how many friends one user may have; {@code
 * messagesPerSecond} and {@code messageBurst} bound the messages one account sends over all its
 * connections together, as {@code requestsPerSecond} and {@code requestBurst} bound the requests of
 * one connection.
 *
 * <p>Make one with {@link #builder} (from the defaults) or {@link #toBuilder} (a copy with some
 * values changed), so that a new setting needs no change where the others are set.
 */
public record RelayConfig(
    String bindAddress,
    int port,
    Path dataDir,
    int bcryptCost,
    int maxFrameBytes,
    Duration sessionTtl,
    int idleTimeoutSeconds,
    int requestsPerSecond,
    int requestBurst,
    long maxPendingBytes,
    int maxConnectionsPerAddress,
    int registrationsPerHour,
    int presenceMaxRoomMembers,
    int writeCoalescingMillis,
    int workerThreads,
    int bcryptThreads,
    int ioThreads,
    Path tlsCertificate,
    Path tlsKey,
    Duration auditRetention,
    FileLimits files,
    RoomLimits rooms,
    int maxFriends,
    int messagesPerSecond,
    int messageBurst) {
  /** The default port. */
  public static final int DEFAULT_PORT = 7443;

  /**
   * Messages one account may send per second on average, over all its connections, by default: far
   * more than a person types, and a script's bulk posts are paced to it (the client waits and sends
   * again), while a flood stays bounded.
   */
  public static final int DEFAULT_MESSAGES_PER_SECOND = 10;

  /** Messages one account may send at once above its average rate, by default. */
  public static final int DEFAULT_MESSAGE_BURST = 100;

  /**
   * Open connections one client address may have by default (an IPv6 address counts with its /64):
   * enough for a team behind one NAT address, each with a few clients and scripts.
   */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;

  /**
   * The largest room whose members hear each other come online, go away and leave, by default.
   * Friends always do. Past it every log-in would cost an event per member.
   */
  public static final int DEFAULT_PRESENCE_MAX_ROOM_MEMBERS = 256;

  /**
   * How long an event loop that has just written waits before its next round of writes, by default,
   * so that a busy connection gets several frames per write (see {@code DrainScheduler}).
   */
  public static final int DEFAULT_WRITE_COALESCING_MILLIS = 40;

  /** The longest write coalescing interval accepted. */
  public static final int MAX_WRITE_COALESCING_MILLIS = 1000;

  /**
   * {@code ioThreads} for one event loop per processor, the default. A loop's work (TLS records,
   * system calls) needs a processor, so loops beyond the processors only take turns on them and
   * with the storage writer, which every message waits for: on a 2-core machine, 2 loops instead of
   * Netty's default of 4 delivered a 1,000-member room's messages faster, at less CPU per delivery,
   * in three runs of four (docs/PERFORMANCE-HISTORY.md, "Where a send waits at saturation").
   */
  public static final int ONE_IO_THREAD_PER_PROCESSOR = 0;

  /** The most event loops accepted. */
  public static final int MAX_IO_THREADS = 1024;

  /**
   * Registration attempts one client address (an IPv6 address with its /64) may make per hour by
   * default, successful or not: enough for a team behind one NAT address signing up together, few
   * enough that a flood of registrations is stopped within a handful of bcrypt hashes.
   */
  public static final int DEFAULT_REGISTRATIONS_PER_HOUR = 20;

  /** {@code bcryptThreads} for the default, see {@link #bcryptThreadCount()}. */
  public static final int BCRYPT_THREADS_DEFAULT = 0;

  /** The most request worker threads accepted. */
  public static final int MAX_WORKER_THREADS = 1024;

  /** The longest session lifetime accepted, in days (ten years). */
  public static final int MAX_SESSION_DAYS = 3650;

  /** The longest idle timeout accepted, in seconds (one day). */
  public static final int MAX_IDLE_TIMEOUT_SECONDS = 86_400;

  /**
   * The largest request rate and burst accepted, and the largest connection and room-size limits:
   * far past what one relay serves, small enough that no count or product overflows.
   */
  public static final int MAX_COUNT = 1_000_000;

  /** The most unsent bytes one connection may hold (1 GiB). */
  public static final long MAX_PENDING_BYTES = 1L << 30;

  /** Friends per user by default: the whole list fits the default frame, paged or not. */
  public static final int DEFAULT_MAX_FRIENDS = 1000;

  /** The most friends per user accepted. */
  public static final int MAX_FRIENDS = 100_000;

  /** How long audit events are kept by default. */
  public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(90);

  /** Validates ranges. */
  public RelayConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(sessionTtl, "sessionTtl");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(rooms, "rooms");
    if (port < 0 || port > 65535) {
      throw new InvalidSetting("port", "port must be 0 to 65535");
    }
    if (!ListenCheck.isLocalAddress(bindAddress)) {
      throw new InvalidSetting(
          "bind",
          "bind address must be an address of this machine, such as 127.0.0.1, 0.0.0.0 or ::1,"
              + " or a name that resolves to one (got '"
              + bindAddress
              + "')");
    }
    if (sessionTtl.compareTo(Duration.ofDays(1)) < 0
        || sessionTtl.compareTo(Duration.ofDays(MAX_SESSION_DAYS)) > 0) {
      throw new InvalidSetting("session-days", "session days must be 1 to " + MAX_SESSION_DAYS);
    }
    // the relay never started with 0: limits must be positive
    if (idleTimeoutSeconds < 1 || idleTimeoutSeconds > MAX_IDLE_TIMEOUT_SECONDS) {
      throw new InvalidSetting(
          "idle-timeout-seconds",
          "idle timeout seconds must be 1 to " + MAX_IDLE_TIMEOUT_SECONDS + " (one day)");
    }
    if (requestsPerSecond < 1 || requestsPerSecond > MAX_COUNT) {
      throw new InvalidSetting(
          "requests-per-second", "requests per second must be 1 to " + MAX_COUNT);
    }
    if (requestBurst < 1 || requestBurst > MAX_COUNT) {
      throw new InvalidSetting("request-burst", "request burst must be 1 to " + MAX_COUNT);
    }
    if (messagesPerSecond < 1 || messagesPerSecond > MAX_COUNT) {
      throw new InvalidSetting(
          "messages-per-second", "messages per second must be 1 to " + MAX_COUNT);
    }
    if (messageBurst < 1 || messageBurst > MAX_COUNT) {
      throw new InvalidSetting("message-burst", "message burst must be 1 to " + MAX_COUNT);
    }
    if (bcryptCost < 4 || bcryptCost > 31) {
      throw new InvalidSetting("bcrypt-cost", "bcrypt cost must be 4 to 31");
    }
    requireMaxFrameBytes(maxFrameBytes);
    if (rooms.maxRoomMembers() > RoomLimits.membersFitting(maxFrameBytes)) {
      throw new InvalidSetting(
          "max-room-members",
          "max room members must be at most max frame bytes / 64 ("
              + RoomLimits.membersFitting(maxFrameBytes)
              + "), so that a join reply naming every member fits in a frame");
    }
    if (maxPendingBytes < 2L * maxFrameBytes) {
      throw new InvalidSetting(
          "max-pending-bytes",
          "max pending bytes must be at least twice the max frame bytes (one reply must fit): "
              + maxPendingBytes
              + " < 2 x "
              + maxFrameBytes
              + "; raise --max-pending-bytes to "
              + 2L * maxFrameBytes
              + " or more");
    }
    if (maxPendingBytes > MAX_PENDING_BYTES) {
      throw new InvalidSetting(
          "max-pending-bytes",
          "max pending bytes must be at most " + MAX_PENDING_BYTES + " (1 GiB)");
    }
    if (maxConnectionsPerAddress < 0 || maxConnectionsPerAddress > MAX_COUNT) {
      throw new InvalidSetting(
          "max-connections-per-address",
          "max connections per address must be 0 (no limit) to " + MAX_COUNT);
    }
    if (registrationsPerHour < 0 || registrationsPerHour > MAX_COUNT) {
      throw new InvalidSetting(
          "registrations-per-hour", "registrations per hour must be 0 (no limit) to " + MAX_COUNT);
    }
    if (presenceMaxRoomMembers < 0 || presenceMaxRoomMembers > MAX_COUNT) {
      throw new InvalidSetting(
          "presence-max-room-members",
          "presence max room members must be 0 (every room) to " + MAX_COUNT);
    }
    if (writeCoalescingMillis < 0 || writeCoalescingMillis > MAX_WRITE_COALESCING_MILLIS) {
      throw new InvalidSetting(
          "write-coalescing-ms",
          "write coalescing must be 0 (write at once) to " + MAX_WRITE_COALESCING_MILLIS + " ms");
    }
    if (workerThreads < 2 || workerThreads > MAX_WORKER_THREADS) {
      // One worker is always kept from password hashing, which needs one of its own.
      throw new InvalidSetting(
          "worker-threads",
          "worker threads must be 2 to "
              + MAX_WORKER_THREADS
              + " (one is kept free of password hashing, which needs another)");
    }
    if (bcryptThreads < 0 || bcryptThreads > MAX_WORKER_THREADS) {
      throw new InvalidSetting(
          "bcrypt-threads",
          "bcrypt threads must be 0 (the default: one per processor, at most (worker threads - 1)"
              + " / 2 and at least 1) to "
              + MAX_WORKER_THREADS);
    }
    if (bcryptThreads != BCRYPT_THREADS_DEFAULT && bcryptThreads >= workerThreads) {
      throw new InvalidSetting(
          "bcrypt-threads",
          "bcrypt threads must be fewer than the worker threads ("
              + workerThreads
              + "), so that a worker is always free for requests that hash no password");
    }
    if (ioThreads < 0 || ioThreads > MAX_IO_THREADS) {
      throw new InvalidSetting(
          "io-threads", "I/O threads must be 0 (one per processor) to " + MAX_IO_THREADS);
    }
    if ((tlsCertificate == null) != (tlsKey == null)) {
      throw new InvalidSetting(
          tlsCertificate == null ? "tls-key" : "tls-cert", "--tls-cert and --tls-key go together");
    }
    if (maxFriends < 1 || maxFriends > MAX_FRIENDS) {
      throw new InvalidSetting("max-friends", "max friends must be 1 to " + MAX_FRIENDS);
    }
    Objects.requireNonNull(auditRetention, "auditRetention");
    if (auditRetention.isNegative()) {
      throw new InvalidSetting("audit-days", "audit days must be 0 (keep forever) or more");
    }
  }

  /** The number of event loops: {@code ioThreads}, or one per processor if that is 0. */
  public int ioThreadCount() {
    return ioThreads == ONE_IO_THREAD_PER_PROCESSOR
        ? Runtime.getRuntime().availableProcessors()
        : ioThreads;
  }

  /**
   * How many bcrypt computations run at once: {@code bcryptThreads}, or if that is 0 one per
   * processor but at most (worker threads - 1) / 2 and at least 1. See {@link
   * #bcryptWaitingPlaces()} for those that wait.
   */
  public int bcryptThreadCount() {
    if (bcryptThreads != BCRYPT_THREADS_DEFAULT) {
      return bcryptThreads;
    }
    int processors = Runtime.getRuntime().availableProcessors();
    return Math.max(1, Math.min(processors, (workerThreads - 1) / 2));
  }

  /**
   * How many bcrypt computations may wait for one of the {@link #bcryptThreadCount()} slots (each
   * at most 10 seconds; past that, or if every place is taken, a login, registration or password
   * check is answered {@code RATE_LIMITED}): the worker threads less the slots less one, so that
   * running and waiting hashes together always leave a worker free for other requests.
   */
  public int bcryptWaitingPlaces() {
    return Math.max(0, workerThreads - 1 - bcryptThreadCount());
  }

  /** The defaults with this bind address, port and data directory. */
  public static RelayConfig defaults(String bindAddress, int port, Path dataDir) {
    return builder(bindAddress, port, dataDir).build();
  }

  /** A builder that starts from the defaults with this bind address, port and data directory. */
  public static RelayConfigBuilder builder(String bindAddress, int port, Path dataDir) {
    return new RelayConfigBuilder(bindAddress, port, dataDir);
  }

  /** A builder that starts from this configuration's values, for a copy with some changed. */
  public RelayConfigBuilder toBuilder() {
    return new RelayConfigBuilder(this);
  }

  /**
   * Checks {@code maxFrameBytes}, 64 KiB to 64 MiB; also for operator tools that count against the
   * limit it sets ({@link RoomLimits#conversationsFitting}).
   *
   * @throws InvalidSetting if it is out of range
   */
  public static int requireMaxFrameBytes(int maxFrameBytes) {
    if (maxFrameBytes < 64 * 1024 || maxFrameBytes > 64 << 20) {
      throw new InvalidSetting("max-frame-bytes", "max frame bytes must be 64 KiB to 64 MiB");
    }
    return maxFrameBytes;
  }

  /**
   * A setting out of its range; {@link #setting} names it as its long option does, without the
   * dashes ({@code port}, {@code bcrypt-cost}), so that the caller can say where the value came
   * from.
   */
  public static final class InvalidSetting extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The setting's name. */
    private final String setting;

    /** {@code setting} is wrong, as {@code message} says. */
    public InvalidSetting(String setting, String message) {
      super(message);
      this.setting = setting;
    }

    /** The setting's name, as its long option without the dashes. */
    public String setting() {
      return setting;
    }
  }
}
