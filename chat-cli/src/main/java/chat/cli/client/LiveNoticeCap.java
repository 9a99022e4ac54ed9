package chat.cli.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How many notices of one {@link Kind} a front end that prints one line per notice says in a row of
 * what a relay pushes: messages left out for good ({@link ClientListener#onLeftOutPushed}) or held
 * ({@link ClientListener#onHeldPushed}), replayed copies dropped and messages not delivered ({@link
 * ClientListener#onDeliveryNotice}). In each conversation and for each kind, the first {@link
 * #MAX_NOTICES} since the person last saw a message there or typed a command are said; the others
 * are counted, and said together on one line per conversation and kind ({@link Unsaid}) before the
 * next message shown there, when the person next types a command, when the stream ends, or once
 * none came for {@link #QUIET} (so that an idle prompt shows the count without a key pressed). A
 * relay pushes what it likes, forged sender names or damaged envelopes one by one; this keeps it
 * from filling the terminal or a script's log with lines it chooses, while no message shown is ever
 * held back and every message concerned is counted. Safe for use from any thread; the counted lines
 * are said under its lock, so that one due before a message is said before it.
 */
public final class LiveNoticeCap {
  /** How many notices of one kind a conversation says in a row before counting the others. */
  public static final int MAX_NOTICES = 5;

  /** How long no notice is counted before the counted ones are said without a message or a key. */
  public static final Duration QUIET = Duration.ofSeconds(1);

  /** What a capped notice says of its messages. */
  public enum Kind {
    /** Left out for good ({@link LeftOutMessages}). */
    LEFT_OUT,
    /** Held until a new key is accepted ({@link HeldMessages}). */
    HELD,
    /** Copies of messages already shown, dropped ({@link DeliveryNotice#replayed}). */
    REPLAYED,
    /** Sequence numbers the relay skipped ({@link DeliveryNotice#undelivered}). */
    UNDELIVERED
  }

  /** Runs a task once a delay has passed, on another thread; tests pass one they run by hand. */
  @FunctionalInterface
  public interface Timer {
    /** The JDK's shared delay thread (a daemon, so a pending task never keeps the JVM up). */
    Timer BACKGROUND =
        (delay, task) ->
            CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                .execute(task);

    /** Runs {@code task} once {@code delay} has passed. */
    void after(Duration delay, Runnable task);
  }

  /**
   * Messages of one conversation and kind whose notices were counted instead of said one by one.
   *
   * @param conversation {@code #room} or {@code @a+b}
   * @param kind what the notices said of them
   * @param count how many messages, at least 1
   */
  public record Unsaid(String conversation, Kind kind, long count) {
    /** Checks the fields. */
    public Unsaid {
      Objects.requireNonNull(conversation, "conversation");
      Objects.requireNonNull(kind, "kind");
      if (count < 1) {
        throw new IllegalArgumentException("at least one message");
      }
    }

    /**
     * What the person is told, naming no command: for messages left out, in the words of the other
     * notices that count them together ({@link LeftOutFromOthers#moreLeftOut}), "12 more messages
     * were left out; they are not shown"; "3 more messages are held (signed with a new key you have
     * not accepted)"; "dropped 4 more replayed copies of earlier messages"; "the relay did not
     * deliver 9 more messages".
     */
    public String notice() {
      boolean one = count == 1;
      return switch (kind) {
        case LEFT_OUT -> LeftOutFromOthers.moreLeftOut(count, "");
        case HELD ->
            count
                + (one ? " more message is held" : " more messages are held")
                + " (signed with a new key you have not accepted)";
        case REPLAYED ->
            "dropped "
                + count
                + (one
                    ? " more replayed copy of an earlier message"
                    : " more replayed copies of earlier messages");
        case UNDELIVERED ->
            "the relay did not deliver " + count + (one ? " more message" : " more messages");
      };
    }
  }

  private record Key(String conversation, Kind kind) {}

  private final Consumer<Unsaid> out;
  private final Timer timer;

  /** Per conversation and kind, how many notices were said since a message was seen there. */
  private final Map<Key, Integer> said = new HashMap<>();

  /** Per conversation and kind, in the order first counted, how many messages went unsaid. */
  private final Map<Key, Long> unsaid = new LinkedHashMap<>();

  /** Whether {@link #timer} will call {@link #quiet}. */
  private boolean quietPending;

  /** Whether a notice was counted since {@link #timer} was last set. */
  private boolean countedSinceSet;

  /**
   * A cap that says each {@link Unsaid} line through {@code out} (under its lock, on the thread
   * that calls it or, once none came for {@link #QUIET}, on {@code timer}'s).
   */
  public LiveNoticeCap(Consumer<Unsaid> out, Timer timer) {
    this.out = Objects.requireNonNull(out, "out");
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  /**
   * Whether to say a notice of {@code count} messages of {@code kind} in {@code conversation}: true
   * for the first {@link #MAX_NOTICES} of its conversation and kind since the person last saw a
   * message there or typed a command; otherwise its messages are counted for an {@link Unsaid}
   * line, said once none came for {@link #QUIET} if nothing says it before.
   */
  public synchronized boolean say(String conversation, Kind kind, long count) {
    Key key = new Key(Objects.requireNonNull(conversation, "conversation"), kind);
    int before = said.getOrDefault(key, 0);
    if (before < MAX_NOTICES) {
      said.put(key, before + 1);
      return true;
    }
    unsaid.merge(key, count, Long::sum);
    countedSinceSet = true;
    if (!quietPending) {
      quietPending = true;
      countedSinceSet = false;
      timer.after(QUIET, this::quiet);
    }
    return false;
  }

  /**
   * A message of {@code conversation} is about to be shown: says what was counted there, if
   * anything, and the counts of notices said there start again.
   */
  public synchronized void beforeMessage(String conversation) {
    for (Kind kind : Kind.values()) {
      Key key = new Key(conversation, kind);
      said.remove(key);
      Long count = unsaid.remove(key);
      if (count != null) {
        out.accept(new Unsaid(conversation, kind, count));
      }
    }
  }

  /**
   * The person typed a command, or the stream ends: says what was counted in every conversation, in
   * the order first counted, and the counts of notices said start again.
   */
  public synchronized void sayAll() {
    sayCounted();
    said.clear();
  }

  /**
   * The timer ran: says what was counted if none came since it was set, else waits again. The
   * counts of notices said do not start again, so a relay that pauses gets a line a pause.
   */
  private synchronized void quiet() {
    if (countedSinceSet) {
      countedSinceSet = false;
      timer.after(QUIET, this::quiet);
      return;
    }
    quietPending = false;
    sayCounted();
  }

  private void sayCounted() {
    List<Unsaid> all = new ArrayList<>(unsaid.size());
    unsaid.forEach((key, count) -> all.add(new Unsaid(key.conversation(), key.kind(), count)));
    unsaid.clear();
    all.forEach(out);
  }
}
