package chat.server.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.server.RelayConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashingSlotsTest {
  @Test
  void run_everySlotAndWaitingPlaceTaken_refusesAtOnce() throws Exception {
    HashingSlots slots = new HashingSlots(1, 1, Duration.ofHours(1));
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> running = threads.submit(() -> slots.run(() -> held(release, 1)));
      awaitStarted(slots, 1);
      Future<Integer> waiting = threads.submit(() -> slots.run(() -> 2));
      awaitWaiting(slots, 1);
      // On this thread: with the hour-long wait, anything but an immediate refusal would hang.
      assertThatThrownBy(() -> slots.run(() -> 3)).isInstanceOf(HashingBusyException.class);
      release.countDown();
      assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(2);
      assertThat(slots.run(() -> 4)).as("free again").isEqualTo(4);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  @Test
  void run_noSlotWithinTheWait_refusesAndRunsNothing() throws Exception {
    HashingSlots slots = new HashingSlots(1, 1, Duration.ZERO);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try {
      threads.submit(() -> slots.run(() -> held(release, 1)));
      awaitStarted(slots, 1);
      assertThatThrownBy(() -> slots.run(() -> 2)).isInstanceOf(HashingBusyException.class);
      assertThat(slots.started()).isEqualTo(1);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  /**
   * A small worker pool of the relay with its default slots, every worker it can get filled with
   * hashing that never ends (and more queued): a request that hashes nothing is still served,
   * before any hash finishes.
   */
  @Test
  void run_hashingFloodOnTheWorkerPool_leavesAWorkerForOtherRequests() throws Exception {
    RelayConfig config =
        RelayConfig.builder("127.0.0.1", 0, Path.of("unused"))
            .workerThreads(3)
            .bcryptThreads(0)
            .build();
    HashingSlots slots =
        new HashingSlots(
            config.bcryptThreadCount(), config.bcryptWaitingPlaces(), Duration.ofHours(1));
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService workers = Executors.newFixedThreadPool(config.workerThreads());
    try {
      List<Future<?>> flood = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        flood.add(
            workers.submit(
                () -> {
                  try {
                    slots.run(() -> held(release, 0));
                  } catch (HashingBusyException refused) {
                    // answered RATE_LIMITED; the worker moves on
                  }
                }));
      }
      CompletableFuture<String> ping = CompletableFuture.supplyAsync(() -> "pong", workers);
      assertThat(ping.get(30, TimeUnit.SECONDS)).isEqualTo("pong");
      assertThat(release.getCount()).as("no hash has finished").isEqualTo(1);
      release.countDown();
      for (Future<?> request : flood) {
        request.get(30, TimeUnit.SECONDS);
      }
    } finally {
      release.countDown();
      workers.shutdownNow();
    }
  }

  private static int held(CountDownLatch release, int result) {
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return result;
  }

  private static void awaitStarted(HashingSlots slots, long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (slots.started() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static void awaitWaiting(HashingSlots slots, long count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (slots.waiting() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }
}
