package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.protocol.ChangePasswordReply;
import chat.protocol.ChangePasswordRequest;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.Reply;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code change_password}: the current password is checked as a login checks it (rate limit,
 * counted, audited), the new one as at registration; every other session of the account ends and
 * its connections close, the caller's session stays, and only the new password logs in.
 */
class PasswordChangeTest {
  private static final String NEW_PASSWORD = "a new and better password";

  @TempDir static Path dataDir;
  static Relay relay;

  @BeforeAll
  static void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
    try (TestClient client = connect(relay, dataDir)) {
      for (String name : List.of("pat", "quinn", "rita", "sam")) {
        register(client, RelayFixture.identity(name));
      }
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static TestClient as(String name) throws Exception {
    TestClient client = connect(relay, dataDir);
    login(client, name);
    return client;
  }

  private static Reply change(TestClient client, String current, String next) throws Exception {
    return client.call(
        new ChangePasswordRequest(client.nextId(), Secret.of(current), Secret.of(next)));
  }

  private static ErrorCode error(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return ((ErrorReply) reply).code();
  }

  private static Reply loginWith(TestClient client, String name, String password) throws Exception {
    return client.call(new LoginRequest(client.nextId(), name, Secret.of(password)));
  }

  @Test
  void change_endsOtherSessions_keepsTheCallers_andOnlyTheNewPasswordLogsIn() throws Exception {
    try (TestClient caller = as("quinn");
        TestClient other = as("quinn");
        TestClient sameSession = connect(relay, dataDir);
        TestClient fresh = connect(relay, dataDir)) {
      LoginReply callerLogin = login(caller, "quinn");
      sameSession.ok(
          new ResumeRequest(sameSession.nextId(), callerLogin.token()), ResumeReply.class);
      LoginReply otherLogin = login(other, "quinn");

      ChangePasswordReply reply =
          caller.ok(
              new ChangePasswordRequest(
                  caller.nextId(), Secret.of(RelayFixture.PASSWORD), Secret.of(NEW_PASSWORD)),
              ChangePasswordReply.class);

      // as() logged each in once, then each logged in again: four sessions, one kept
      assertThat(reply.sessionsEnded()).isEqualTo(3);
      ErrorReply closed = other.unsolicited.poll(10, TimeUnit.SECONDS);
      assertThat(closed).isNotNull();
      assertThat(closed.code()).isEqualTo(ErrorCode.SESSION_EXPIRED);
      assertThat(closed.re()).isNull();
      assertThat(other.isClosedByPeer()).isTrue();
      assertThat(caller.call(new PingRequest(caller.nextId()))).isInstanceOf(PongReply.class);
      assertThat(sameSession.call(new PingRequest(sameSession.nextId())))
          .isInstanceOf(PongReply.class);
      assertThat(sameSession.unsolicited).isEmpty();
      assertThat(error(fresh.call(new ResumeRequest(fresh.nextId(), otherLogin.token()))))
          .isEqualTo(ErrorCode.AUTH_FAILED);
      assertThat(fresh.call(new ResumeRequest(fresh.nextId(), callerLogin.token())))
          .isInstanceOf(ResumeReply.class);
      assertThat(error(loginWith(fresh, "quinn", RelayFixture.PASSWORD)))
          .isEqualTo(ErrorCode.AUTH_FAILED);
      assertThat(loginWith(fresh, "quinn", NEW_PASSWORD)).isInstanceOf(LoginReply.class);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !audit(AuditType.PASSWORD_CHANGE).isEmpty());
    assertThat(audit(AuditType.PASSWORD_CHANGE))
        .extracting(AuditEvent::username, AuditEvent::detail)
        .contains(org.assertj.core.groups.Tuple.tuple("quinn", "3 other sessions ended"));
  }

  @Test
  void wrongCurrentPassword_authFailed_countedAsLoginFailure_untilRateLimited() throws Exception {
    try (TestClient pat = as("pat")) {
      for (int i = 0; i < 5; i++) {
        assertThat(error(change(pat, "not the password " + i, NEW_PASSWORD)))
            .isEqualTo(ErrorCode.AUTH_FAILED);
      }
      // five failures lock the account: even the right password is refused now
      assertThat(error(change(pat, RelayFixture.PASSWORD, NEW_PASSWORD)))
          .isEqualTo(ErrorCode.RATE_LIMITED);
      try (TestClient again = connect(relay, dataDir)) {
        assertThat(error(loginWith(again, "pat", RelayFixture.PASSWORD)))
            .isEqualTo(ErrorCode.RATE_LIMITED);
      }
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                audit(AuditType.LOGIN_FAILED).stream()
                        .filter(e -> "password change: wrong password".equals(e.detail()))
                        .count()
                    == 5);
  }

  @Test
  void weakNewPassword_refused_oldPasswordStillWorks_noSessionEnded() throws Exception {
    try (TestClient rita = as("rita");
        TestClient other = as("rita")) {
      assertThat(error(change(rita, RelayFixture.PASSWORD, "short")))
          .isEqualTo(ErrorCode.WEAK_PASSWORD);
      assertThat(error(change(rita, RelayFixture.PASSWORD, "\u00e9".repeat(600))))
          .isEqualTo(ErrorCode.WEAK_PASSWORD);
      assertThat(other.call(new PingRequest(other.nextId()))).isInstanceOf(PongReply.class);
      try (TestClient again = connect(relay, dataDir)) {
        assertThat(loginWith(again, "rita", RelayFixture.PASSWORD)).isInstanceOf(LoginReply.class);
      }
    }
  }

  @Test
  void beforeLogin_authRequired() throws Exception {
    try (TestClient anonymous = connect(relay, dataDir)) {
      assertThat(error(change(anonymous, RelayFixture.PASSWORD, NEW_PASSWORD)))
          .isEqualTo(ErrorCode.AUTH_REQUIRED);
    }
    try (TestClient sam = connect(relay, dataDir)) {
      assertThat(loginWith(sam, "sam", RelayFixture.PASSWORD)).isInstanceOf(LoginReply.class);
    }
  }

  private static List<AuditEvent> audit(AuditType type) throws Exception {
    try (Connection c = Database.openReadOnly(dataDir)) {
      return new AuditRepository()
          .find(c, new AuditQuery(Optional.empty(), 0, Optional.of(type), 10_000));
    }
  }
}
