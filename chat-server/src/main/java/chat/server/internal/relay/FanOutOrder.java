package chat.server.internal.relay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * that never comes (which no path allows) would hold the later ones back only until one arrives
 * after the turn has not moved for {@link #MAX_WAIT_NANOS}; the turn then moves on past it, with a
 * warning. What waits is bounded by what is in flight: each connection has at most a few sends past
 * their checks, each holding its envelope and forms until its fan-out has run. A fan-out that
 * throws is logged and does not keep the next from running. Thread-safe.
 */
final class FanOutOrder {
  private static final Logger LOG = LoggerFactory.getLogger(FanOutOrder.class);

  /** Conversations kept at most once nothing of theirs is due. */
  static final int MAX_CONVERSATIONS = 1024;

  /** How long a conversation's turn may stand still while fan-outs wait for one before them. */
  static final long MAX_WAIT_NANOS = 2_000_000_000L;

  /** One conversation's turn. */
  private static final class Turn {
    /** Numbers stored and not yet fanned out. */
    final TreeSet<Long> due = new TreeSet<>();

    /** Fan-outs waiting for their turn, by number. */
    final TreeMap<Long, Runnable> parked = new TreeMap<>();

    /** Whether a thread is running this conversation's fan-outs. */
    boolean running;

    /** When the turn last moved, or a first fan-out was parked. */
    long movedNanos;

    boolean idle() {
      return !running && due.isEmpty() && parked.isEmpty();
    }
  }

  private final Map<String, Turn> turns =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Turn> eldest) {
          return size() > MAX_CONVERSATIONS && eldest.getValue().idle();
        }
      };

  private final LongSupplier clock;

  FanOutOrder() {
    this(System::nanoTime);
  }

  /** An order that reads the time from {@code clock} (nanoseconds): the seam for tests. */
  FanOutOrder(LongSupplier clock) {
    this.clock = clock;
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
   * also those after it that are waiting), else later, on the thread that runs the one before it.
   */
  void inTurn(String conversation, long seq, Runnable fanOut) {
    Turn turn;
    long runSeq = seq;
    Runnable run = fanOut;
    synchronized (this) {
      turn = turns.computeIfAbsent(conversation, c -> new Turn());
      if (turn.running || !turn.due.isEmpty() && turn.due.first() < seq) {
        if (turn.parked.isEmpty()) {
          turn.movedNanos = clock.getAsLong();
        }
        turn.parked.put(seq, fanOut);
        if (turn.running || !stoodStill(conversation, turn)) {
          return;
        }
        Map.Entry<Long, Runnable> first = turn.parked.pollFirstEntry();
        runSeq = first.getKey();
        run = first.getValue();
      }
      turn.running = true;
    }
    while (true) {
      try {
        run.run();
      } catch (RuntimeException e) {
        LOG.error("fan-out of message {} in {} failed", runSeq, conversation, e);
      }
      synchronized (this) {
        turn.due.remove(runSeq);
        turn.movedNanos = clock.getAsLong();
        Map.Entry<Long, Runnable> waiting = turn.parked.firstEntry();
        boolean itsTurn =
            waiting != null && (turn.due.isEmpty() || turn.due.first() >= waiting.getKey());
        if (waiting == null || !itsTurn && !stoodStill(conversation, turn)) {
          turn.running = false;
          return;
        }
        turn.parked.pollFirstEntry();
        runSeq = waiting.getKey();
        run = waiting.getValue();
      }
    }
  }

  /**
   * Whether {@code turn} has stood still too long while fan-outs wait; if so, forgets the numbers
   * before the first one waiting, with a warning. Called holding this object's lock, with something
   * parked and the turn not running.
   */
  private boolean stoodStill(String conversation, Turn turn) {
    if (clock.getAsLong() - turn.movedNanos < MAX_WAIT_NANOS) {
      return false;
    }
    long first = turn.parked.firstKey();
    LOG.warn(
        "fan-out in {}: message {} was stored but not fanned out; {} after it go out without it",
        conversation,
        turn.due.first(),
        turn.parked.size());
    turn.due.headSet(first).clear();
    return true;
  }
}
