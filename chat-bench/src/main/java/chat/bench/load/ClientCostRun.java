package chat.bench.load;

import chat.cli.client.ChatClient;
import chat.cli.client.ClientOptions;
import chat.cli.client.internal.RelayChatClient;
import chat.crypto.Contexts;
import chat.crypto.CryptoException;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeSealer;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KdfParameters;
import chat.crypto.KeyFile;
import chat.crypto.Recipient;
import chat.crypto.RsaOaepKeyWrap;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one user waits for in the client: {@code history} of 50 messages (fetched over TLS from the
 * relay, every envelope parsed, verified, unwrapped and decrypted by the real client library)
 * beside the cost of the 50 RSA-OAEP unwraps alone with the same key, measured alternately in the
 * same run; and a one-shot {@code bin/chat send} (a new JVM each time) beside {@code bin/chat
 * --version} (the same JVM start without the work).
 */
public final class ClientCostRun {
  private static final String ROOM = "#ops";

  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static final char[] PASSWORD = "client cost password".toCharArray();
  private static final char[] PASSPHRASE = "client cost passphrase".toCharArray();

  private final RelayTarget relay;
  private final Path home;
  private final Path launcher;
  private final PrintStream progress;
  private final SecureRandom random = new SecureRandom();

  /** A run against {@code relay}, with client profiles under the work directory. */
  public ClientCostRun(RelayTarget relay, Path workDir, Path launcher, PrintStream progress) {
    this.relay = relay;
    this.home = workDir.resolve("clients");
    this.launcher = launcher;
    this.progress = progress;
  }

  private ChatClient client() {
    return new RelayChatClient(
        new ClientOptions("127.0.0.1", relay.port(), home, true, Duration.ofSeconds(60), false),
        random,
        Clock.systemUTC(),
        KdfParameters.DEFAULT);
  }

  /** Two users, a room, {@code messages} messages from each in turn. */
  void prepare(int messages) throws IOException {
    Workspace.deleteTree(home);
    Files.createDirectories(home);
    try (ChatClient alice = client();
        ChatClient bob = client()) {
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      alice.join(ROOM);
      bob.join(ROOM);
      for (int i = 0; i < messages; i++) {
        (i % 2 == 0 ? alice : bob).send(ROOM, "message " + i + " " + "x".repeat(150));
      }
    }
  }

  /**
   * Times {@code history(ROOM, count)} in a resumed client {@code rounds} times, each beside {@code
   * count} unwraps with alice's key, by the wall clock and by the CPU time of this process's Java
   * threads (the history opens envelopes on several processors at once); returns {historyNanos[],
   * unwrapNanos[], historyCpuNanos[], unwrapCpuNanos[]}.
   */
  long[][] history(int count, int rounds) throws CryptoException, IOException {
    IdentityKeyPair alice =
        KeyFile.open(Files.readAllBytes(home.resolve("alice").resolve("identity.key")), PASSPHRASE);
    RsaOaepKeyWrap keyWrap =
        new RsaOaepKeyWrap(random, Contexts.CONTENT_KEY_LABEL.getBytes(StandardCharsets.US_ASCII));
    List<byte[]> wrapped = wrappedFor(alice, count);
    long[] history = new long[rounds];
    long[] unwraps = new long[rounds];
    long[] historyCpu = new long[rounds];
    long[] unwrapsCpu = new long[rounds];
    try (ChatClient client = client()) {
      client.resume("alice", PASSPHRASE.clone());
      for (int i = 0; i < 5; i++) {
        client.history(ROOM, count);
        unwrapAll(keyWrap, alice, wrapped);
      }
      for (int round = 0; round < rounds; round++) {
        Map<Long, Long> cpu = threadCpu();
        long start = System.nanoTime();
        int got = client.history(ROOM, count).size();
        history[round] = System.nanoTime() - start;
        historyCpu[round] = cpuSince(cpu);
        if (got != count) {
          throw new IllegalStateException("history gave " + got + " messages, not " + count);
        }
        cpu = threadCpu();
        start = System.nanoTime();
        unwrapAll(keyWrap, alice, wrapped);
        unwraps[round] = System.nanoTime() - start;
        unwrapsCpu[round] = cpuSince(cpu);
      }
    }
    return new long[][] {history, unwraps, historyCpu, unwrapsCpu};
  }

  /** Whether this JVM gives each thread's CPU time (HotSpot on Linux does, by default). */
  static boolean measuresThreadCpu() {
    return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
  }

  /**
   * The CPU time of each of this process's live Java threads, by thread id, to the nanosecond (the
   * process's own total is counted in ticks of 10 ms here, coarse for a round of about 100 ms). The
   * JVM's compiler and collector threads are not Java threads and are left out.
   */
  private static Map<Long, Long> threadCpu() {
    long[] ids = THREADS.getAllThreadIds();
    long[] nanos = THREADS.getThreadCpuTime(ids);
    Map<Long, Long> out = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (nanos[i] >= 0) {
        out.put(ids[i], nanos[i]);
      }
    }
    return out;
  }

  /**
   * The CPU time the threads alive now spent since {@code before} (a thread started since counts
   * from 0; one that ended meanwhile is not counted: the pools' threads outlive a round).
   */
  private static long cpuSince(Map<Long, Long> before) {
    long total = 0;
    for (Map.Entry<Long, Long> now : threadCpu().entrySet()) {
      total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
    }
    return total;
  }

  /** Content keys wrapped to alice's key, as in {@code count} envelopes to the room. */
  private List<byte[]> wrappedFor(IdentityKeyPair alice, int count) {
    EnvelopeSealer sealer = new EnvelopeSealer(random, Clock.systemUTC());
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Envelope envelope = sealer.seal(alice, ROOM, List.of(), new byte[200]);
      out.add(
          envelope
              .forRecipient(Recipient.of(alice.bundle()))
              .orElseThrow()
              .entry()
              .wrappedKey()
              .toByteArray());
    }
    return out;
  }

  private static void unwrapAll(RsaOaepKeyWrap keyWrap, IdentityKeyPair me, List<byte[]> wrapped)
      throws CryptoException {
    for (byte[] key : wrapped) {
      keyWrap.unwrap(me.rsaPrivateKey(), key);
    }
  }

  /** Wall time of {@code runs} runs of {@code bin/chat} with {@code arguments}, after two more. */
  long[] oneShot(int runs, String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(arguments));
    long[] out = new long[runs];
    for (int i = -2; i < runs; i++) {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("CHAT_HOME", home.toString());
      builder.environment().put("CHAT_SERVER", "127.0.0.1:" + relay.port());
      builder.environment().put("CHAT_PASSPHRASE", new String(PASSPHRASE));
      long start = System.nanoTime();
      int exit = builder.start().waitFor();
      long took = System.nanoTime() - start;
      if (exit != 0) {
        throw new IllegalStateException(command + " exited " + exit);
      }
      if (i >= 0) {
        out[i] = took;
      }
    }
    progress.printf("  %s: %d runs%n", String.join(" ", arguments), runs);
    return out;
  }
}
