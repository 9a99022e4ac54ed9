package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The long tasks (file transfers) of an interactive front end, the line mode's or the TUI's ({@link
 * CommandContext#runLong}): run one at a time on a daemon thread so typing goes on. It knows which
 * have not finished, so that leaving can either wait for them (at the end of piped input) or cut
 * them off and say which ({@code /quit}, Ctrl-C). A task cut off is not interrupted (an interrupt
 * would fail the writes of the files it keeps and drop the relay connection it shares): closing the
 * client ends it, and it reports nothing more, its failure being the cut.
 */
public final class LongTasks {
  private final ExecutorService executor;

  /** What has been started or queued and has not ended, in order; guarded by itself. */
  private final List<Supplier<String>> unfinished = new ArrayList<>();

  private volatile boolean cut;

  /** Long tasks run on a daemon thread called {@code threadName}, started with the first task. */
  public LongTasks(String threadName) {
    Objects.requireNonNull(threadName, "threadName");
    this.executor =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Runs {@code task}, described as {@code what} (e.g. {@code sending report.pdf}), after those
   * already started; its failure goes to {@code failed} as a line, unless it was cut off. After
   * {@link #cutOff} or {@link #finish} it does not run, and nothing is said.
   */
  public void run(String what, Runnable task, Consumer<String> failed) {
    Objects.requireNonNull(what, "what");
    run(() -> what, task, failed);
  }

  /**
   * As {@link #run(String, Runnable, Consumer)}, with {@code what} asked for whenever the task is
   * named, so the task may change it (e.g. to the file's name once it is known).
   */
  public void run(Supplier<String> what, Runnable task, Consumer<String> failed) {
    run(what, task, failed, line -> {});
  }

  /**
   * As {@link #run(Supplier, Runnable, Consumer)}; a task that has to wait for another to end first
   * says so to {@code waits} at once ({@code accepting a file waits until sending big.iso ends:
   * files go one at a time}, or {@code … sending big.iso and 2 more end …} behind tasks queued
   * too), so that it does not look ignored for as long as those run.
   */
  public void run(
      Supplier<String> what, Runnable task, Consumer<String> failed, Consumer<String> waits) {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(failed, "failed");
    Objects.requireNonNull(waits, "waits");
    synchronized (unfinished) {
      if (cut || executor.isShutdown()) {
        return;
      }
      if (!unfinished.isEmpty()) {
        int others = unfinished.size() - 1; // queued behind the one running
        waits.accept(
            TerminalSafe.line(what.get())
                + " waits until "
                + TerminalSafe.line(unfinished.get(0).get())
                + (others == 0 ? " ends" : " and " + others + " more end")
                + ": files go one at a time");
      }
      unfinished.add(what);
      executor.execute(
          () -> {
            try {
              if (!cut) {
                task.run();
              }
            } catch (CommandException e) {
              reportUnlessCut(failed, what.get() + ": " + CommandWords.SLASH.said(e));
            } catch (RuntimeException e) {
              reportUnlessCut(failed, what.get() + " failed: " + e.getClass().getSimpleName());
            } finally {
              synchronized (unfinished) {
                unfinished.remove(what);
              }
            }
          });
    }
  }

  private void reportUnlessCut(Consumer<String> failed, String line) {
    if (!cut) {
      failed.accept(line);
    }
  }

  /**
   * Waits until every task has ended; calls {@code waiting} once if that takes more than a second.
   */
  public void finish(Runnable waiting) {
    synchronized (unfinished) {
      executor.shutdown();
    }
    try {
      if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
        waiting.run();
        executor.awaitTermination(1, TimeUnit.DAYS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Cuts every task off: the queued ones will not run, and none reports a failure from now on.
   * Returns a line for each that had not finished, oldest first, cleaned for the terminal: {@code
   * cut off: sending report.pdf (not finished when you left)}.
   */
  public List<String> cutOff() {
    List<Supplier<String>> cutOff;
    synchronized (unfinished) {
      cut = true;
      cutOff = List.copyOf(unfinished);
      executor.shutdown();
    }
    return cutOff.stream()
        .map(what -> "cut off: " + TerminalSafe.line(what.get()) + " (not finished when you left)")
        .toList();
  }
}
