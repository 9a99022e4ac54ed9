package chat.server.internal.storage;

import chat.crypto.AtRestSealer;
import chat.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the JIT for the at-rest layer. The JDK's AES-GCM reaches its GHASH and AES-CTR intrinsics
 * only from C2-compiled callers, and C2 compiles a method after thousands of calls; a relay seals
 * one large value per message, so without this it would run GCM in plain Java (tens of MB/s) for
 * its first thousands of messages. Sealing and opening many small values once, with a throwaway key
 * that never touches stored data, gets those callers compiled in well under a second of CPU.
 */
public final class AtRestWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(AtRestWarmup.class);
  private static final int ROUNDS = 20_000;

  private AtRestWarmup() {}

  /** Runs the warm-up on a low-priority daemon thread, stopping early once {@code stop} is true. */
  public static void start(BooleanSupplier stop) {
    Thread thread = new Thread(() -> run(stop), "relay-jit-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static void run(BooleanSupplier stop) {
    AtRestSealer throwaway = AtRestSealer.generate();
    byte[] rowId = "warmup".getBytes(StandardCharsets.US_ASCII);
    byte[] tiny = new byte[64];
    byte[] medium = new byte[8 << 10];
    byte[] large = new byte[256 << 10];
    long start = System.nanoTime();
    try {
      for (int i = 0; i < ROUNDS && !stop.getAsBoolean(); i++) {
        byte[] value = i % 512 == 0 ? large : i % 2 == 0 ? medium : tiny;
        value[i % tiny.length]++;
        throwaway.open(throwaway.seal(value, rowId), rowId);
      }
    } catch (CryptoException e) {
      LOG.warn("at-rest warm-up failed; the relay runs, only slower at first");
      return;
    }
    LOG.debug("at-rest warm-up took {} ms", (System.nanoTime() - start) / 1_000_000);
  }
}
