package chat.server.internal.cli;

import chat.protocol.HostPort;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chat-server audit}: prints the relay's audit log from {@code relay.db}, newest last. It
 * only reads ({@link DatabaseReader}), so it is safe while the relay runs.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = {
      "Print the relay's audit log, newest events last. Safe while the relay runs.",
      "It records connections, logins and their failures, registrations, logouts,",
      "key changes, rate limits, slow consumers, errors and administrative actions."
    })
public final class AuditCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  /** UTC with milliseconds always ({@code Instant.toString} drops them when they are zero). */
  private static final DateTimeFormatter JSON_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final ZoneId zone;

  @Spec CommandSpec spec;

  @Mixin DataDirOptions data;

  @Option(
      names = "--user",
      paramLabel = "USER",
      description =
          "Only events about USER: theirs, and the group actions others took on them (kick,"
              + " ban, invite, ...).")
  String user;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "Only events since TIME: an age (30m, 24h, 7d), a date (2026-11-22), a local time"
              + " (2026-11-22T09:30) or an instant (2026-11-22T09:30:00Z).")
  String since;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "Only events of TYPE, e.g. LOGIN_FAILED (any case, - or _).")
  String type;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "100",
      description = "At most the N newest matching events (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "One JSON object per line.")
  boolean json;

  /** The command as {@code chat-server} runs it: system clock and time zone. */
  public AuditCommand() {
    this(Clock.systemUTC(), ZoneId.systemDefault());
  }

  /** A command reading times with {@code clock} and printing them in {@code zone}. */
  AuditCommand(Clock clock, ZoneId zone) {
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AuditQuery query;
    try {
      query = query();
    } catch (IllegalArgumentException e) {
      err.println("chat-server audit: " + Printable.text(String.valueOf(e.getMessage())));
      return 2;
    }
    Path dataDir = data.dataDir();
    List<AuditEvent> events;
    try {
      events =
          DatabaseReader.read(
              dataDir,
              connection -> {
                if (!AuditRepository.exists(connection)) {
                  throw new DatabaseReader.Unreadable(
                      dataDir.resolve(Database.FILE_NAME)
                          + " has no audit log yet; start this version of the relay once to add"
                          + " it");
                }
                return new AuditRepository().find(connection, query);
              });
    } catch (DatabaseReader.Unreadable e) {
      err.println("chat-server audit: " + Printable.text(String.valueOf(e.getMessage())));
      return 1;
    }
    for (AuditEvent event : events) {
      out.println(json ? json(event) : text(event));
    }
    out.flush();
    if (events.isEmpty() && !json) {
      err.println("chat-server audit: no matching events");
    }
    return 0;
  }

  private AuditQuery query() {
    Optional<AuditType> wanted = Optional.empty();
    if (type != null) {
      wanted = AuditType.parse(type);
      if (wanted.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown type '"
                + type
                + "'; types: "
                + Arrays.stream(AuditType.values())
                    .map(AuditType::name)
                    .collect(Collectors.joining(", ")));
      }
    }
    if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
      throw new IllegalArgumentException("--limit must be 1 to " + AuditQuery.MAX_LIMIT);
    }
    long sinceMillis = since == null ? 0 : TimeArgument.parse(since, clock, zone);
    Optional<String> username = Optional.empty();
    if (user != null) {
      // No event names anything else (a failed login under such a name is recorded without it).
      username =
          Optional.of(
              UsernameArgument.name(user)
                  .orElseThrow(
                      () -> new IllegalArgumentException(UsernameArgument.notAUsername(user))));
    }
    return new AuditQuery(username, sinceMillis, wanted, limit);
  }

  /** {@code 2026-11-22T09:30:01+01:00 LOGIN_FAILED user=alice from=192.0.2.7 conn=c12 detail}. */
  private String text(AuditEvent event) {
    StringBuilder line = new StringBuilder();
    line.append(LOCAL_TIME.format(Instant.ofEpochMilli(event.atMillis()).atZone(zone)));
    line.append(' ').append(event.type().name());
    field(line, "user", event.username());
    field(line, "from", HostPort.address(event.address()));
    field(line, "conn", event.connection());
    if (!event.detail().isEmpty()) {
      line.append(' ').append(event.detail());
    }
    return line.toString();
  }

  private static void field(StringBuilder line, String name, String value) {
    if (!value.isEmpty()) {
      line.append(' ').append(name).append('=').append(value);
    }
  }

  private static String json(AuditEvent event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("time", JSON_TIME.format(Instant.ofEpochMilli(event.atMillis())));
    node.put("type", event.type().name());
    node.put("user", event.username().isEmpty() ? null : event.username());
    node.put("address", event.address().isEmpty() ? null : HostPort.address(event.address()));
    node.put("connection", event.connection().isEmpty() ? null : event.connection());
    node.put("detail", event.detail());
    return node.toString();
  }
}
