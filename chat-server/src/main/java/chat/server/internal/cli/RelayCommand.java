package chat.server.internal.cli;

import chat.protocol.FrameCodec;
import chat.protocol.ProtocolVersions;
import chat.server.FileLimits;
import chat.server.Relay;
import chat.server.RelayConfig;
import chat.server.internal.net.ListenCheck;
import chat.server.internal.tls.OperatorCertificate;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chat-server}: runs the relay until SIGTERM or SIGINT, then shuts down cleanly and exits 0.
 */
@Command(
    name = "chat-server",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = "TLS 1.3 relay for end-to-end encrypted chat envelopes.",
    subcommands = {KeysCommand.class, AuditCommand.class, UsersCommand.class, BackupCommand.class})
public final class RelayCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RelayCommand.class);

  /** The {@code --version} lines: the relay's version and the wire versions it speaks. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"chat-server 0.1.0", ProtocolVersions.versionLine()};
    }
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address to listen on; 0.0.0.0 for all interfaces (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "7443",
      description = "TCP port, 0 to 65535; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      converter = NonEmptyPath.Directory.class,
      defaultValue = "./data",
      description = "Data directory (default: ${DEFAULT-VALUE}), created owner-only.")
  Path dataDir;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file of key = value lines (same names as flags).")
  Path config;

  @Option(
      names = "--bcrypt-cost",
      paramLabel = "N",
      defaultValue = "12",
      description = "bcrypt cost, 4-31 (default: ${DEFAULT-VALUE}).")
  int bcryptCost;

  @Option(
      names = "--max-frame-bytes",
      paramLabel = "N",
      converter = ByteCount.OfInt.class,
      defaultValue = "" + FrameCodec.DEFAULT_MAX_FRAME_BYTES,
      description = "Largest frame JSON in bytes, 65536 to 67108864 (default: ${DEFAULT-VALUE}).")
  int maxFrameBytes;

  @Option(
      names = "--session-days",
      paramLabel = "N",
      defaultValue = "30",
      description = "Session token lifetime in days, 1 to 3650 (default: ${DEFAULT-VALUE}).")
  int sessionDays;

  @Option(
      names = "--idle-timeout-seconds",
      paramLabel = "N",
      defaultValue = "120",
      description =
          "Close connections silent this long, 1 to 86400 seconds (default: ${DEFAULT-VALUE}).")
  int idleTimeoutSeconds;

  @Option(
      names = "--requests-per-second",
      paramLabel = "N",
      defaultValue = "50",
      description = "Per-connection request rate, 1 to 1000000 (default: ${DEFAULT-VALUE}).")
  int requestsPerSecond;

  @Option(
      names = "--request-burst",
      paramLabel = "N",
      defaultValue = "200",
      description = "Per-connection request burst, 1 to 1000000 (default: ${DEFAULT-VALUE}).")
  int requestBurst;

  @Option(
      names = "--messages-per-second",
      paramLabel = "N",
      defaultValue = "" + RelayConfig.DEFAULT_MESSAGES_PER_SECOND,
      description =
          "Messages one account may send per second, over all its connections together; more"
              + " are refused (RATE_LIMITED) and clients send them again a moment later; 1 to"
              + " 1000000 (default: ${DEFAULT-VALUE}).")
  int messagesPerSecond;

  @Option(
      names = "--message-burst",
      paramLabel = "N",
      defaultValue = "" + RelayConfig.DEFAULT_MESSAGE_BURST,
      description =
          "Messages one account may send at once above --messages-per-second, 1 to 1000000"
              + " (default: ${DEFAULT-VALUE}).")
  int messageBurst;

  @Option(
      names = "--max-pending-bytes",
      paramLabel = "N",
      converter = ByteCount.OfLong.class,
      defaultValue = "16777216",
      description =
          "Unsent bytes before a slow client is dropped, twice --max-frame-bytes to 1073741824"
              + " (default: ${DEFAULT-VALUE}).")
  long maxPendingBytes;

  @Option(
      names = "--max-connections-per-address",
      paramLabel = "N",
      defaultValue = "256",
      description =
          "Open connections one client address may have; an IPv6 address counts with its /64;"
              + " 0 = no limit; at most 1000000 (default: ${DEFAULT-VALUE}).")
  int maxConnectionsPerAddress;

  @Option(
      names = "--registrations-per-hour",
      paramLabel = "N",
      defaultValue = "" + RelayConfig.DEFAULT_REGISTRATIONS_PER_HOUR,
      description =
          "Registration attempts one client address may make per hour, successful or not, and"
              + " as many checks whether a name is free, counted apart; an IPv6 address counts"
              + " with its /64; 0 = no limit; at most 1000000 (default: ${DEFAULT-VALUE}).")
  int registrationsPerHour;

  @Option(
      names = "--presence-max-room-members",
      paramLabel = "N",
      defaultValue = "256",
      description =
          "Largest room whose members are told when another comes online, goes away or leaves;"
              + " friends always are; 0 = every room; at most 1000000 (default: ${DEFAULT-VALUE}).")
  int presenceMaxRoomMembers;

  @Option(
      names = "--write-coalescing-ms",
      paramLabel = "N",
      defaultValue = "40",
      description =
          "While the relay is busy writing, each connection's frames are held up to this long and"
              + " sent together (fewer TLS records and system calls); 0 = write at once; at most"
              + " 1000 (default: ${DEFAULT-VALUE}).")
  int writeCoalescingMillis;

  @Option(
      names = "--worker-threads",
      paramLabel = "N",
      defaultValue = "16",
      description = "Request worker threads, 2 to 1024 (default: ${DEFAULT-VALUE}).")
  int workerThreads;

  @Option(
      names = "--bcrypt-threads",
      paramLabel = "N",
      defaultValue = "" + RelayConfig.BCRYPT_THREADS_DEFAULT,
      description =
          "bcrypt computations (logins, registrations, password checks) run at once, fewer than"
              + " the worker threads; more may wait up to 10 s on the other workers but one, the"
              + " rest are answered RATE_LIMITED; 0 = one per processor, at most (worker threads -"
              + " 1) / 2 and at least 1 (default: ${DEFAULT-VALUE}).")
  int bcryptThreads;

  @Option(
      names = "--io-threads",
      paramLabel = "N",
      defaultValue = "" + RelayConfig.ONE_IO_THREAD_PER_PROCESSOR,
      description =
          "Event loops, which carry every connection's TLS reads and writes; 0 = one per"
              + " processor; at most 1024 (default: ${DEFAULT-VALUE}).")
  int ioThreads;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "PEM certificate chain (with --tls-key) instead of the self-signed one.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "PEM private key for --tls-cert: PKCS#8, or the older RSA or EC form.")
  Path tlsKey;

  @Option(names = "--log-file", paramLabel = "FILE", description = "Also append logs to this file.")
  Path logFile;

  @Option(
      names = "--audit-days",
      paramLabel = "N",
      defaultValue = "90",
      description =
          "Keep audit events this many days, at most 36500; 0 keeps them forever"
              + " (default: ${DEFAULT-VALUE}).")
  int auditDays;

  @Mixin RoomLimitOptions roomLimits;

  @Option(
      names = "--print-config",
      description =
          "Print the effective configuration (flags, environment, config file, defaults) with"
              + " where each value came from, and exit.")
  boolean printConfig;

  @Option(
      names = "--max-file-bytes",
      paramLabel = "N",
      converter = ByteCount.OfLong.class,
      defaultValue = "" + FileLimits.DEFAULT_MAX_FILE_BYTES,
      description =
          "Largest shared file, encrypted size in bytes, at most 1 TiB"
              + " (default: ${DEFAULT-VALUE}).")
  long maxFileBytes;

  @Option(
      names = "--file-expiry-hours",
      paramLabel = "N",
      defaultValue = "" + FileLimits.DEFAULT_EXPIRY_HOURS,
      description =
          "Delete shared files this many hours after upload, 1 to 87600"
              + " (default: ${DEFAULT-VALUE}).")
  int fileExpiryHours;

  @Option(
      names = "--file-quota-bytes",
      paramLabel = "N",
      converter = ByteCount.OfLong.class,
      defaultValue = "" + FileLimits.DEFAULT_QUOTA_BYTES,
      description =
          "Bytes of unexpired files one user may store, at most 1 PiB (default: ${DEFAULT-VALUE}).")
  long fileQuotaBytes;

  @Option(
      names = "--file-storage-bytes",
      paramLabel = "N",
      converter = ByteCount.OfLong.class,
      defaultValue = "" + FileLimits.DEFAULT_STORAGE_BYTES,
      description =
          "Bytes of unexpired files all users may store, at most 1 PiB (default: ${DEFAULT-VALUE}).")
  long fileStorageBytes;

  @Override
  public Integer call() throws Exception {
    RelayConfig relayConfig = relayConfig();
    if (printConfig) {
      ConfigDefaultProvider provider =
          spec.defaultValueProvider() instanceof ConfigDefaultProvider configured
              ? configured
              : new ConfigDefaultProvider(Map.of(), ConfigFile.none(), spec);
      ConfigPrinter.lines(spec, spec.commandLine().getParseResult(), provider)
          .forEach(spec.commandLine().getOut()::println);
      spec.commandLine().getOut().flush();
      return 0;
    }
    // Registered first, so that a signal during the start also ends in a clean stop and exit 0.
    StopOnSignal stopOnSignal = new StopOnSignal(StopOnSignal.Jvm.running());
    Relay relay;
    try {
      // Before anything is written: a busy port or unusable TLS files must leave nothing behind.
      ListenCheck.requireBindable(relayConfig.bindAddress(), relayConfig.port());
      if (relayConfig.tlsCertificate() != null) {
        OperatorCertificate.check(relayConfig.tlsCertificate(), relayConfig.tlsKey());
      }
      if (logFile != null) {
        Optional<String> warning = LogFile.open(logFile);
        LogFile.addAppender(logFile);
        warning.ifPresent(LOG::warn);
      }
      if (relayConfig.tlsKey() != null) {
        OperatorCertificate.othersMayRead(relayConfig.tlsKey()).ifPresent(LOG::warn);
      }
      relay = Relay.start(relayConfig, Clock.systemUTC(), new SecureRandom());
    } catch (Exception | Error e) {
      stopOnSignal.startFailed();
      throw e;
    }
    stopOnSignal.started(relay);
    stopOnSignal.awaitStopped();
    return 0;
  }

  /**
   * The relay configuration from the parsed options.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  RelayConfig relayConfig() {
    if (auditDays < 0 || auditDays > 36_500) {
      throw new RelayConfig.InvalidSetting(
          "audit-days", "audit days must be 0 (keep forever) to 36500");
    }
    if (logFile != null) {
      LogFile.requireWritable(logFile);
    }
    return RelayConfig.builder(bind, port, dataDir)
        .bcryptCost(bcryptCost)
        .maxFrameBytes(maxFrameBytes)
        .sessionTtl(Duration.ofDays(sessionDays))
        .idleTimeoutSeconds(idleTimeoutSeconds)
        .requestsPerSecond(requestsPerSecond)
        .requestBurst(requestBurst)
        .messagesPerSecond(messagesPerSecond)
        .messageBurst(messageBurst)
        .maxPendingBytes(maxPendingBytes)
        .maxConnectionsPerAddress(maxConnectionsPerAddress)
        .registrationsPerHour(registrationsPerHour)
        .presenceMaxRoomMembers(presenceMaxRoomMembers)
        .writeCoalescingMillis(writeCoalescingMillis)
        .workerThreads(workerThreads)
        .bcryptThreads(bcryptThreads)
        .ioThreads(ioThreads)
        .tls(tlsCert, tlsKey)
        .auditRetention(Duration.ofDays(auditDays))
        .files(
            new FileLimits(
                maxFileBytes,
                Duration.ofHours(fileExpiryHours),
                fileQuotaBytes,
                fileStorageBytes,
                Duration.ofMinutes(10)))
        .rooms(roomLimits.limits())
        .maxFriends(roomLimits.maxFriends)
        .build();
  }
}
