package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.ListSessionsRequest;
import chat.protocol.LoginReply;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.ProtocolVersions;
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
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account keeps at most as many sessions as {@code list_sessions} lists: a login past them ends
 * the least recently used one that no connection uses, so that every session can be seen and ended,
 * and a script that logs in over and over does not pile up sessions for {@code --session-days}.
 */
class SessionCapTest {
  @TempDir Path dataDir;

  /** The relay's clock: the order by last use comes from it, never from how fast the test runs. */
  private final MutableClock clock = new MutableClock();

  @Test
  void aLoginPastTheMostSessions_endsTheLeastRecentlyUsedNotInUse_andSaysSo() throws Exception {
    LoginReply idle;
    try (Relay relay = Relay.start(RelayFixture.config(dataDir), clock, RelayFixture.RANDOM);
        TestClient laptop = connect(relay, dataDir, ProtocolVersions.CURRENT);
        TestClient bot = connect(relay, dataDir, ProtocolVersions.CURRENT)) {
      register(laptop, RelayFixture.identity("gil"));
      LoginReply inUse = login(laptop, "gil"); // the oldest session, and its connection stays
      clock.advance(Duration.ofSeconds(1));
      try (TestClient gone = connect(relay, dataDir, ProtocolVersions.CURRENT)) {
        idle = login(gone, "gil");
      }
      for (int i = 2; i < SessionsReply.MAX_SESSIONS; i++) {
        clock.advance(Duration.ofSeconds(1));
        login(bot, "gil"); // each login of the bot leaves the one before it unused
      }
      assertThat(sessions(laptop)).hasSize(SessionsReply.MAX_SESSIONS).contains(id(idle));

      clock.advance(Duration.ofSeconds(1));
      LoginReply newest = login(bot, "gil");

      List<String> left = sessions(laptop);
      assertThat(left)
          .hasSize(SessionsReply.MAX_SESSIONS)
          .contains(id(inUse), id(newest))
          .doesNotContain(id(idle));
      assertThat(laptop.call(new PingRequest(laptop.nextId()))).isInstanceOf(PongReply.class);
      try (TestClient later = connect(relay, dataDir, ProtocolVersions.CURRENT)) {
        assertThat(later.call(new ResumeRequest(later.nextId(), idle.token())))
            .isInstanceOfSatisfying(
                ErrorReply.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED));
      }
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(audit(AuditType.SESSION_END))
                    .extracting(AuditEvent::username, AuditEvent::detail)
                    .containsExactly(
                        Tuple.tuple(
                            "gil",
                            "ended session " + id(idle) + " (least recently used of over 100)")));
  }

  /**
   * An expired session never keeps out one that still resumes: resumed last just before it expired,
   * it is the most recently used, yet a login past the most deletes it, not an older valid one.
   */
  @Test
  void aLoginPastTheMostSessions_dropsExpiredOnesFirst_keepingAnOlderValidOne() throws Exception {
    Duration life = Duration.ofDays(RelayFixture.config(dataDir).sessionTtl().toDays());
    LoginReply valid;
    try (Relay relay = Relay.start(RelayFixture.config(dataDir), clock, RelayFixture.RANDOM);
        TestClient bot = connect(relay, dataDir, ProtocolVersions.CURRENT)) {
      register(bot, RelayFixture.identity("hal"));
      LoginReply expiring = login(bot, "hal");
      clock.advance(Duration.ofDays(1));
      valid = login(bot, "hal");
      clock.advance(life.minusDays(1).minusSeconds(1));
      try (TestClient again = connect(relay, dataDir, ProtocolVersions.CURRENT)) {
        again.ok(new ResumeRequest(again.nextId(), expiring.token()), ResumeReply.class);
      }
      clock.advance(Duration.ofSeconds(2)); // the first has expired, having been used last
      for (int i = 2; i <= SessionsReply.MAX_SESSIONS; i++) {
        clock.advance(Duration.ofSeconds(1));
        login(bot, "hal");
      }

      assertThat(sessions(bot)).hasSize(SessionsReply.MAX_SESSIONS).contains(id(valid));
      try (TestClient later = connect(relay, dataDir, ProtocolVersions.CURRENT)) {
        later.ok(new ResumeRequest(later.nextId(), valid.token()), ResumeReply.class);
      }
    }
    assertThat(audit(AuditType.SESSION_END)).isEmpty();
  }

  private static String id(LoginReply login) {
    return SessionIds.of(SessionTokens.hash(login.token()));
  }

  private static List<String> sessions(TestClient client) throws Exception {
    return client
        .ok(new ListSessionsRequest(client.nextId()), SessionsReply.class)
        .sessions()
        .stream()
        .map(SessionInfo::id)
        .toList();
  }

  private List<AuditEvent> audit(AuditType type) throws Exception {
    try (Connection c = Database.openReadOnly(dataDir)) {
      return new AuditRepository()
          .find(c, new AuditQuery(Optional.empty(), 0, Optional.of(type), 10_000));
    }
  }
}
