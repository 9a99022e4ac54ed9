package chat.server.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.server.MutableClock;
import chat.server.internal.auth.LoginRateLimiter.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {
  private static final int GUESSES = 20;

  private final MutableClock clock = new MutableClock();
  private final LoginRateLimiter limiter =
      new LoginRateLimiter(clock, Duration.ofMinutes(15), 5, 30);

  @Test
  void check_twentyConcurrentGuesses_verifiesAtMostFive() throws Exception {
    AtomicInteger verified = new AtomicInteger();
    AtomicInteger limited = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(GUESSES);
    try {
      List<Future<Outcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < GUESSES; i++) {
        String address = "192.0.2." + i; // the account's limit, not an address's, must hold
        outcomes.add(
            threads.submit(
                () -> {
                  Outcome outcome =
                      limiter.check(
                          "alice",
                          address,
                          () -> {
                            verified.incrementAndGet(); // one bcrypt check
                            awaitQuietly(release); // held, so that every guess overlaps
                            return false;
                          });
                  if (outcome == Outcome.LIMITED) {
                    limited.incrementAndGet();
                  }
                  return outcome;
                }));
      }
      // Every guess is either refused or inside its check, all at once, before any finishes.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (verified.get() + limited.get() < GUESSES && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      release.countDown();
      for (Future<Outcome> outcome : outcomes) {
        outcome.get(30, TimeUnit.SECONDS);
      }
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
    assertThat(verified).as("passwords checked").hasValue(5);
    assertThat(limited).hasValue(GUESSES - 5);
  }

  @Test
  void check_rightPassword_refundsItsReservationAndForgetsTheAccountsFailures() {
    for (int i = 0; i < 4; i++) {
      assertThat(limiter.check("alice", "192.0.2.1", () -> false)).isEqualTo(Outcome.WRONG);
    }
    assertThat(limiter.check("alice", "192.0.2.1", () -> true)).isEqualTo(Outcome.RIGHT);
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.check("alice", "192.0.2.1", () -> false)).isEqualTo(Outcome.WRONG);
    }
    assertThat(limiter.check("alice", "192.0.2.1", () -> true)).isEqualTo(Outcome.LIMITED);
  }

  @Test
  void check_rightPassword_doesNotCountAgainstTheAddress() {
    for (int i = 0; i < 40; i++) {
      assertThat(limiter.check("user" + i, "192.0.2.1", () -> true)).isEqualTo(Outcome.RIGHT);
    }
    assertThat(limiter.allowedAddress("192.0.2.1")).isTrue();
  }

  @Test
  void check_verifyThrows_countsNothing() {
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(
              () ->
                  limiter.check(
                      "alice",
                      "192.0.2.1",
                      () -> {
                        throw new HashingBusyException();
                      }))
          .isInstanceOf(HashingBusyException.class);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.check("alice", "192.0.2.1", () -> false)).isEqualTo(Outcome.WRONG);
    }
    assertThat(limiter.check("alice", "192.0.2.1", () -> true)).isEqualTo(Outcome.LIMITED);
  }

  @Test
  void check_failuresOlderThanTheWindow_countNoMore() {
    for (int i = 0; i < 5; i++) {
      limiter.check("alice", "192.0.2.1", () -> false);
    }
    assertThat(limiter.check("alice", "192.0.2.1", () -> true)).isEqualTo(Outcome.LIMITED);
    clock.advance(Duration.ofMinutes(15));
    assertThat(limiter.check("alice", "192.0.2.1", () -> true)).isEqualTo(Outcome.RIGHT);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
