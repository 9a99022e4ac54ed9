package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.protocol.EndSessionReply;
import chat.protocol.EndSessionRequest;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.ListSessionsRequest;
import chat.protocol.LoginReply;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.Reply;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.SessionIds;
import chat.protocol.SessionInfo;
import chat.protocol.SessionsReply;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.auth.SessionTokens;
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
 * {@code list_sessions} and {@code end_session}: a user sees their own sessions by id (never the
 * token), most recently used first, and ends another one, whose connections are closed with {@code
 * SESSION_EXPIRED}; their own is refused, an unknown id is {@code NO_SUCH_SESSION}.
 */
class SessionListTest {
  @TempDir static Path dataDir;
  static String endedId;
  static Relay relay;

  /** The relay's clock: the order by last use comes from it, never from how fast the test runs. */
  static final MutableClock clock = new MutableClock();

  @BeforeAll
  static void startRelay() throws Exception {
    relay = Relay.start(RelayFixture.config(dataDir), clock, RelayFixture.RANDOM);
    try (TestClient client = v2()) {
      for (String name : List.of("ann", "ben", "cat", "dan", "eve")) {
        register(client, RelayFixture.identity(name));
      }
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  /** A client that speaks wire version 2, which has the sessions requests. */
  private static TestClient v2() throws Exception {
    return connect(relay, dataDir, 2);
  }

  private static String id(LoginReply login) {
    return SessionIds.of(SessionTokens.hash(login.token()));
  }

  private static ErrorReply error(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return (ErrorReply) reply;
  }

  private static SessionsReply list(TestClient client) throws Exception {
    return client.ok(new ListSessionsRequest(client.nextId()), SessionsReply.class);
  }

  @Test
  void list_showsTheAccountsSessionsByIdNewestUseFirst_markingTheCurrentOne() throws Exception {
    try (TestClient laptop = v2();
        TestClient phone = v2();
        TestClient stranger = v2()) {
      LoginReply first = login(laptop, "eve");
      clock.advance(Duration.ofSeconds(1));
      LoginReply second = login(phone, "eve");
      login(stranger, "ben");

      SessionsReply fromLaptop = list(laptop);

      assertThat(fromLaptop.sessions())
          .extracting(SessionInfo::id, SessionInfo::current, SessionInfo::address)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(id(second), false, "127.0.0.1"),
              org.assertj.core.groups.Tuple.tuple(id(first), true, "127.0.0.1"));
      SessionInfo one = fromLaptop.sessions().get(1);
      assertThat(one.lastUsedAtMillis()).isGreaterThanOrEqualTo(one.createdAtMillis());
      assertThat(one.id())
          .isNotEqualTo(
              java.util.HexFormat.of()
                  .formatHex(SessionTokens.hash(first.token()))
                  .substring(0, SessionIds.HEX_LENGTH));
      assertThat(list(phone).sessions())
          .filteredOn(SessionInfo::current)
          .extracting(SessionInfo::id)
          .containsExactly(id(second));
    }
  }

  /**
   * Moves the shared clock past every session's life: the other tests log in afresh, unaffected.
   */
  @Test
  void resume_ofAnExpiredSession_isAuditedUnderTheNameAsRegistered() throws Exception {
    LoginReply login;
    try (TestClient client = v2()) {
      register(client, RelayFixture.identity("Fay"));
      login = login(client, "fay");
    }
    clock.advance(Duration.ofDays(RelayConfig.MAX_SESSION_DAYS + 1));

    try (TestClient later = v2()) {
      assertThat(error(later.call(new ResumeRequest(later.nextId(), login.token()))).code())
          .isEqualTo(ErrorCode.SESSION_EXPIRED);
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> !audit(AuditType.RESUME_FAILED).isEmpty());
    assertThat(audit(AuditType.RESUME_FAILED))
        .extracting(AuditEvent::username, AuditEvent::detail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Fay", "session expired"));
  }

  @Test
  void resume_movesTheSessionToTheTopOfTheList() throws Exception {
    try (TestClient laptop = v2();
        TestClient phone = v2();
        TestClient again = v2()) {
      LoginReply first = login(laptop, "dan");
      clock.advance(Duration.ofSeconds(1)); // the order is by last use
      LoginReply second = login(phone, "dan");
      assertThat(list(phone).sessions().get(0).id()).isEqualTo(id(second));
      clock.advance(Duration.ofSeconds(1));

      again.ok(new ResumeRequest(again.nextId(), first.token()), ResumeReply.class);

      List<SessionInfo> now = list(phone).sessions();
      assertThat(now).extracting(SessionInfo::id).containsExactly(id(first), id(second));
      assertThat(now.get(0).lastUsedAtMillis()).isGreaterThan(now.get(0).createdAtMillis());
    }
  }

  @Test
  void end_otherSession_closesItsConnections_revokesItsToken_andIsAudited() throws Exception {
    try (TestClient laptop = v2();
        TestClient phone = v2();
        TestClient phoneResumed = v2();
        TestClient later = v2()) {
      login(laptop, "cat");
      LoginReply lost = login(phone, "cat");
      phoneResumed.ok(new ResumeRequest(phoneResumed.nextId(), lost.token()), ResumeReply.class);

      endedId = id(lost);
      EndSessionReply ended =
          laptop.ok(new EndSessionRequest(laptop.nextId(), id(lost)), EndSessionReply.class);

      assertThat(ended.session()).isEqualTo(id(lost));
      for (TestClient gone : List.of(phone, phoneResumed)) {
        ErrorReply closed = gone.unsolicited.poll(10, TimeUnit.SECONDS);
        assertThat(closed).isNotNull();
        assertThat(closed.code()).isEqualTo(ErrorCode.SESSION_EXPIRED);
        assertThat(closed.re()).isNull();
        assertThat(gone.isClosedByPeer()).isTrue();
      }
      assertThat(laptop.call(new PingRequest(laptop.nextId()))).isInstanceOf(PongReply.class);
      assertThat(list(laptop).sessions()).extracting(SessionInfo::id).doesNotContain(id(lost));
      assertThat(error(later.call(new ResumeRequest(later.nextId(), lost.token()))).code())
          .isEqualTo(ErrorCode.AUTH_FAILED);
      assertThat(error(laptop.call(new EndSessionRequest(laptop.nextId(), id(lost)))).code())
          .isEqualTo(ErrorCode.NO_SUCH_SESSION);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !audit(AuditType.SESSION_END).isEmpty());
    assertThat(audit(AuditType.SESSION_END))
        .extracting(AuditEvent::username, AuditEvent::detail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("cat", "ended session " + endedId));
  }

  @Test
  void end_ownSession_invalidTarget_unknownId_noSuchSession_anotherUsersSession_noSuchSession()
      throws Exception {
    try (TestClient ben = v2();
        TestClient ann = v2()) {
      LoginReply mine = login(ben, "ben");
      LoginReply hers = login(ann, "ann");

      ErrorReply own = error(ben.call(new EndSessionRequest(ben.nextId(), id(mine))));
      assertThat(own.code()).isEqualTo(ErrorCode.INVALID_TARGET);
      assertThat(own.message()).isEqualTo("that is this session: log out to end it");
      assertThat(error(ben.call(new EndSessionRequest(ben.nextId(), "000000000000"))).code())
          .isEqualTo(ErrorCode.NO_SUCH_SESSION);
      assertThat(error(ben.call(new EndSessionRequest(ben.nextId(), id(hers)))).code())
          .isEqualTo(ErrorCode.NO_SUCH_SESSION);
      assertThat(ann.call(new PingRequest(ann.nextId()))).isInstanceOf(PongReply.class);
      assertThat(ben.call(new PingRequest(ben.nextId()))).isInstanceOf(PongReply.class);
    }
  }

  @Test
  void beforeLogin_authRequired_andOnWireVersion1_badFrame() throws Exception {
    try (TestClient anonymous = v2();
        TestClient old = connect(relay, dataDir, 1)) {
      assertThat(error(anonymous.call(new ListSessionsRequest(anonymous.nextId()))).code())
          .isEqualTo(ErrorCode.AUTH_REQUIRED);
      login(old, "ben");
      ErrorReply refused = error(old.call(new ListSessionsRequest(old.nextId())));
      assertThat(refused.code()).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(refused.message()).isEqualTo("this request needs wire version 2");
    }
  }

  private static List<AuditEvent> audit(AuditType type) throws Exception {
    try (Connection c = Database.openReadOnly(dataDir)) {
      return new AuditRepository()
          .find(c, new AuditQuery(Optional.empty(), 0, Optional.of(type), 10_000));
    }
  }
}
