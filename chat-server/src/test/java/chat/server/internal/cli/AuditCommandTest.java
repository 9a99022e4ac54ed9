package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.WriteQueue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditCommandTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @BeforeEach
  void seed() throws Exception {
    List<AuditEvent> events =
        List.of(
            new AuditEvent(
                at("2026-11-20T08:00:00Z"), AuditType.REGISTER, "Alice", "192.0.2.7", "c1", ""),
            new AuditEvent(
                at("2026-11-22T10:00:00Z"),
                AuditType.LOGIN_FAILED,
                "alice",
                "192.0.2.9",
                "c2",
                "wrong password"),
            new AuditEvent(
                at("2026-11-22T10:01:00Z"), AuditType.LOGIN, "bob", "192.0.2.8", "c3", ""),
            new AuditEvent(
                at("2026-11-22T11:00:00Z"), AuditType.ADMIN, "", "", "", "at-rest keyset rotated"),
            new AuditEvent(
                at("2026-11-22T11:30:00Z"), AuditType.CONNECT, "", "0:0:0:0:0:0:0:1", "c4", ""));
    try (Database database = Database.open(dataDir);
        WriteQueue writes = new WriteQueue(database)) {
      writes
          .submit(
              c -> {
                new AuditRepository().insertAll(c, events);
                return null;
              })
          .join();
    }
  }

  private int run(String... args) {
    CommandLine line =
        new CommandLine(new AuditCommand(Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = dataDir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return line.execute(all);
  }

  private List<String> lines() {
    return out.toString().lines().toList();
  }

  @Test
  void audit_noFilters_printsAllOldestFirst() {
    assertThat(run()).isZero();

    assertThat(lines())
        .containsExactly(
            "2026-11-20T08:00:00Z REGISTER user=Alice from=192.0.2.7 conn=c1",
            "2026-11-22T10:00:00Z LOGIN_FAILED user=alice from=192.0.2.9 conn=c2 wrong password",
            "2026-11-22T10:01:00Z LOGIN user=bob from=192.0.2.8 conn=c3",
            "2026-11-22T11:00:00Z ADMIN at-rest keyset rotated",
            "2026-11-22T11:30:00Z CONNECT from=::1 conn=c4");
  }

  @Test
  void audit_json_ipv6AddressInCompactForm() throws Exception {
    assertThat(run("--json", "--type", "CONNECT")).isZero();

    assertThat(new ObjectMapper().readTree(lines().get(0)).get("address").asText())
        .isEqualTo("::1");
  }

  @Test
  void audit_userFilter_matchesAnyCase() {
    assertThat(run("--user", "ALICE")).isZero();

    assertThat(lines())
        .hasSize(2)
        .allMatch(line -> line.contains("user=") && line.contains("lice"));
  }

  @Test
  void audit_typeSinceAndLimit_combine() {
    assertThat(run("--since", "24h", "--type", "login-failed")).isZero();
    assertThat(lines()).hasSize(1).first().asString().contains("LOGIN_FAILED");

    out.getBuffer().setLength(0);
    assertThat(run("--limit", "2")).isZero();
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(0)).contains("ADMIN");
    assertThat(lines().get(1)).contains("CONNECT");
  }

  @Test
  void audit_json_oneObjectPerLineWithNullsForUnknowns() throws Exception {
    assertThat(run("--json", "--type", "ADMIN")).isZero();

    JsonNode node = new ObjectMapper().readTree(lines().get(0));
    assertThat(node.get("time").asText()).isEqualTo("2026-11-22T11:00:00.000Z"); // always with ms
    assertThat(node.get("type").asText()).isEqualTo("ADMIN");
    assertThat(node.get("user").isNull()).isTrue();
    assertThat(node.get("detail").asText()).isEqualTo("at-rest keyset rotated");
  }

  @Test
  void audit_userThatCannotBeAUsername_exits2_asUsersDoes() {
    assertThat(run("--user", "bad name!")).isEqualTo(2);
    assertThat(err.toString()).contains("chat-server audit: not a username: 'bad name!'");
  }

  @Test
  void audit_unknownType_exits2AndListsTheTypes() {
    assertThat(run("--type", "LOGON")).isEqualTo(2);

    assertThat(err.toString()).contains("unknown type 'LOGON'", "LOGIN_FAILED", "SLOW_CONSUMER");
  }

  @Test
  void audit_badValuesWithAnEscapeSequence_areQuotedNotObeyed() {
    assertThat(run("--type", "AD\u001b[31mMIN")).isEqualTo(2);
    assertThat(run("--since", "1\u001b[2Jh")).isEqualTo(2);

    assertThat(err.toString())
        .contains("unknown type 'AD?[31mMIN'", "not a time: '1?[2Jh'")
        .doesNotContain("\u001b");
  }

  @Test
  void audit_badSince_exits2() {
    assertThat(run("--since", "last week")).isEqualTo(2);

    assertThat(err.toString()).contains("not a time");
  }

  @Test
  void audit_noDatabase_exits1AndSaysWhere(@TempDir Path empty) {
    CommandLine line = new CommandLine(new AuditCommand());
    line.setErr(new PrintWriter(err, true));

    assertThat(line.execute("--data-dir", empty.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("no relay.db in " + empty);
  }
}
