package chat.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final SerialExecutor lane = new SerialExecutor(pool);
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private void awaitIdle() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    lane.execute(done::countDown);
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void tasks_runOneAtATime_inTheOrderQueued() throws Exception {
    for (int i = 0; i < 200; i++) {
      String name = "t" + i;
      lane.execute(
          () -> {
            ran.add(name + " start");
            Thread.yield();
            ran.add(name + " end");
          });
    }
    awaitIdle();
    assertThat(ran).hasSize(400);
    for (int i = 0; i < 200; i++) {
      assertThat(ran.get(2 * i)).isEqualTo("t" + i + " start");
      assertThat(ran.get(2 * i + 1)).isEqualTo("t" + i + " end");
    }
  }

  @Test
  void aStepsStage_holdsTheLane_untilItCompletes_withoutHoldingAThread() throws Exception {
    CompletableFuture<Void> later = new CompletableFuture<>();
    lane.submit(
        () -> {
          ran.add("first");
          return later;
        });
    lane.execute(() -> ran.add("second"));
    // Other lanes on the same pool keep running meanwhile.
    SerialExecutor other = new SerialExecutor(pool);
    CountDownLatch otherRan = new CountDownLatch(1);
    other.execute(otherRan::countDown);
    assertThat(otherRan.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    assertThat(ran).containsExactly("first");

    later.complete(null);
    awaitIdle();
    assertThat(ran).containsExactly("first", "second");
  }

  @Test
  void aStageThatFails_orAStepThatThrows_stillLetsTheNextTaskRun() throws Exception {
    lane.submit(() -> CompletableFuture.failedFuture(new IllegalStateException("stored badly")));
    lane.submit(
        () -> {
          throw new IllegalStateException("checked badly");
        });
    lane.execute(() -> ran.add("after"));
    awaitIdle();
    assertThat(ran).containsExactly("after");
  }
}
