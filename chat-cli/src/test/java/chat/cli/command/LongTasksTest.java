package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LongTasksTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final LongTasks tasks = new LongTasks("test-long-task");
  private final List<String> failures = new CopyOnWriteArrayList<>();

  @Test
  void run_failure_isReportedAsALine() {
    tasks.run(
        "sending big.iso",
        () -> {
          throw new CommandException.Network("the relay went away", null);
        },
        failures::add);
    tasks.run(
        "downloading 3f2a91c0",
        () -> {
          throw new IllegalStateException("bug");
        },
        failures::add);

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                failures.equals(
                    List.of(
                        "sending big.iso: the relay went away",
                        "downloading 3f2a91c0 failed: IllegalStateException")));
  }

  @Test
  void cutOff_namesWhatRunsAndWaits_interruptsNothing_runsNoneMore_reportsNoFailure()
      throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch clientClosed = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean queuedRan = new AtomicBoolean();
    tasks.run(
        "sending big\u001b[2J.iso",
        () -> {
          started.countDown();
          try {
            clientClosed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            interrupted.set(true);
          }
          throw new CommandException.Network("the client is closed", null);
        },
        failures::add);
    tasks.run("downloading 3f2a91c0", () -> queuedRan.set(true), failures::add);
    assertThat(started.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    assertThat(tasks.cutOff())
        .containsExactly(
            "cut off: sending big.iso (not finished when you left)",
            "cut off: downloading 3f2a91c0 (not finished when you left)");
    tasks.run("sending late.txt", () -> queuedRan.set(true), failures::add);
    clientClosed.countDown();

    await()
        .during(Duration.ofMillis(300))
        .atMost(TIMEOUT)
        .until(() -> !interrupted.get() && !queuedRan.get() && failures.isEmpty());
    assertThat(tasks.cutOff()).isEmpty();
  }

  @Test
  void run_behindAnother_saysAtOnceWhatItWaitsFor_aloneSaysNothing() throws Exception {
    List<String> waits = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean secondRan = new AtomicBoolean();
    tasks.run(
        () -> "sending big.iso",
        () -> {
          try {
            release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        failures::add,
        waits::add);
    assertThat(waits).isEmpty();

    tasks.run(() -> "accepting a file", () -> secondRan.set(true), failures::add, waits::add);

    tasks.run(() -> "sending small.txt", () -> {}, failures::add, waits::add);

    assertThat(waits)
        .containsExactly(
            "accepting a file waits until sending big.iso ends: files go one at a time",
            "sending small.txt waits until sending big.iso and 1 more end: files go one at a time");
    release.countDown();
    await().atMost(TIMEOUT).untilTrue(secondRan);
    assertThat(failures).isEmpty();
  }

  @Test
  void finish_waitsForEveryTask_andSaysOnceThatItWaits() {
    AtomicBoolean done = new AtomicBoolean();
    List<String> said = new CopyOnWriteArrayList<>();
    tasks.run(
        "sending big.iso",
        () -> {
          await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
          done.set(true);
        },
        failures::add);

    tasks.finish(() -> said.add("waiting"));

    assertThat(done).isTrue();
    assertThat(said).containsExactly("waiting");
    assertThat(tasks.cutOff()).isEmpty();
  }

  @Test
  void cutOff_taskThatRenamedItself_isNamedByItsNewDescription() throws Exception {
    CountDownLatch renamed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<String> what =
        new java.util.concurrent.atomic.AtomicReference<>("downloading f6f3");
    tasks.run(
        what::get,
        () -> {
          what.set("downloading big.bin");
          renamed.countDown();
          try {
            release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        failures::add);
    assertThat(renamed.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    List<String> cut = tasks.cutOff();
    release.countDown();

    assertThat(cut).containsExactly("cut off: downloading big.bin (not finished when you left)");
  }
}
