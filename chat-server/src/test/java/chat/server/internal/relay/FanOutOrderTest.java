package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.server.CapturedLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FanOutOrderTest {
  private final AtomicLong now = new AtomicLong();
  private final List<Long> timerDelays = new CopyOnWriteArrayList<>();
  private final List<Runnable> timerTasks = new CopyOnWriteArrayList<>();
  private final LogIds logIds = new LogIds(new byte[32]);
  private final FanOutOrder order =
      new FanOutOrder(
          now::get,
          (delayNanos, task) -> {
            timerDelays.add(delayNanos);
            timerTasks.add(task);
          },
          logIds);
  private final List<Long> ran = new CopyOnWriteArrayList<>();

  /** Runs what the timer was given so far, as if its delays had passed. */
  private void timersFire() {
    List<Runnable> tasks = List.copyOf(timerTasks);
    timerTasks.clear();
    timerDelays.clear();
    tasks.forEach(Runnable::run);
  }

  private void committed(String conversation, long... seqs) {
    for (long seq : seqs) {
      order.committed(conversation, seq);
    }
  }

  private void inTurn(String conversation, long seq) {
    order.inTurn(conversation, seq, () -> ran.add(seq));
  }

  /** A fan-out that runs {@code first}, then runs out of memory. */
  private static Runnable outOfMemoryAfter(Runnable first) {
    return () -> {
      first.run();
      throw new OutOfMemoryError("for this test");
    };
  }

  /** Fans message {@code seq} of #a out with {@code fanOut} and expects its OutOfMemoryError. */
  private void assertOutOfMemory(long seq, Runnable fanOut) {
    assertThatThrownBy(() -> order.inTurn("#a", seq, fanOut)).isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void inTurn_inCommitOrder_eachRunsAtOnce() {
    committed("#a", 1, 2);

    inTurn("#a", 1);
    assertThat(ran).containsExactly(1L);
    inTurn("#a", 2);
    assertThat(ran).containsExactly(1L, 2L);
  }

  @Test
  void inTurn_aLaterOneFirst_waitsAndRunsRightAfterTheOneBefore() {
    committed("#a", 1, 2, 3);

    inTurn("#a", 3);
    inTurn("#a", 2);
    assertThat(ran).isEmpty();
    inTurn("#a", 1);

    assertThat(ran).containsExactly(1L, 2L, 3L);
  }

  @Test
  void inTurn_itsFuture_completesOnceItsFanOutHasRun() {
    committed("#a", 1, 2);

    CompletableFuture<Void> second = order.inTurn("#a", 2, () -> ran.add(2L));
    assertThat(second).isNotDone();
    CompletableFuture<Void> first = order.inTurn("#a", 1, () -> ran.add(1L));

    assertThat(first).isDone();
    assertThat(second).isDone();
    assertThat(ran).containsExactly(1L, 2L);
  }

  @Test
  void inTurn_aConversationWithNothingLeftDue_isNotKept() {
    for (int i = 0; i < 5_000; i++) {
      order.committed("#room" + i, 1);
      inTurn("#room" + i, 1);
    }
    committed("#slow", 1, 2);
    inTurn("#slow", 2);

    assertThat(order.conversationsKept()).isEqualTo(1);
    inTurn("#slow", 1);
    assertThat(order.conversationsKept()).isZero();
  }

  @Test
  void inTurn_otherConversations_doNotWaitForEachOther() {
    committed("#a", 1, 2);
    order.committed("#b", 7);

    inTurn("#a", 2);
    inTurn("#b", 7);

    assertThat(ran).containsExactly(7L);
  }

  @Test
  void inTurn_aNumberNeverStored_holdsNothingBack() {
    order.committed("#a", 1);
    order.committed("#a", 3); // 2 was refused after all: never stored, never fanned out

    inTurn("#a", 1);
    inTurn("#a", 3);

    assertThat(ran).containsExactly(1L, 3L);
  }

  @Test
  void inTurn_aFanOutThatThrows_theNextStillRuns() {
    committed("#a", 1, 2);
    inTurn("#a", 2);

    order.inTurn(
        "#a",
        1,
        () -> {
          throw new IllegalStateException("for this test");
        });

    assertThat(ran).containsExactly(2L);
    order.committed("#a", 3);
    inTurn("#a", 3);
    assertThat(ran).containsExactly(2L, 3L);
  }

  @Test
  void inTurn_aFanOutThatThrowsAnError_rethrown_andTheNextToComeRunsThoseWaiting() {
    committed("#a", 1, 2, 3);
    inTurn("#a", 2);
    inTurn("#a", 3);

    assertOutOfMemory(1, outOfMemoryAfter(() -> {}));
    assertThat(ran).isEmpty();
    order.committed("#a", 4);
    inTurn("#a", 4);

    assertThat(ran).containsExactly(2L, 3L, 4L);
  }

  @Test
  void inTurn_oneStoredButNeverFannedOut_theRestGoOnceTheTurnHasStoodStillLongEnough() {
    order.committed("#a", 1); // its fan-out never comes
    order.committed("#a", 2);
    inTurn("#a", 2);
    now.addAndGet(FanOutOrder.MAX_WAIT_NANOS - 1);
    order.committed("#a", 3);
    inTurn("#a", 3);
    assertThat(ran).isEmpty();

    now.addAndGet(1);
    order.committed("#a", 4);
    inTurn("#a", 4);

    assertThat(ran).containsExactly(2L, 3L, 4L);
  }

  @Test
  void inTurn_oneStoredButNeverFannedOut_inAConversationGoneQuiet_theTimerRunsTheRest() {
    order.committed("#a", 1); // its fan-out never comes
    order.committed("#a", 2);
    CompletableFuture<Void> second = order.inTurn("#a", 2, () -> ran.add(2L));

    assertThat(timerDelays).containsExactly(FanOutOrder.MAX_WAIT_NANOS);
    now.addAndGet(FanOutOrder.MAX_WAIT_NANOS);
    timersFire();

    assertThat(ran).containsExactly(2L);
    assertThat(second).isDone();
    assertThat(order.conversationsKept()).isZero();
  }

  @Test
  void inTurn_theTimerLooksWhileTheTurnStillMoves_looksAgainLaterAndKeepsTheOrder() {
    committed("#a", 1, 2, 3);
    inTurn("#a", 3);
    now.addAndGet(FanOutOrder.MAX_WAIT_NANOS / 2);
    inTurn("#a", 1); // the turn moves; 2 is due and has not come yet

    now.addAndGet(FanOutOrder.MAX_WAIT_NANOS / 2);
    timersFire();
    assertThat(ran).containsExactly(1L);
    assertThat(timerDelays).containsExactly(FanOutOrder.MAX_WAIT_NANOS / 2);

    inTurn("#a", 2);
    assertThat(ran).containsExactly(1L, 2L, 3L);
    timersFire();
    assertThat(ran).containsExactly(1L, 2L, 3L);
    assertThat(timerTasks).isEmpty();
  }

  @Test
  void inTurn_afterAFanOutThrewAnError_theTimerRunsThoseWaiting() {
    committed("#a", 1, 2);
    inTurn("#a", 2);
    assertOutOfMemory(1, outOfMemoryAfter(() -> {}));
    assertThat(ran).isEmpty();

    timersFire();

    assertThat(ran).containsExactly(2L);
  }

  @Test
  void inTurn_anErrorWhileTheTimerWasNotWatching_theTimerIsSetAgainAndRunsThoseWaitingAtOnce() {
    committed("#a", 1, 2);
    inTurn("#a", 2);
    // The timer looks while 1 runs: nothing for it to do.
    assertOutOfMemory(1, outOfMemoryAfter(this::timersFire));

    assertThat(timerDelays).containsExactly(0L);
    timersFire();
    assertThat(ran).containsExactly(2L);
  }

  @Test
  void inTurn_aFanOutRunByTheTimerThrowsAnError_theTimerGoesOnWithTheNext() {
    committed("#a", 1, 2, 3); // 1's fan-out never comes
    order.inTurn("#a", 2, outOfMemoryAfter(() -> {}));
    inTurn("#a", 3);
    now.addAndGet(FanOutOrder.MAX_WAIT_NANOS);

    timersFire();
    assertThat(ran).isEmpty();
    timersFire();

    assertThat(ran).containsExactly(3L);
    assertThat(order.conversationsKept()).isZero();
  }

  @Test
  void inTurn_notRecordedAsStored_runsAtOnce() {
    inTurn("#a", 5);

    assertThat(ran).containsExactly(5L);
  }

  @Test
  void inTurn_fromManyThreadsInAnyOrder_eachConversationRunsInCommitOrder() throws Exception {
    int messages = 2_000;
    List<Long> seqs = new ArrayList<>();
    for (long seq = 1; seq <= messages; seq++) {
      order.committed("#a", seq);
      seqs.add(seq);
    }
    Collections.shuffle(seqs);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      for (long seq : seqs) {
        pool.execute(
            () -> {
              try {
                start.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              inTurn("#a", seq);
            });
      }
      start.countDown();
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    List<Long> expected = new ArrayList<>(seqs);
    Collections.sort(expected);
    assertThat(ran).containsExactlyElementsOf(expected);
  }

  @Test
  void inTurn_withATimerThatLooksEveryMillisecond_eachRunsOnceAndInOrder() throws Exception {
    ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      FanOutOrder busy =
          new FanOutOrder(
              System::nanoTime,
              (delayNanos, task) -> timerThread.schedule(task, 1, TimeUnit.MILLISECONDS),
              logIds);
      int messages = 1_000;
      List<Long> seqs = new ArrayList<>();
      for (long seq = 1; seq <= messages; seq++) {
        busy.committed("#a", seq);
        seqs.add(seq);
      }
      Collections.shuffle(seqs);
      AtomicInteger running = new AtomicInteger();
      AtomicInteger overlaps = new AtomicInteger();
      List<CompletableFuture<Void>> done = new CopyOnWriteArrayList<>();
      for (long seq : seqs) {
        pool.execute(
            () ->
                done.add(
                    busy.inTurn(
                        "#a",
                        seq,
                        () -> {
                          if (running.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                          }
                          ran.add(seq);
                          running.decrementAndGet();
                        })));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

      assertThat(overlaps).hasValue(0);
      List<Long> expected = new ArrayList<>(seqs);
      Collections.sort(expected);
      assertThat(ran).containsExactlyElementsOf(expected);
    } finally {
      pool.shutdownNow();
      timerThread.shutdownNow();
    }
  }

  /** The lines FanOutOrder logs while {@code work} runs, as formatted. */
  private static List<String> logsOf(Runnable work) {
    try (CapturedLog logged = CapturedLog.of(FanOutOrder.class)) {
      work.run();
      return logged.messages();
    }
  }

  @Test
  void logLines_nameADirectConversationByPseudonyms_notByItsParties() {
    // Before, a failed or stalled fan-out in @alice+bob wrote both names into the relay's log,
    // which otherwise names users only by pseudonym.
    List<String> lines =
        logsOf(
            () -> {
              order.committed("@alice+bob", 1); // its fan-out never comes
              order.committed("@alice+bob", 2);
              order.committed("@alice+bob", 3);
              order.inTurn(
                  "@alice+bob",
                  2,
                  () -> {
                    throw new IllegalStateException("for this test");
                  });
              now.addAndGet(FanOutOrder.MAX_WAIT_NANOS);
              inTurn("@alice+bob", 3);
            });

    String shown = logIds.conversation("@alice+bob");
    assertThat(lines)
        .hasSize(2)
        .allSatisfy(
            line -> assertThat(line).contains(shown).doesNotContain("alice").doesNotContain("bob"));
  }
}
