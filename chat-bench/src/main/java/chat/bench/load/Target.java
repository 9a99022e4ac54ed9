package chat.bench.load;

import java.util.concurrent.CompletableFuture;

/**
 * A system under test: the relay, or one of the baselines (ngircd, Redis pub/sub), run as its own
 * process and driven over its own protocol with the same workload.
 */
public sealed interface Target extends AutoCloseable permits RelayTarget, IrcTarget, RedisTarget {
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

  /** Deliveries one message makes in a room of {@code members} connections. */
  int deliveriesPerMessage(int members);

  /** Stops the server and forgets its state. */
  @Override
  void close();
}
