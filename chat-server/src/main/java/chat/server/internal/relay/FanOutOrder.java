package chat.server.internal.relay;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each conversation's fan-outs in the order its messages were stored. Each stored message is
 * fanned out from its own sender's lane, so two senders' fan-outs raced, and a member got a later
 * message before an earlier one: about a third of the deliveries in a 1,000-member room with ten
 * senders (docs/PERFORMANCE.md). A client that sees such a gap asks the relay for what it missed,
 * so each cost a round trip and a history read.
 *
 * <p>As each message is stored, in commit order, its number is recorded as due ({@link
 * #committed}). A fan-out whose number is not the lowest due in its conversation is parked, and the
 * thread that runs the one before it runs it next ({@link #inTurn}); each conversation's fan-outs
 * thus run one at a time, in order, on whichever thread has the turn. Only stored messages are due,
 * so a number that is never fanned out (a send refused after all) holds nothing back. A due fan-out
 * that never comes (which no path allows) would hold the later ones back only until the turn has
 * not moved for {@link #MAX_WAIT_NANOS}; the turn then moves on past it, with a warning, on the
 * next fan-out to arrive or on a timer, whichever comes first, so a conversation that has gone
 * quiet is not left waiting. A send counts as in flight, for its connection's bounds and the order
 * of its later requests, until its fan-out has run ({@link #inTurn} returns when that is), so what
 * waits here is bounded by what connections may have in flight. A fan-out that throws is logged and
 * does not keep the next from running; after one that throws an {@link Error}, those waiting run on
 * the next fan-out to arrive or on the timer. Thread-safe.
 */
final class FanOutOrder {
  private static final Logger LOG = LoggerFactory.getLogger(FanOutOrder.class);

  /** How long a conversation's turn may stand still while fan-outs wait for one before them. */
  static final long MAX_WAIT_NANOS = 2_000_000_000L;

  /** Runs a task once a delay has passed; the seam for tests. */
  @FunctionalInterface
  interface Timer {
    /** Runs {@code task} on some thread once {@code delayNanos} have passed. */
    void after(long delayNanos, Runnable task);
  }

  /** A fan-out and what completes once it has run. */
  private record Pending(Runnable fanOut, CompletableFuture<Void> ran) {}

  /** One conversation's turn. */
  private static final class Turn {
    /** Numbers stored and not yet fanned out. */
    final TreeSet<Long> due = new TreeSet<>();

    /** Fan-outs waiting for their turn, by number. */
    final TreeMap<Long, Pending> parked = new TreeMap<>();

    /** Whether a thread is running this conversation's fan-outs. */
    boolean running;

    /** When the turn last moved, or a first fan-out was parked. */
    long movedNanos;

    /** Whether the timer will look at this turn. */
    boolean watched;

    boolean idle() {
      return !running && due.isEmpty() && parked.isEmpty();
    }
  }

  /** The conversations with something due, waiting or running; a turn goes once it is idle. */
  private final Map<String, Turn> turns = new HashMap<>();

  private final LongSupplier clock;
  private final Timer timer;
  private final LogIds logIds;

  /**
   * The one thread, for the whole process, that looks at turns left waiting and runs what may run
   * then: a Netty thread, so that a fan-out it runs finds its per-thread state as fast as a worker
   * does. Started on first use; a daemon, so it never keeps the process alive.
   */
  private static final class SharedTimer {
    static final ScheduledExecutorService THREAD =
        Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("relay-fan-out-timer", true));
  }

  /**
   * An order on the system's clock, whose timer is the process's fan-out timer thread; its log
   * lines name conversations through {@code logIds}.
   */
  FanOutOrder(LogIds logIds) {
    this(
        System::nanoTime,
        (delayNanos, task) -> SharedTimer.THREAD.schedule(task, delayNanos, TimeUnit.NANOSECONDS),
        logIds);
  }

  /**
   * An order that reads the time from {@code clock} (nanoseconds) and looks again at a turn that
   * waits through {@code timer}: the seams for tests.
   */
  FanOutOrder(LongSupplier clock, Timer timer, LogIds logIds) {
    this.clock = clock;
    this.timer = timer;
    this.logIds = logIds;
  }

  /**
   * Records that message {@code seq} of {@code conversation} was stored and will be fanned out;
   * called in commit order, before that fan-out can run.
   */
  synchronized void committed(String conversation, long seq) {
    turns.computeIfAbsent(conversation, c -> new Turn()).due.add(seq);
  }

  /**
   * Runs {@code fanOut}, the fan-out of message {@code seq} of {@code conversation}, once the
   * fan-outs of the messages stored before it have run: here and now if its turn has come (then
   * also those after it that are waiting), else later, on the thread that runs the one before it or
   * on the timer's.
   *
   * @return completes once {@code fanOut} has run (or failed)
   */
  CompletableFuture<Void> inTurn(String conversation, long seq, Runnable fanOut) {
    Turn turn;
    Map.Entry<Long, Pending> next;
    CompletableFuture<Void> ran = new CompletableFuture<>();
    synchronized (this) {
      turn = turns.computeIfAbsent(conversation, c -> new Turn());
      if (turn.parked.isEmpty()) {
        turn.movedNanos = clock.getAsLong();
      }
      turn.parked.put(seq, new Pending(fanOut, ran));
      if (turn.running) {
        return ran; // the thread that has the turn runs it
      }
      next = take(conversation, turn);
      if (next == null) {
        return ran;
      }
    }
    runFrom(conversation, turn, next);
    return ran;
  }

  /**
   * Runs {@code next} and those after it whose turn comes, holding {@code turn}; then gives the
   * turn up, or drops it if nothing of its conversation is left.
   */
  private void runFrom(String conversation, Turn turn, Map.Entry<Long, Pending> next) {
    while (next != null) {
      long runSeq = next.getKey();
      Pending pending = next.getValue();
      boolean goOn = false;
      try {
        pending.fanOut().run();
        goOn = true;
      } catch (RuntimeException | Error e) {
        LOG.error(
            "fan-out of message {} in {} failed", runSeq, logIds.conversation(conversation), e);
        if (e instanceof Error error) {
          throw error; // the next fan-out to come, or the timer, runs those waiting
        }
        goOn = true;
      } finally {
        try {
          synchronized (this) {
            moved(turn, runSeq);
            turn.running = false;
            next = goOn ? take(conversation, turn) : null; // take sets the timer if need be
            if (next == null) {
              if (!goOn) {
                watchIfWaiting(conversation, turn);
              }
              if (turn.idle()) {
                turns.remove(conversation);
              }
            }
          }
        } finally {
          pending.ran().complete(null);
        }
      }
    }
  }

  /**
   * Takes the turn and its first fan-out if that one's turn has come; else makes sure the timer
   * will look at the turn again. Called holding this object's lock, with the turn not running.
   */
  private Map.Entry<Long, Pending> take(String conversation, Turn turn) {
    Map.Entry<Long, Pending> next = inTurn(conversation, turn);
    if (next == null) {
      watchIfWaiting(conversation, turn);
      return null;
    }
    turn.running = true;
    return next;
  }

  /**
   * Has the timer look at {@code turn} if fan-outs wait in it and nothing runs them: at once if the
   * first one's turn has come (a fan-out before it threw an {@link Error}), else once the turn will
   * have stood still too long. Called holding this object's lock.
   */
  private void watchIfWaiting(String conversation, Turn turn) {
    if (turn.watched || turn.running || turn.parked.isEmpty()) {
      return;
    }
    long delay =
        turn.due.isEmpty() || turn.due.first() >= turn.parked.firstKey()
            ? 0
            : Math.max(0, turn.movedNanos + MAX_WAIT_NANOS - clock.getAsLong());
    try {
      timer.after(delay, () -> look(conversation, turn));
      turn.watched = true;
    } catch (RuntimeException | Error e) {
      LOG.error(
          "fan-out in {}: cannot set the timer; those waiting go with the next",
          logIds.conversation(conversation),
          e);
    }
  }

  /** The timer's look at a turn that was waiting: runs what may run now, or looks again later. */
  private void look(String conversation, Turn turn) {
    Map.Entry<Long, Pending> next;
    synchronized (this) {
      turn.watched = false;
      if (turns.get(conversation) != turn || turn.running) {
        return; // dropped, or the thread that has the turn looks after it
      }
      next = take(conversation, turn);
    }
    if (next == null) {
      return;
    }
    try {
      runFrom(conversation, turn, next);
    } catch (Error e) {
      // The timer's thread has no one to hand it to; the fan-outs after it are looked after.
      LOG.error("fan-outs in {} run by the timer stopped", logIds.conversation(conversation), e);
    }
  }

  /** How many conversations have something due, waiting or running (for tests). */
  synchronized int conversationsKept() {
    return turns.size();
  }

  private void moved(Turn turn, long seq) {
    turn.due.remove(seq);
    turn.movedNanos = clock.getAsLong();
  }

  /**
   * Takes the first fan-out waiting in {@code turn} if its turn has come (nothing stored before it
   * is still due), or if the turn has stood still too long; else null. Called holding this object's
   * lock.
   */
  private Map.Entry<Long, Pending> inTurn(String conversation, Turn turn) {
    Map.Entry<Long, Pending> first = turn.parked.firstEntry();
    if (first == null) {
      return null;
    }
    boolean itsTurn = turn.due.isEmpty() || turn.due.first() >= first.getKey();
    if (!itsTurn && !stoodStill(conversation, turn)) {
      return null;
    }
    return turn.parked.pollFirstEntry();
  }

  /**
   * Whether {@code turn} has stood still too long while fan-outs wait; if so, forgets the numbers
   * before the first one waiting, with a warning. Called holding this object's lock, with something
   * parked and something before it due.
   */
  private boolean stoodStill(String conversation, Turn turn) {
    if (clock.getAsLong() - turn.movedNanos < MAX_WAIT_NANOS) {
      return false;
    }
    long first = turn.parked.firstKey();
    LOG.warn(
        "fan-out in {}: message {} was stored but not fanned out; {} after it go out without it",
        logIds.conversation(conversation),
        turn.due.first(),
        turn.parked.size());
    turn.due.headSet(first).clear();
    return true;
  }
}
