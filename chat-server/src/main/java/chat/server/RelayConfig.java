package chat.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the relay needs to start, resolved from flags, environment, config file and defaults.
 * {@code tlsCertificate} and {@code tlsKey} are null for the self-signed pair in the data dir.
 * {@code auditRetention} is how long audit events are kept ({@link Duration#ZERO}: forever); {@code
 * files} holds the limits on shared files.
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
    int workerThreads,
    Path tlsCertificate,
    Path tlsKey,
    Duration auditRetention,
    FileLimits files) {
  /** The default port. */
  public static final int DEFAULT_PORT = 7443;

  /** How long audit events are kept by default. */
  public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(90);

  /** Validates ranges. */
  public RelayConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(sessionTtl, "sessionTtl");
    Objects.requireNonNull(files, "files");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535");
    }
    if (bcryptCost < 4 || bcryptCost > 31) {
      throw new IllegalArgumentException("bcrypt cost must be 4 to 31");
    }
    if (maxFrameBytes < 64 * 1024 || maxFrameBytes > 64 << 20) {
      throw new IllegalArgumentException("max frame bytes must be 64 KiB to 64 MiB");
    }
    if (maxPendingBytes < 2L * maxFrameBytes) {
      throw new IllegalArgumentException(
          "max pending bytes must be at least twice the max frame bytes (one reply must fit)");
    }
    if (workerThreads < 1) {
      throw new IllegalArgumentException("worker threads must be positive");
    }
    if ((tlsCertificate == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    Objects.requireNonNull(auditRetention, "auditRetention");
    if (auditRetention.isNegative()) {
      throw new IllegalArgumentException("audit days must be 0 (keep forever) or more");
    }
  }

  /** The defaults with this bind address, port and data directory. */
  public static RelayConfig defaults(String bindAddress, int port, Path dataDir) {
    return new RelayConfig(
        bindAddress,
        port,
        dataDir,
        12,
        4 << 20,
        Duration.ofDays(30),
        120,
        50,
        200,
        16L << 20,
        16,
        null,
        null,
        DEFAULT_AUDIT_RETENTION,
        FileLimits.defaults());
  }

  /** A copy with another bcrypt cost. */
  public RelayConfig withBcryptCost(int cost) {
    return new RelayConfig(
        bindAddress,
        port,
        dataDir,
        cost,
        maxFrameBytes,
        sessionTtl,
        idleTimeoutSeconds,
        requestsPerSecond,
        requestBurst,
        maxPendingBytes,
        workerThreads,
        tlsCertificate,
        tlsKey,
        auditRetention,
        files);
  }

  /** A copy with other request rate limits. */
  public RelayConfig withRequestRate(int perSecond, int burst) {
    return new RelayConfig(
        bindAddress,
        port,
        dataDir,
        bcryptCost,
        maxFrameBytes,
        sessionTtl,
        idleTimeoutSeconds,
        perSecond,
        burst,
        maxPendingBytes,
        workerThreads,
        tlsCertificate,
        tlsKey,
        auditRetention,
        files);
  }

  /** A copy with other bounds on the frame size and on a connection's unsent bytes. */
  public RelayConfig withBufferLimits(int frameBytes, long pendingBytes) {
    return new RelayConfig(
        bindAddress,
        port,
        dataDir,
        bcryptCost,
        frameBytes,
        sessionTtl,
        idleTimeoutSeconds,
        requestsPerSecond,
        requestBurst,
        pendingBytes,
        workerThreads,
        tlsCertificate,
        tlsKey,
        auditRetention,
        files);
  }

  /** A copy with other limits on shared files. */
  public RelayConfig withFiles(FileLimits fileLimits) {
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
        workerThreads,
        tlsCertificate,
        tlsKey,
        auditRetention,
        fileLimits);
  }

  /** A copy with another idle timeout: no complete frame for this long closes a connection. */
  public RelayConfig withIdleTimeoutSeconds(int seconds) {
    return new RelayConfig(
        bindAddress,
        port,
        dataDir,
        bcryptCost,
        maxFrameBytes,
        sessionTtl,
        seconds,
        requestsPerSecond,
        requestBurst,
        maxPendingBytes,
        workerThreads,
        tlsCertificate,
        tlsKey,
        auditRetention,
        files);
  }
}
