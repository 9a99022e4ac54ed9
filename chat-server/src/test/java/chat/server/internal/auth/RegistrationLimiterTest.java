package chat.server.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistrationLimiterTest {
  private final MutableClock clock = new MutableClock();

  @Test
  void attempt_pastTheLimit_refusedWithTheTimeUntilTheOldestExpires() {
    RegistrationLimiter limiter = new RegistrationLimiter(clock, Duration.ofHours(1), 3);
    assertThat(limiter.attempt("192.0.2.1")).isZero();
    clock.advance(Duration.ofMinutes(10));
    assertThat(limiter.attempt("192.0.2.1")).isZero();
    assertThat(limiter.attempt("192.0.2.1")).isZero();
    assertThat(limiter.attempt("192.0.2.1")).isEqualTo(Duration.ofMinutes(50).toMillis());
    assertThat(limiter.attempt("192.0.2.2")).as("another address").isZero();
    clock.advance(Duration.ofMinutes(50));
    assertThat(limiter.attempt("192.0.2.1")).isZero();
    assertThat(limiter.attempt("192.0.2.1")).isEqualTo(Duration.ofMinutes(10).toMillis());
  }

  @Test
  void attempt_refusals_doNotExtendTheWait() {
    RegistrationLimiter limiter = new RegistrationLimiter(clock, Duration.ofHours(1), 1);
    limiter.attempt("192.0.2.1");
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.attempt("192.0.2.1")).isPositive();
    }
    clock.advance(Duration.ofHours(1));
    assertThat(limiter.attempt("192.0.2.1")).isZero();
  }

  @Test
  void attempt_limitZero_neverRefuses() {
    RegistrationLimiter limiter = new RegistrationLimiter(clock, Duration.ofHours(1), 0);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.attempt("192.0.2.1")).isZero();
    }
  }
}
