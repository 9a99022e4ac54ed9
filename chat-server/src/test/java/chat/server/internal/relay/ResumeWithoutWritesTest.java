package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.server.internal.auth.LoginRateLimiter;
import chat.server.internal.auth.SessionTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session resumed while {@code relay.db} cannot be written (a full or read-only disk): the resume
 * records the session's last use, but a device that cannot have it recorded must still get back in
 * to read what is stored, as README's troubleshooting promises ("reading still works").
 */
class ResumeWithoutWritesTest {
  private static final String KEY = "pat";
  private static final String ADDRESS = "192.0.2.7";

  @TempDir Path dataDir;

  private AccountFixture fixture;

  @BeforeEach
  void open() throws Exception {
    fixture =
        new AccountFixture(
            dataDir, new LoginRateLimiter(Clock.systemUTC(), Duration.ofMinutes(15), 5, 30));
    String hash = fixture.hasher.hash(Secret.of("the password"));
    fixture.storage.write(
        c -> fixture.users.insert(c, KEY, "pat", "pat", hash, new byte[] {1}, 1L));
  }

  @AfterEach
  void close() throws Exception {
    fixture.close();
  }

  /** The token of a new session of pat's, stored (a resume takes a token's secret away). */
  private String session() {
    return session(Long.MAX_VALUE);
  }

  /** As {@link #session()}, the session ending at {@code expiresAtMillis}. */
  private String session(long expiresAtMillis) {
    byte[] random = new byte[32];
    fixture.random.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    byte[] hash = hash(token);
    fixture.storage.write(
        c -> {
          fixture.sessions.insert(c, hash, KEY, 1L, expiresAtMillis, ADDRESS);
          return null;
        });
    return token;
  }

  private static byte[] hash(String token) {
    return SessionTokens.hash(Secret.of(token));
  }

  private ResumeReply resume(String token) {
    TestConnection device = new TestConnection(ADDRESS);
    device.state.version(1);
    return fixture.accounts.resume(device, new ResumeRequest("r1", Secret.of(token)));
  }

  @Test
  void resume_whileRelayDbCannotBeWritten_resumes_andRecordsTheUseOnceItCan() {
    String token = session();
    byte[] hash = hash(token);
    fixture.readOnly(true);
    assertThatThrownBy(() -> session())
        .as("writes are refused")
        .isInstanceOfSatisfying(
            RelayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE));

    ResumeReply reply = resume(token);

    assertThat(reply.username()).isEqualTo("pat");
    assertThat(fixture.audited).contains("RESUME ");
    long lastUsed = lastUsed(hash);
    assertThat(lastUsed).as("not recorded while relay.db refuses writes").isEqualTo(1L);

    fixture.readOnly(false);
    resume(token);
    assertThat(lastUsed(hash)).isGreaterThan(1L);
  }

  /**
   * A logout stored on another connection after the resume found the session, and before it would
   * record its use, which relay.db then refuses: the row read instead is gone, and the resume is
   * refused.
   */
  @Test
  void resume_loggedOutMeanwhile_whileRelayDbCannotBeWritten_isRefused() {
    String token = session();
    byte[] hash = hash(token);
    fixture.onNextJoin =
        () -> {
          fixture.storage.write(c -> fixture.sessions.delete(c, hash));
          fixture.readOnly(true);
        };

    assertThatThrownBy(() -> resume(token))
        .isInstanceOfSatisfying(
            RelayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED));
    assertThat(fixture.audited).contains("RESUME_FAILED logged out meanwhile");
  }

  @Test
  void resume_ofAnExpiredSession_whileRelayDbCannotBeWritten_saysItExpired() {
    String token = session(1L);
    fixture.readOnly(true);

    assertThatThrownBy(() -> resume(token))
        .isInstanceOfSatisfying(
            RelayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_EXPIRED));
  }

  private long lastUsed(byte[] hash) {
    return fixture
        .storage
        .read(c -> fixture.sessions.listOf(c, KEY, System.currentTimeMillis(), 10))
        .stream()
        .filter(s -> s.tokenHash().equals(Bytes.of(hash)))
        .findFirst()
        .orElseThrow()
        .lastUsedAtMillis();
  }
}
