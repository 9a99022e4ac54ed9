package chat.bench.load;

import java.util.concurrent.CompletableFuture;

/**
 * A system under test: the relay, or one of the baselines (ngircd, Redis pub/sub), run as its own
 * process and driven over its own protocol with the same workload.
 */
public sealed interface Target extends AutoCloseable permits RelayTarget, BaselineTarget {
  /** Short name for reports: {@code relay}, {@code ngircd}, {@code redis}. */
  String name();

  /** What the system promises in this setup (transport, durability), for reports. */
  String guarantees();

  /** Starts the server with empty state. */
  void start() throws Exception;

  /** Stops the server cleanly and starts it again on the same port with the same state. */
  void restart() throws Exception;

  /** The running server. */
  ServerProcess server();

  /**
   * Connects user {@code user} and gets it ready: logged in (or resumed), and in {@code room} if
   * not null; otherwise only in the system's default room (the relay's {@code #lobby}, IRC channel
   * {@code #lobby}, Redis channel {@code lobby}). Must be called from a thread that may block (not
   * an event loop). {@code receiver} is the connection's index in delivery counts.
   */
  CompletableFuture<BenchClient> connect(int user, String room, int receiver, Deliveries sink);

  /**
   * The connection user {@code user} posts from: {@code member} itself, or for Redis (where a
   * subscribed connection cannot publish) a second connection.
   */
  CompletableFuture<BenchClient> senderFor(int user, BenchClient member, Deliveries sink);

  /**
   * Encodes message {@code k} (of {@code senders.length}) from user {@code senders[k]} to {@code
   * room}, whose members are users 0 to {@code members - 1}, with {@code texts[k]} as its text. The
   * relay seals real envelopes here, before the timed phase.
   */
  byte[][] encodeMessages(String room, int members, int[] senders, String[] texts);

  /** Called as the measured phase starts (after setup and warm-up). */
  default void measuring() {}

  /**
   * Creates users {@code 0 .. count-1} on the server before anything is measured, where the system
   * has accounts (the relay registers them; IRC and Redis have none).
   */
  default void prepareUsers(int count) {}

  /**
   * Writes what the server can tell about its memory, labelled {@code label}, to a file in the work
   * directory (the relay: heap use, and native memory if it runs with {@code
   * -XX:NativeMemoryTracking=summary}, as a diff against the {@code before} label).
   */
  default void memoryDetail(String label) {}

  /**
   * How many password checks (logins) the server logged since it last started, or -1 where the
   * system has no passwords.
   */
  default long passwordChecksSinceStart() {
    return -1;
  }

  /**
   * The server's resident memory after it has collected its garbage, where that means something
   * (the relay's JVM: a full GC first); the plain resident memory otherwise.
   */
  default long rssAfterCollection() {
    return server().stats().rssBytes();
  }

  /**
   * Stores {@code count} messages with texts of about {@code payloadBytes} in {@code room} of
   * {@code members} members, sent through {@code sender} (from {@link #senderFor}), and returns
   * once every one is stored: the history scenario's set-up.
   *
   * @throws BadWorkload if the system keeps no history
   */
  default void storeHistory(
      BenchClient sender, String room, int members, int count, int payloadBytes) {
    throw new BadWorkload(name() + " keeps no history to fetch");
  }

  /**
   * Fetches the newest {@code limit} messages of {@code room} through {@code reader} (from {@link
   * #senderFor}); completes with how many came back, or fails if the server refused.
   */
  default CompletableFuture<Integer> fetchHistory(BenchClient reader, String room, int limit) {
    throw new BadWorkload(name() + " keeps no history to fetch");
  }

  /**
   * Whether the generator reads the server's sequence number from each delivery, so that a run can
   * count deliveries that came after a later message (the relay, with either wire version).
   */
  default boolean carriesSequenceNumbers() {
    return false;
  }

  /** Deliveries one message makes in a room of {@code members} connections. */
  int deliveriesPerMessage(int members);

  /** Stops the server and forgets its state. */
  @Override
  void close();
}
