package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.SuspensionRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat-server users suspend} and {@code unsuspend} beside a running relay: the account's
 * connections are closed with {@code ACCOUNT_SUSPENDED} and the reason ({@code AUTH_FAILED} on a
 * connection older than wire version 10), its sessions are refused with the reason while it lasts,
 * its right password is refused with the reason while a wrong one is refused as any, and lifting
 * the suspension ends its sessions from before and lets the password log in again.
 */
class SuspensionTest {
  @TempDir static Path dataDir;
  static Relay relay;

  private static final String REASON = "spamming #lobby";
  private static final String SUSPENDED =
      "this account is suspended by the relay's operator: " + REASON;

  @BeforeAll
  static void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
    try (TestClient client = current()) {
      for (String name : List.of("Mallory", "trent", "oscar", "peggy", "victor", "walter")) {
        register(client, RelayFixture.identity(name));
      }
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  /** A client of the wire version that has {@code ACCOUNT_SUSPENDED}. */
  private static TestClient current() throws Exception {
    return connect(relay, dataDir, ProtocolVersions.MODERATION);
  }

  /** Runs {@code chat-server ARGS --data-dir DIR}; it must exit 0. */
  private static RelayCli cli(String... args) {
    return cli(0, args);
  }

  /** Runs {@code chat-server ARGS --data-dir DIR}; it must exit {@code exitCode}. */
  private static RelayCli cli(int exitCode, String... args) {
    RelayCli cli = new RelayCli();
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--data-dir";
    all[args.length + 1] = dataDir.toString();
    assertThat(cli.run(Map.of(), all)).as(cli.err.toString()).isEqualTo(exitCode);
    return cli;
  }

  private static ErrorReply refusal(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return (ErrorReply) reply;
  }

  private static Reply attempt(TestClient client, String name, String password) throws Exception {
    return client.call(new LoginRequest(client.nextId(), name, Secret.of(password)));
  }

  @Test
  void suspend_closesEveryConnection_withTheReason_andOlderOnesHearAuthFailed() throws Exception {
    try (TestClient current = current();
        TestClient older = connect(relay, dataDir, ProtocolVersions.OWN_AWAY);
        TestClient friend = current()) {
      login(current, "mallory");
      LoginReply olderLogin = login(older, "mallory");
      login(friend, "trent");

      cli("users", "suspend", "@MALLORY", "--reason", "  " + REASON + " ");
      relay.closeSuspendedConnections(); // now, or the watch did already (it runs on its own)

      ErrorReply closed = current.unsolicited.poll(10, TimeUnit.SECONDS);
      assertThat(closed).isNotNull();
      assertThat(closed.code()).isEqualTo(ErrorCode.ACCOUNT_SUSPENDED);
      assertThat(closed.message()).isEqualTo(SUSPENDED);
      assertThat(current.isClosedByPeer()).isTrue();
      ErrorReply closedOlder = older.unsolicited.poll(10, TimeUnit.SECONDS);
      assertThat(closedOlder).isNotNull();
      assertThat(closedOlder.code()).isEqualTo(ErrorCode.AUTH_FAILED);
      assertThat(closedOlder.message()).isEqualTo(SUSPENDED);
      assertThat(older.isClosedByPeer()).isTrue();
      assertThat(relay.closeSuspendedConnections()).isZero();

      try (TestClient again = current();
          TestClient againOlder = connect(relay, dataDir, ProtocolVersions.OWN_AWAY)) {
        // its sessions are refused with the reason while it lasts
        assertThat(
                refusal(again.call(new ResumeRequest(again.nextId(), olderLogin.token()))).code())
            .isEqualTo(ErrorCode.ACCOUNT_SUSPENDED);
        ErrorReply right = refusal(attempt(again, "mallory", RelayFixture.PASSWORD));
        assertThat(right.code()).isEqualTo(ErrorCode.ACCOUNT_SUSPENDED);
        assertThat(right.message()).isEqualTo(SUSPENDED);
        ErrorReply wrong = refusal(attempt(again, "mallory", "not the password"));
        assertThat(wrong.code()).isEqualTo(ErrorCode.AUTH_FAILED);
        assertThat(wrong.message()).isEqualTo(ErrorCode.AUTH_FAILED.defaultMessage());
        ErrorReply rightOlder = refusal(attempt(againOlder, "mallory", RelayFixture.PASSWORD));
        assertThat(rightOlder.code()).isEqualTo(ErrorCode.AUTH_FAILED);
        assertThat(rightOlder.message()).isEqualTo(SUSPENDED);
      }

      cli("users", "unsuspend", "mallory");
      try (TestClient back = current()) {
        // the sessions from before ended with the suspension's lifting: the password logs in
        assertThat(refusal(back.call(new ResumeRequest(back.nextId(), olderLogin.token()))).code())
            .isEqualTo(ErrorCode.AUTH_FAILED);
        assertThat(login(back, "mallory").username()).isEqualTo("Mallory");
      }
    }
    // The connections it closed are audited under the account, as any of its disconnects.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () -> {
              try (Connection c = Database.openReadOnly(dataDir)) {
                return new AuditRepository()
                            .find(
                                c,
                                new AuditQuery(
                                    Optional.of("mallory"),
                                    0,
                                    Optional.of(AuditType.DISCONNECT),
                                    10))
                            .stream()
                            .filter(e -> e.detail().contains("ACCOUNT_SUSPENDED"))
                            .count()
                    >= 1;
              }
            });
    List<AuditEvent> admin;
    try (Connection c = Database.openReadOnly(dataDir)) {
      admin =
          new AuditRepository()
              .find(c, new AuditQuery(Optional.of("mallory"), 0, Optional.of(AuditType.ADMIN), 10));
    }
    assertThat(admin)
        .extracting(AuditEvent::detail)
        .containsExactly(
            "account suspended by OS user " + System.getProperty("user.name") + ": " + REASON,
            "suspension lifted by OS user " + System.getProperty("user.name"));
  }

  @Test
  void theWatch_closesASuspendedAccountsConnection_byItself() throws Exception {
    try (TestClient suspended = current()) {
      login(suspended, "oscar");
      cli("users", "suspend", "oscar");

      ErrorReply closed =
          suspended.unsolicited.poll(
              10L * chat.server.internal.relay.SuspensionWatch.INTERVAL_SECONDS, TimeUnit.SECONDS);
      assertThat(closed).isNotNull();
      assertThat(closed.code()).isEqualTo(ErrorCode.ACCOUNT_SUSPENDED);
      assertThat(closed.message()).isEqualTo(ErrorCode.ACCOUNT_SUSPENDED.defaultMessage());
    }
  }

  /**
   * A session of the account, whose connection was closed before the suspension (a device that was
   * offline), is refused with the reason at its next resume, so that device is told why.
   */
  @Test
  void resume_ofADeviceThatWasOffline_isRefusedWithTheReason() throws Exception {
    LoginReply session;
    try (TestClient first = current()) {
      session = login(first, "peggy");
    }
    try (Connection c = Database.openForChange(dataDir)) {
      new SuspensionRepository().suspend(c, "peggy", System.currentTimeMillis(), REASON);
    }
    try (TestClient again = current()) {
      ErrorReply refused = refusal(again.call(new ResumeRequest(again.nextId(), session.token())));
      assertThat(refused.code()).isEqualTo(ErrorCode.ACCOUNT_SUSPENDED);
      assertThat(refused.message()).isEqualTo(SUSPENDED);
    }
  }

  /**
   * As set-limit with the limit a user has: the same suspension again changes and records nothing.
   */
  @Test
  void suspendingAgain_withTheSameReason_recordsNothing_withAnotherReasonRecordsIt()
      throws Exception {
    cli("users", "suspend", "walter", "--reason", "flooding");
    cli("users", "suspend", "walter", "--reason", "flooding");
    cli("users", "suspend", "walter", "--reason", "flooding again");
    cli("users", "unsuspend", "walter");

    List<AuditEvent> admin;
    try (Connection c = Database.openReadOnly(dataDir)) {
      admin =
          new AuditRepository()
              .find(c, new AuditQuery(Optional.of("walter"), 0, Optional.of(AuditType.ADMIN), 10));
    }
    String operator = "OS user " + System.getProperty("user.name");
    assertThat(admin)
        .extracting(AuditEvent::detail)
        .containsExactly(
            "account suspended by " + operator + ": flooding",
            "account suspended by " + operator + ": flooding again",
            "suspension lifted by " + operator);
  }

  @Test
  void suspendingAnUnknownUser_changesNothing_andABadReasonIsRefused() {
    assertThat(cli(1, "users", "suspend", "nobody").err.toString())
        .startsWith("chat-server users suspend: no user nobody in ");
    assertThat(cli(2, "users", "suspend", "victor", "--reason", "two\nlines").err.toString())
        .contains("--reason must be one line, without control characters such as a tab");
    assertThat(cli(2, "users", "suspend", "victor", "--reason", "x".repeat(201)).err.toString())
        .contains("--reason is longer than 200 characters (got 201;");
    assertThat(cli("users", "show", "victor").out.toString()).doesNotContain("suspended");
  }
}
