package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import chat.protocol.ChangePasswordReply;
import chat.protocol.ChangePasswordRequest;
import chat.protocol.ErrorCode;
import chat.protocol.Secret;
import chat.server.internal.auth.LoginRateLimiter;
import chat.server.internal.auth.PasswordHasher;
import chat.server.internal.storage.UserRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PasswordService}: two password changes of one account that overlap, in a fixed order (no
 * threads, no timing): the first stores, the second is refused and changes nothing.
 */
class PasswordServiceTest {
  private static final String KEY = "pat";
  private static final String ADDRESS = "192.0.2.7";
  private static final String OLD = "the old password";

  @TempDir Path dataDir;

  // One failure locks the account, so a refusal counted as a failed login would show at once.
  private final LoginRateLimiter limiter =
      new LoginRateLimiter(Clock.systemUTC(), Duration.ofMinutes(15), 1, 1);
  private AccountFixture fixture;
  private PasswordHasher hasher;
  private UserRepository users;
  private List<String> audited;
  private Storage storage;
  private PasswordService service;

  @BeforeEach
  void open() throws Exception {
    fixture = new AccountFixture(dataDir, limiter);
    hasher = fixture.hasher;
    users = fixture.users;
    audited = fixture.audited;
    storage = fixture.storage;
    service =
        new PasswordService(
            storage,
            users,
            fixture.sessions,
            hasher,
            fixture.check,
            fixture.accounts,
            fixture.audit,
            fixture.logIds);
    String hash = hasher.hash(Secret.of(OLD));
    storage.write(c -> users.insert(c, KEY, "pat", "pat", hash, new byte[] {1}, 1L));
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  /** A connection logged in as pat with a session of its own (stored, as a login stores it). */
  private TestConnection device(int tag) {
    byte[] tokenHash = new byte[32];
    tokenHash[0] = (byte) tag;
    storage.write(
        c -> {
          fixture.sessions.insert(c, tokenHash, KEY, 1L, Long.MAX_VALUE, ADDRESS);
          return null;
        });
    TestConnection device = new TestConnection(ADDRESS);
    device.state.version(1);
    device.state.login(KEY, "pat", Bytes.of(tokenHash), true);
    return device;
  }

  private static ChangePasswordRequest change(String next) {
    return new ChangePasswordRequest("r1", Secret.of(OLD), Secret.of(next));
  }

  @Test
  void change_anotherChangeStoredBetweenCheckAndStore_isRefusedAndChangesNothing() {
    TestConnection first = device(1);
    TestConnection second = device(2);

    PasswordService.Prepared slow = service.prepare(first, change("first new password"));
    ChangePasswordReply won = service.change(second, change("second new password"));

    assertThatThrownBy(() -> service.store(first, "r1", slow))
        .isInstanceOfSatisfying(
            RelayException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED);
              assertThat(e.getMessage())
                  .isEqualTo("the password was changed by another session meanwhile");
            });
    assertThat(won.sessionsEnded()).isEqualTo(1);
    String stored = storage.read(c -> users.find(c, KEY)).orElseThrow().passwordHash();
    assertThat(hasher.matches(Secret.of("second new password"), stored)).isTrue();
    assertThat(hasher.matches(Secret.of("first new password"), stored)).isFalse();
    assertThat(audited)
        .containsExactly(
            "PASSWORD_CHANGE 1 other session ended",
            "PASSWORD_CHANGE_FAILED the password was changed by another session meanwhile");
    assertThat(limiter.check(KEY, ADDRESS, () -> true))
        .as("not counted as a failed login")
        .isEqualTo(LoginRateLimiter.Outcome.RIGHT);
  }

  @Test
  void change_notOverlapping_bothStore() {
    TestConnection first = device(1);

    service.store(first, "r1", service.prepare(first, change("first new password")));
    service.change(
        first, new ChangePasswordRequest("r2", Secret.of("first new password"), Secret.of(OLD)));

    String stored = storage.read(c -> users.find(c, KEY)).orElseThrow().passwordHash();
    assertThat(hasher.matches(Secret.of(OLD), stored)).isTrue();
  }
}
