package chat.cli.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How many notices of one {@link Kind} a front end that prints one line per notice says in a row of
 * what a relay (or a sender) can push as often as it likes. Per conversation: messages left out for
 * good ({@link ClientListener#onLeftOutPushed}) or held ({@link ClientListener#onHeldPushed}),
 * replayed copies dropped and messages not delivered ({@link ClientListener#onDeliveryNotice}).
 * Once for all conversations (a {@linkplain Kind#global global} kind): invalid keys the relay
 * announced, second offers of a file, messages pushed in conversations this user is not in and
 * conversations past the most this client lists ({@link ClientListener#onPushedNotice}), messages
 * encrypted to a different set of members ({@link ClientListener#onMembersDiffer}), and contacts'
 * new keys past those the client remembers having said ({@link
 * ClientListener#onKeyChangedPastMemory}).
 *
 * <p>For each conversation and kind (or each global kind), the first {@link #MAX_NOTICES} since the
 * person last saw a message there (any message, for a global kind) or typed a command are said; the
 * others are counted, and said together on one line per conversation and kind ({@link Unsaid})
 * before the next message shown there, when the person next types a command, when the stream ends,
 * or once none came for {@link #QUIET} (so that an idle prompt shows the count without a key
 * pressed). A relay can invent conversations as easily as notices, so at most {@link
 * #MAX_CONVERSATIONS} conversations say notices by name at a time: those of any other conversation
 * are counted together, whatever their kind, on one line ({@link UnsaidElsewhere}) said at the same
 * moments. A conversation stops being one of them when a message is shown there or the person types
 * a command.
 *
 * <p>This keeps a relay from filling the terminal or a script's log with lines it chooses, while no
 * message shown is ever held back and every message concerned is counted. Safe for use from any
 * thread; the counted lines are said under its lock, so that one due before a message is said
 * before it.
 */
public final class LiveNoticeCap {
  /** How many notices of one kind a conversation says in a row before counting the others. */
  public static final int MAX_NOTICES = 5;

  /**
   * How many conversations say notices by name at a time: more than a person follows trouble in at
   * once, and few enough that a flood over invented conversations stays within a screen or two
   * (eight conversations of five notices of a kind is 40 lines) before it is counted on one line.
   */
  public static final int MAX_CONVERSATIONS = 8;

  /** How long no notice is counted before the counted ones are said without a message or a key. */
  public static final Duration QUIET = Duration.ofSeconds(1);

  /** What a capped notice says of its messages. */
  public enum Kind {
    /** Left out for good ({@link LeftOutMessages}). */
    LEFT_OUT(false),
    /** Held until a new key is accepted ({@link HeldMessages}). */
    HELD(false),
    /** Copies of messages already shown, dropped ({@link DeliveryNotice#replayed}). */
    REPLAYED(false),
    /** Sequence numbers the relay skipped ({@link DeliveryNotice#undelivered}). */
    UNDELIVERED(false),
    /**
     * A key the relay announced that is not valid, or not the named user's ({@link PushedNotice}).
     */
    INVALID_KEY(true),
    /** A second offer of a file id another message offered ({@link PushedNotice}). */
    SECOND_OFFER(true),
    /** A message encrypted to a different set of members ({@link Advice.MembersDiffer}). */
    MEMBERS_DIFFER(true),
    /**
     * A key the relay announced for this user's own account that is not the one in use ({@link
     * PushedNotice#ownKey}): every one is counted, and the count said, however many come.
     */
    OWN_KEY(true),
    /**
     * A new key the relay announced for a contact, past those the client remembers having said
     * ({@link ClientListener#onKeyChangedPastMemory}): sending to the contact stays blocked.
     */
    KEY_CHANGED(true),
    /**
     * A message the relay pushed in a conversation this user is not in ({@link
     * PushedNotice#notIn}), which a relay can invent without end.
     */
    NOT_IN(true),
    /**
     * A conversation the relay put this user in past the most this client lists ({@link
     * PushedNotice#pastLimit}).
     */
    PAST_LIMIT(true);

    private final boolean global;

    Kind(boolean global) {
      this.global = global;
    }

    /**
     * Whether its notices are capped once for all conversations, not per conversation: its {@link
     * Unsaid} lines name no conversation.
     */
    public boolean global() {
      return global;
    }
  }

  /** A line that says what was counted instead of said one by one. */
  public sealed interface Counted {
    /** The conversation it is said in; empty for a global line. */
    String conversation();

    /** What the person is told, naming no command. */
    String notice();
  }

  /** Runs a task once a delay has passed, on another thread; tests pass one they run by hand. */
  @FunctionalInterface
  public interface Timer {
    /**
     * One daemon thread of the cap's own (a pending task never keeps the JVM up). Not the JDK's
     * default pool for {@code CompletableFuture}: from JDK 25 that is the common fork-join pool,
     * one thread on a two-processor machine, and any task blocking there held the count line back
     * for good.
     */
    Timer BACKGROUND =
        (delay, task) ->
            TimerThread.INSTANCE.schedule(
                () -> TimerThread.run(task), delay.toMillis(), TimeUnit.MILLISECONDS);

    /** Runs {@code task} once {@code delay} has passed. */
    void after(Duration delay, Runnable task);
  }

  /** The thread {@link Timer#BACKGROUND} runs on, started at its first use. */
  private static final class TimerThread {
    static final ScheduledExecutorService INSTANCE =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "chat-notice-cap");
              thread.setDaemon(true);
              return thread;
            });

    private TimerThread() {}

    /**
     * Runs {@code task}, handing what it throws to the thread's uncaught-exception handler (the
     * client logs it there), where a scheduled task's failure would stay in a future nobody reads.
     */
    static void run(Runnable task) {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        Thread thread = Thread.currentThread();
        thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
      }
    }
  }

  /**
   * Messages of one conversation and kind (or of one global kind) whose notices were counted
   * instead of said one by one.
   *
   * @param conversation {@code #room} or {@code @a+b}; empty for a {@linkplain Kind#global global}
   *     kind
   * @param kind what the notices said of them
   * @param count how many messages (keys, for {@link Kind#INVALID_KEY}, {@link Kind#OWN_KEY} and
   *     {@link Kind#KEY_CHANGED}; conversations, for {@link Kind#PAST_LIMIT}), at least 1
   */
  public record Unsaid(String conversation, Kind kind, long count) implements Counted {
    /** Checks the fields. */
    public Unsaid {
      Objects.requireNonNull(conversation, "conversation");
      Objects.requireNonNull(kind, "kind");
      if (kind.global() != conversation.isEmpty()) {
        throw new IllegalArgumentException("a conversation for each kind but the global ones");
      }
      if (count < 1) {
        throw new IllegalArgumentException("at least one message");
      }
    }

    /**
     * What the person is told, naming no command: for messages left out, in the words of the other
     * notices that count them together ({@link LeftOutFromOthers#moreLeftOut}), "12 more messages
     * were left out; they are not shown"; "3 more messages are held (signed with a new key you have
     * not accepted)"; "dropped 4 more replayed copies of earlier messages"; "the relay did not
     * deliver 9 more messages"; "the relay announced 7 more invalid keys; ignored"; "ignored 2 more
     * second offers of files"; "6 more messages were encrypted to a different set of members than
     * you see"; "the relay announced 3 more NEW KEYS FOR YOUR ACCOUNT"; "the relay announced 9 more
     * new keys for contacts; sending to them is blocked until you accept each"; "the relay pushed
     * 35 more messages in conversations you are not in; ignored"; "the relay put you in 4 more
     * conversations past the 32760 this client lists; ignored".
     */
    @Override
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
        case INVALID_KEY ->
            "the relay announced "
                + count
                + (one ? " more invalid key" : " more invalid keys")
                + "; ignored";
        case SECOND_OFFER ->
            "ignored "
                + count
                + (one ? " more second offer of a file" : " more second offers of files");
        case MEMBERS_DIFFER ->
            count
                + (one ? " more message was" : " more messages were")
                + " encrypted to a different set of members than you see";
        case OWN_KEY ->
            "the relay announced "
                + count
                + " more NEW "
                + (one ? "KEY" : "KEYS")
                + " FOR YOUR ACCOUNT";
        case KEY_CHANGED ->
            "the relay announced "
                + count
                + (one
                    ? " more new key for a contact; sending to them is blocked until you accept it"
                    : " more new keys for contacts; sending to them is blocked until you accept"
                        + " each");
        case NOT_IN ->
            "the relay pushed "
                + count
                + (one ? " more message" : " more messages")
                + " in conversations you are not in; ignored";
        case PAST_LIMIT ->
            "the relay put you in "
                + count
                + (one ? " more conversation" : " more conversations")
                + " past the "
                + PushedNotice.MAX_LISTED
                + " this client lists; ignored";
      };
    }
  }

  /**
   * Messages of conversations past the {@link #MAX_CONVERSATIONS} that say notices by name, whose
   * notices were counted together on one line.
   *
   * @param counts how many messages of each kind, none global, each at least 1; at least one kind
   */
  public record UnsaidElsewhere(Map<Kind, Long> counts) implements Counted {
    /** Checks and copies the counts. */
    public UnsaidElsewhere {
      if (counts.isEmpty()) {
        throw new IllegalArgumentException("at least one kind");
      }
      counts = Collections.unmodifiableMap(new EnumMap<>(counts));
      counts.forEach(
          (kind, count) -> {
            if (kind.global() || count < 1) {
              throw new IllegalArgumentException(
                  "a count of at least one of a kind per conversation");
            }
          });
    }

    /** Said where notices without a conversation are. */
    @Override
    public String conversation() {
      return "";
    }

    /**
     * What the person is told, in the order of {@link Kind}: "in other conversations: 35 more
     * messages left out, 2 more messages held, 1 more replayed copy dropped, 9 more messages not
     * delivered".
     */
    @Override
    public String notice() {
      List<String> parts = new ArrayList<>(counts.size());
      counts.forEach(
          (kind, count) -> {
            boolean one = count == 1;
            String messages = one ? " more message" : " more messages";
            parts.add(
                count
                    + switch (kind) {
                      case LEFT_OUT -> messages + " left out";
                      case HELD -> messages + " held";
                      case REPLAYED ->
                          one ? " more replayed copy dropped" : " more replayed copies dropped";
                      default -> messages + " not delivered";
                    });
          });
      return "in other conversations: " + String.join(", ", parts);
    }
  }

  private record Key(String conversation, Kind kind) {
    /** The bucket of {@code kind}'s notices in {@code conversation}: one for all, if global. */
    static Key of(String conversation, Kind kind) {
      return new Key(kind.global() ? "" : conversation, kind);
    }
  }

  private final Consumer<Counted> out;
  private final Timer timer;

  /** Per conversation and kind, how many notices were said since a message was seen there. */
  private final Map<Key, Integer> said = new HashMap<>();

  /** Per conversation and kind, in the order first counted, how many messages went unsaid. */
  private final Map<Key, Long> unsaid = new LinkedHashMap<>();

  /**
   * The conversations that said notices since a message was seen there or a command typed, at most
   * {@link #MAX_CONVERSATIONS}.
   */
  private final Set<String> speaking = new HashSet<>();

  /** Per kind, how many messages of conversations past {@link #speaking} went unsaid. */
  private final Map<Kind, Long> elsewhere = new EnumMap<>(Kind.class);

  /** Whether {@link #timer} will call {@link #quiet}. */
  private boolean quietPending;

  /** Whether a notice was counted since {@link #timer} was last set. */
  private boolean countedSinceSet;

  /**
   * A cap that says each {@link Counted} line through {@code out} (under its lock, on the thread
   * that calls it or, once none came for {@link #QUIET}, on {@code timer}'s).
   */
  public LiveNoticeCap(Consumer<Counted> out, Timer timer) {
    this.out = Objects.requireNonNull(out, "out");
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  /**
   * Whether to say a notice of {@code count} messages of {@code kind} in {@code conversation}: true
   * for the first {@link #MAX_NOTICES} of its conversation and kind (of its kind, if global) since
   * the person last saw a message there (anywhere, if global) or typed a command, as long as its
   * conversation is one of the {@link #MAX_CONVERSATIONS} that say notices; otherwise its messages
   * are counted for an {@link Unsaid} or {@link UnsaidElsewhere} line, said once none came for
   * {@link #QUIET} if nothing says it before.
   */
  public synchronized boolean say(String conversation, Kind kind, long count) {
    Key key = Key.of(Objects.requireNonNull(conversation, "conversation"), kind);
    int before = said.getOrDefault(key, 0);
    if (!kind.global()
        && !speaking.contains(conversation)
        && speaking.size() >= MAX_CONVERSATIONS) {
      elsewhere.merge(kind, count, Long::sum);
      counted();
      return false;
    }
    if (before < MAX_NOTICES) {
      said.put(key, before + 1);
      if (!kind.global()) {
        speaking.add(conversation);
      }
      return true;
    }
    unsaid.merge(key, count, Long::sum);
    counted();
    return false;
  }

  /** Sets the timer for {@link #quiet}, unless it is set; notes that a notice was counted. */
  private void counted() {
    countedSinceSet = true;
    if (!quietPending) {
      quietPending = true;
      countedSinceSet = false;
      timer.after(QUIET, this::quiet);
    }
  }

  /**
   * A message of {@code conversation} is about to be shown: says what was counted there, of the
   * global kinds, and in other conversations, if anything, and the counts of notices said there and
   * of the global kinds start again.
   */
  public synchronized void beforeMessage(String conversation) {
    for (Kind kind : Kind.values()) {
      Key key = Key.of(conversation, kind);
      said.remove(key);
      Long count = unsaid.remove(key);
      if (count != null) {
        out.accept(new Unsaid(key.conversation(), kind, count));
      }
    }
    speaking.remove(conversation);
    sayElsewhere();
  }

  /**
   * The person typed a command, or the stream ends: says what was counted in every conversation, in
   * the order first counted, and the counts of notices said start again.
   */
  public synchronized void sayAll() {
    sayCounted();
    said.clear();
    speaking.clear();
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
    sayElsewhere();
  }

  private void sayElsewhere() {
    if (!elsewhere.isEmpty()) {
      UnsaidElsewhere line = new UnsaidElsewhere(elsewhere);
      elsewhere.clear();
      out.accept(line);
    }
  }
}
