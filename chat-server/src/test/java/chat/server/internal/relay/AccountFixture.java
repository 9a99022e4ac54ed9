package chat.server.internal.relay;

import chat.protocol.FrameCodec;
import chat.server.internal.audit.AuditLog;
import chat.server.internal.auth.LoginRateLimiter;
import chat.server.internal.auth.PasswordHasher;
import chat.server.internal.auth.SessionTokens;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.FriendshipRepository;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.SessionRepository;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.WriteQueue;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An {@link AccountService} over a real database in a folder, with the collaborators the tests of
 * accounts and passwords reach for; each audit entry is kept as {@code "TYPE detail"}.
 */
final class AccountFixture implements AutoCloseable {
  final SecureRandom random = new SecureRandom();
  final PasswordHasher hasher = new PasswordHasher(4, random);
  final UserRepository users = new UserRepository();
  final SessionRepository sessions = new SessionRepository();
  final List<String> audited = new ArrayList<>();
  final LogIds logIds = new LogIds(new byte[32]);
  final Database database;
  final WriteQueue writes;
  final Storage storage;
  final AuditLog audit;
  final PasswordCheck check;
  final AccountService accounts;

  /**
   * Run once, the next time a connection joins the router: in a resume, after its session was found
   * and before its use is recorded, where a logout on another connection may come.
   */
  Runnable onNextJoin = () -> {};

  /** The service over a database in {@code dataDir}, counting failed logins in {@code limiter}. */
  AccountFixture(Path dataDir, LoginRateLimiter limiter) throws Exception {
    database = Database.open(dataDir);
    writes = new WriteQueue(database);
    storage = new Storage(database, writes);
    audit = new RecordingAuditLog(audited);
    Router router = new JoinHook(new LocalRouter());
    MemberRepository members = new MemberRepository();
    Notifier notifier =
        new Notifier(storage, members, router, new FriendshipRepository(), new PresenceBook(), 0);
    check = new PasswordCheck(storage, users, hasher, limiter, audit, logIds);
    accounts =
        new AccountService(
            storage,
            users,
            sessions,
            members,
            hasher,
            new SessionTokens(random),
            limiter,
            router,
            notifier,
            Clock.systemUTC(),
            Duration.ofDays(1),
            new KeyFingerprints(storage, users),
            audit,
            check,
            logIds,
            FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  }

  /**
   * Makes {@code relay.db} refuse writes from now on, as a read-only file does ({@code
   * SQLITE_READONLY}), or take them again.
   */
  void readOnly(boolean on) {
    writes
        .submit(
            c -> {
              try (Statement statement = c.createStatement()) {
                statement.execute("PRAGMA query_only = " + (on ? "ON" : "OFF"));
              }
              return null;
            })
        .join();
  }

  /** The router, running {@link #onNextJoin} as a connection joins. */
  private final class JoinHook implements Router {
    private final Router router;

    JoinHook(Router router) {
      this.router = router;
    }

    @Override
    public boolean add(String userKey, ClientConnection connection) {
      Runnable hook = onNextJoin;
      onNextJoin = () -> {};
      hook.run();
      return router.add(userKey, connection);
    }

    @Override
    public boolean remove(String userKey, ClientConnection connection) {
      return router.remove(userKey, connection);
    }

    @Override
    public Collection<ClientConnection> connections(String userKey) {
      return router.connections(userKey);
    }

    @Override
    public boolean isOnline(String userKey) {
      return router.isOnline(userKey);
    }
  }

  @Override
  public void close() throws SQLException {
    writes.close();
    database.close();
  }
}
