package chat.bench.load;

import java.util.concurrent.CompletableFuture;

/** One connection of the generator to a server under test, after its setup (login, join). */
public interface BenchClient {
  /** Writes pre-encoded bytes (one message) and flushes; never blocks. */
  void write(byte[] encoded);

  /** Sends the protocol's ping; completes with the round trip in nanoseconds. */
  CompletableFuture<Long> ping();

  /** True while the connection is open. */
  boolean isActive();

  /** Closes the connection. */
  void close();
}
