package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ClientTimersTest {
  private final ClientTimers timers = new ClientTimers();

  @Test
  void close_aHousekeepingTaskUnderWay_finishesUninterrupted() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    timers
        .housekeeping()
        .execute(
            () -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
              // A save's file channel is closed by an interrupt that arrives while it writes.
              interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
              finished.countDown();
            });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    timers.close();
    release.countDown();

    assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted).isFalse();
  }

  @Test
  void close_dropsDelayedAndPeriodicHousekeeping_andTheThreadEnds() throws Exception {
    AtomicBoolean ran = new AtomicBoolean();
    timers.housekeeping().schedule(() -> ran.set(true), 1, TimeUnit.HOURS);
    timers.housekeeping().scheduleWithFixedDelay(() -> ran.set(true), 1, 1, TimeUnit.HOURS);

    timers.close();

    assertThat(timers.housekeeping().awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).isFalse();
    assertThat(timers.housekeeping()).isInstanceOf(ScheduledThreadPoolExecutor.class);
  }

  @Test
  void close_aReconnectAttemptUnderWay_isInterrupted_andNoneStartsAfter() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    timers
        .attempts()
        .execute(
            () -> {
              started.countDown();
              try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // waiting for a relay's answer
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
            });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    timers.close();

    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(timers.attempts().awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(timers.attempts().isShutdown()).isTrue();
  }
}
