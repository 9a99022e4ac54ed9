package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.ReportRequest;
import chat.protocol.ReportedReply;
import chat.protocol.Usernames;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.relay.ReportService;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} (wire version 17): a user reports another to the operator; the relay keeps it in
 * its audit log, and tells no one else.
 */
class ReportTest {
  @TempDir Path dataDir;

  private List<AuditEvent> read(Optional<String> user, AuditType type) throws Exception {
    try (Connection c = Database.openReadOnly(dataDir)) {
      return new AuditRepository()
          .find(c, new AuditQuery(user, 0, Optional.ofNullable(type), 10_000));
    }
  }

  private static ErrorCode refusal(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return ((ErrorReply) reply).code();
  }

  @Test
  void report_inARoom_inPrivate_orNowhere_isAuditedForTheOperator_andFoundByWhomItIsAbout()
      throws Exception {
    try (CapturedLog logged = CapturedLog.of(ReportService.class);
        Relay relay = RelayFixture.start(dataDir);
        TestClient alice = connect(relay, dataDir, ProtocolVersions.CURRENT);
        TestClient mallory = connect(relay, dataDir, ProtocolVersions.CURRENT);
        TestClient bob = connect(relay, dataDir, ProtocolVersions.CURRENT)) {
      register(alice, RelayFixture.identity("alice"));
      register(mallory, RelayFixture.identity("Mallory"));
      register(bob, RelayFixture.identity("bob"));
      login(alice, "alice");
      alice.ok(new JoinRequest(alice.nextId(), "#team"), JoinReply.class);
      String privately = ConversationIds.direct(Usernames.key("alice"), Usernames.key("mallory"));

      ReportedReply inRoom =
          alice.ok(
              new ReportRequest(alice.nextId(), "mallory", "#team", "spam links"),
              ReportedReply.class);
      alice.ok(
          new ReportRequest(alice.nextId(), "MALLORY", privately, "threats"), ReportedReply.class);
      alice.ok(
          new ReportRequest(alice.nextId(), "mallory", null, "impersonation"), ReportedReply.class);
      alice.ok(new ReportRequest(alice.nextId(), "bob", null, "not mallory"), ReportedReply.class);

      // each written before its answer, not queued as other audit events are
      assertThat(inRoom.username()).isEqualTo("Mallory");
      assertThat(read(Optional.empty(), AuditType.REPORT)).hasSize(4);
      assertThat(read(Optional.of("mallory"), AuditType.REPORT))
          .extracting(AuditEvent::username, AuditEvent::detail)
          .containsExactly(
              Tuple.tuple("alice", "about Mallory in #team: spam links"),
              Tuple.tuple("alice", "about Mallory in private: threats"),
              Tuple.tuple("alice", "about Mallory: impersonation"));
      assertThat(read(Optional.of("mall"), AuditType.REPORT)).isEmpty();
      assertThat(read(Optional.of("alice"), AuditType.REPORT)).hasSize(4);
      assertThat(logged.messages())
          .hasSize(4)
          .allMatch(line -> line.matches("report from u:\\w+ about u:\\w+ on c\\d+-\\w+: .*"))
          .noneMatch(line -> line.contains("spam") || line.contains("threats"))
          .noneMatch(line -> line.contains("alice") || line.toLowerCase().contains("mallory"));
    }
  }

  @Test
  void report_aboutNobody_oneself_orWhereTheReporterIsNot_isRefused_andNotAudited()
      throws Exception {
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient alice = connect(relay, dataDir, ProtocolVersions.CURRENT)) {
      register(alice, RelayFixture.identity("alice"));
      register(alice, RelayFixture.identity("mallory"));
      register(alice, RelayFixture.identity("bob"));
      login(alice, "alice");
      String bobAndMallory = ConversationIds.direct(Usernames.key("bob"), Usernames.key("mallory"));
      String aliceAndBob = ConversationIds.direct(Usernames.key("alice"), Usernames.key("bob"));

      assertThat(refusal(alice.call(new ReportRequest(alice.nextId(), "nobody", null, "x"))))
          .isEqualTo(ErrorCode.NO_SUCH_USER);
      assertThat(refusal(alice.call(new ReportRequest(alice.nextId(), "Alice", null, "x"))))
          .isEqualTo(ErrorCode.INVALID_TARGET);
      assertThat(refusal(alice.call(new ReportRequest(alice.nextId(), "mallory", "#team", "x"))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      assertThat(
              refusal(alice.call(new ReportRequest(alice.nextId(), "mallory", bobAndMallory, "x"))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      assertThat(
              refusal(alice.call(new ReportRequest(alice.nextId(), "mallory", aliceAndBob, "x"))))
          .isEqualTo(ErrorCode.INVALID_TARGET);
    }
    assertThat(read(Optional.empty(), AuditType.REPORT)).isEmpty();
  }

  @Test
  void report_pastTheAccountsHourlyLimit_isRateLimited_auditedOnce() throws Exception {
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient alice = connect(relay, dataDir, ProtocolVersions.CURRENT);
        TestClient again = connect(relay, dataDir, ProtocolVersions.CURRENT)) {
      register(alice, RelayFixture.identity("alice"));
      register(alice, RelayFixture.identity("mallory"));
      login(alice, "alice");
      login(again, "alice");
      for (int i = 0; i < ReportService.REPORTS_PER_HOUR; i++) {
        alice.ok(
            new ReportRequest(alice.nextId(), "mallory", null, "report " + i), ReportedReply.class);
      }

      ErrorReply refused =
          (ErrorReply) again.call(new ReportRequest(again.nextId(), "mallory", null, "one more"));
      alice.call(new ReportRequest(alice.nextId(), "mallory", null, "and another"));

      assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      assertThat(refused.message())
          .startsWith("this relay takes 20 reports an hour from one account; retry in ");
    }
    assertThat(read(Optional.empty(), AuditType.REPORT)).hasSize(ReportService.REPORTS_PER_HOUR);
    assertThat(read(Optional.empty(), AuditType.RATE_LIMITED))
        .extracting(AuditEvent::detail)
        .containsExactly("reports (over 20 an hour from this account)");
  }

  @Test
  void report_onAnOlderWireVersion_isABadFrame() throws Exception {
    try (Relay relay = RelayFixture.start(dataDir);
        TestClient alice = connect(relay, dataDir, ProtocolVersions.NAME_CHECK)) {
      register(alice, RelayFixture.identity("alice"));
      register(alice, RelayFixture.identity("mallory"));
      login(alice, "alice");

      ErrorReply refused =
          (ErrorReply) alice.call(new ReportRequest(alice.nextId(), "mallory", null, "spam"));

      assertThat(refused.code()).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(refused.message()).isEqualTo("this request needs wire version 17");
    }
  }
}
