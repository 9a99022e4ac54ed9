package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat report} against a real relay: the report is in the relay's audit log for the
 * operator, with where the reporter saw the user and their reason; refusals exit 1.
 */
class ReportEndToEndTest {
  @RegisterExtension final RelayExtension relay = new RelayExtension();
  @TempDir Path home;
  private ScriptRunner chat;

  @BeforeEach
  void runner() {
    chat = relay.scripts(home);
  }

  private List<AuditEvent> reports() throws Exception {
    try (Connection c = Database.openReadOnly(relay.dataDir())) {
      return new AuditRepository()
          .find(c, new AuditQuery(Optional.empty(), 0, Optional.of(AuditType.REPORT), 100));
    }
  }

  @Test
  void report_inARoom_privately_orNowhere_reachesTheOperatorsAuditLog() throws Exception {
    for (String user : new String[] {"alice", "Mallory"}) {
      chat.ok("register", "--user", user);
    }

    assertThat(
            chat.ok("report", "mallory", "spam", "links", "--in", "lobby", "--user", "alice").out())
        .isEqualTo("reported Mallory to the relay's operator (in #lobby)\n");
    assertThat(
            chat.ok("--json", "report", "mallory", "threats", "--in", "@mallory", "--user", "alice")
                .out())
        .isEqualTo(
            "{\"type\":\"reported\",\"user\":\"Mallory\",\"conversation\":\"@alice+mallory\"}\n");
    assertThat(chat.ok("report", "mallory", "impersonation", "--user", "alice").out())
        .isEqualTo("reported Mallory to the relay's operator\n");

    assertThat(reports()) // written before each answer
        .extracting(AuditEvent::username, AuditEvent::detail)
        .containsExactly(
            Tuple.tuple("alice", "about Mallory in #lobby: spam links"),
            Tuple.tuple("alice", "about Mallory in private: threats"),
            Tuple.tuple("alice", "about Mallory: impersonation"));
  }

  @Test
  void report_nobodyOneselfAnEmptyReasonOrARoomNotJoined_isRefusedWithExitOne() throws Exception {
    chat.ok("register", "--user", "alice");
    chat.ok("register", "--user", "mallory");

    ScriptRunner.Result nobody = chat.run("report", "nobody", "spam", "--user", "alice");
    ScriptRunner.Result self = chat.run("report", "Alice", "spam", "--user", "alice");
    ScriptRunner.Result blank = chat.run("report", "nobody", " ", "--user", "alice");
    ScriptRunner.Result elsewhere =
        chat.run("report", "mallory", "spam", "--in", "team", "--user", "alice");

    assertThat(nobody.exitCode()).isEqualTo(1);
    assertThat(nobody.err()).isEqualTo("chat: no such user: nobody\n");
    assertThat(self.exitCode()).isEqualTo(1);
    assertThat(self.err()).isEqualTo("chat: you cannot report yourself\n");
    assertThat(blank.exitCode()).isEqualTo(1);
    assertThat(blank.err())
        .isEqualTo(
            "chat: say why: the operator reads your reason, and cannot read your conversations\n");
    assertThat(elsewhere.exitCode()).isEqualTo(1);
    assertThat(elsewhere.err()).isEqualTo("chat: you are not in #team\n");
    assertThat(reports()).isEmpty();
  }
}
