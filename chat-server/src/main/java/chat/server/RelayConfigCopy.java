package chat.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The components of a {@link RelayConfig} as fields its {@code with...} methods may change, for the
 * copy they return: {@link #build} validates it as every configuration is.
 */
final class RelayConfigCopy {
  private final String bindAddress;
  private final int port;
  private final Path dataDir;
  int bcryptCost;
  int maxFrameBytes;
  private final Duration sessionTtl;
  int idleTimeoutSeconds;
  int requestsPerSecond;
  int requestBurst;
  long maxPendingBytes;
  int maxConnectionsPerAddress;
  int registrationsPerHour;
  int presenceMaxRoomMembers;
  int writeCoalescingMillis;
  int workerThreads;
  int bcryptThreads;
  int ioThreads;
  private final Path tlsCertificate;
  private final Path tlsKey;
  private final Duration auditRetention;
  FileLimits files;
  RoomLimits rooms;
  int maxFriends;

  RelayConfigCopy(RelayConfig from) {
    bindAddress = from.bindAddress();
    port = from.port();
    dataDir = from.dataDir();
    bcryptCost = from.bcryptCost();
    maxFrameBytes = from.maxFrameBytes();
    sessionTtl = from.sessionTtl();
    idleTimeoutSeconds = from.idleTimeoutSeconds();
    requestsPerSecond = from.requestsPerSecond();
    requestBurst = from.requestBurst();
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

  RelayConfig build() {
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
        maxFriends);
  }
}
