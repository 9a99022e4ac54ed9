package chat.server.internal.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Guesses the sequence number a queued message will get, so that it can be sealed for storage
 * before its turn on the storage writer. The at-rest seal binds the row's number, and only the
 * writer assigns numbers; sealing there puts a pass of AES-GCM over every envelope (427 KB for a
 * message to a 1,000-member room) on the one thread every message waits for. The thread that queues
 * a message instead guesses its number and seals it in parallel with the others: the last number
 * the writer assigned in that conversation, plus the messages queued for it ahead of this one, plus
 * one. The guess and the place in the queue are taken together ({@link #queue}), so the writer
 * meets guesses in the order they were made.
 *
 * <p>The writer uses an early seal only if the number it assigns is the number guessed ({@link
 * Reservation#take}), and seals the message again itself otherwise: a message ahead was refused, a
 * batch was rolled back, or the relay has not yet assigned a number in that conversation since it
 * started. A wrong guess costs a seal, never a wrong row or a gap: the numbers stay the writer's.
 *
 * <p>Early seals waiting for the writer hold a second copy of their envelope, so their bytes are
 * bounded ({@code maxWaitingBytes}); past the bound a message is sealed on the writer, as before.
 * Thread-safe.
 */
final class SeqGuesses {
  /** No guess: the writer seals the message itself. */
  static final long NONE = 0;

  /** Conversations whose last number is kept at most (those with messages queued are kept too). */
  static final int MAX_CONVERSATIONS = 1024;

  private static final Object PENDING = new Object();
  private static final Object TAKEN = new Object();

  /** What is known of one conversation: its last number assigned (0: unknown) and its queue. */
  private static final class Conversation {
    long lastSeq;
    int queued;
  }

  private final Map<String, Conversation> conversations =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
          return size() > MAX_CONVERSATIONS && eldest.getValue().queued == 0;
        }
      };

  private final long maxWaitingBytes;
  private final AtomicLong waitingBytes = new AtomicLong();
  private final AtomicLong usedEarly = new AtomicLong();
  private final AtomicLong sealedByWriter = new AtomicLong();

  /** Guesses whose early seals may hold up to {@code maxWaitingBytes} while they wait. */
  SeqGuesses(long maxWaitingBytes) {
    if (maxWaitingBytes < 0) {
      throw new IllegalArgumentException("maxWaitingBytes must be 0 or more");
    }
    this.maxWaitingBytes = maxWaitingBytes;
  }

  /**
   * Guesses the number of the next message of {@code conversation} and hands the reservation to
   * {@code enqueue}, which must queue the message's write (on the one writer) before it returns,
   * and returns what it returns; no other guess is made meanwhile.
   */
  synchronized <T> T queue(String conversation, Function<Reservation, T> enqueue) {
    Conversation known = conversations.computeIfAbsent(conversation, c -> new Conversation());
    long guess = known.lastSeq == 0 ? NONE : known.lastSeq + known.queued + 1;
    known.queued++;
    return enqueue.apply(new Reservation(conversation, guess));
  }

  /**
   * Records that the writer has dealt with {@code reservation}'s message: it was given {@code seq},
   * or {@link #NONE} if it was refused or never written. Only the first call per reservation
   * counts.
   */
  synchronized void settle(Reservation reservation, long seq) {
    if (reservation.settled) {
      return;
    }
    reservation.settle();
    Conversation known = conversations.get(reservation.conversation);
    if (known == null) {
      return; // not possible while it has a message queued; kept as a guard
    }
    known.queued--;
    if (seq != NONE) {
      known.lastSeq = seq;
    }
  }

  /** Early seals the writer used. */
  long usedEarly() {
    return usedEarly.get();
  }

  /** Messages the writer sealed itself: no guess, a wrong one, or no early seal in time. */
  long sealedByWriter() {
    return sealedByWriter.get();
  }

  /** Bytes of early seals waiting for the writer now. */
  long waitingBytes() {
    return waitingBytes.get();
  }

  /** One queued message's guess, and its early seal once made. */
  final class Reservation {
    private final String conversation;
    private final long guess;
    private final AtomicReference<Object> sealed = new AtomicReference<>(PENDING);
    private boolean settled; // guarded by the enclosing SeqGuesses

    private Reservation(String conversation, long guess) {
      this.conversation = conversation;
      this.guess = guess;
    }

    /** The number guessed, or {@link #NONE}. */
    long guess() {
      return guess;
    }

    /**
     * Whether an early seal is still wanted: there is a guess, the writer has not yet come to this
     * message, and the seals waiting leave room for {@code bytes} more.
     */
    boolean wantsSeal(int bytes) {
      return guess != NONE
          && sealed.get() == PENDING
          && waitingBytes.get() + bytes <= maxWaitingBytes;
    }

    /** Offers the early seal, made for {@link #guess()}; dropped if the writer came first. */
    void offer(byte[] sealedForGuess) {
      waitingBytes.addAndGet(sealedForGuess.length);
      if (!sealed.compareAndSet(PENDING, sealedForGuess)) {
        waitingBytes.addAndGet(-sealedForGuess.length);
      }
    }

    /**
     * On the writer: the early seal if it was made for {@code seq}, else null (the writer seals).
     * Afterwards no seal is taken in.
     */
    byte[] take(long seq) {
      Object early = sealed.getAndSet(TAKEN);
      if (early instanceof byte[] bytes) {
        waitingBytes.addAndGet(-bytes.length);
        if (seq == guess) {
          usedEarly.incrementAndGet();
          return bytes;
        }
      }
      sealedByWriter.incrementAndGet();
      return null;
    }

    private void settle() {
      settled = true;
      Object early = sealed.getAndSet(TAKEN);
      if (early instanceof byte[] bytes) {
        waitingBytes.addAndGet(-bytes.length); // never taken: the write did not run
      }
    }
  }
}
