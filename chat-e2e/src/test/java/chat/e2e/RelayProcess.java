package chat.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relay as a separate process ({@code chat.server.Main} on this test's class path), so that a
 * test can kill it with {@code kill -9}, dump its heap alone, and read its log. Its output is
 * copied to {@code NAME-relay.log} beside the data directory {@code NAME}, which must therefore be
 * inside a test's own temporary folder: one directly in the system's temporary folder would leave
 * its log behind there.
 */
final class RelayProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Relay listening on [^:]+:(\\d+)");

  private final Process process;
  private final int port;

  private RelayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts a relay on {@code port} (0 for any) over {@code dataDir}, logging at {@code logLevel},
   * and waits until it listens.
   */
  static RelayProcess start(Path dataDir, int port, String logLevel, String... extraArgs)
      throws Exception {
    Path parent = dataDir.toAbsolutePath().normalize().getParent();
    if (parent == null
        || parent.equals(
            Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize())) {
      throw new IllegalArgumentException(
          "a relay's data directory must be inside a test's own folder, where its log can go: "
              + dataDir);
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-Xmx256m",
                // a test relay lives seconds: quick start beats peak speed (about 4x faster here)
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                relayClassPath(),
                "chat.server.Main",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString(),
                "--bcrypt-cost",
                "4"));
    command.addAll(List.of(extraArgs));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("CHAT_SERVER_LOG_LEVEL", logLevel);
    Process process = builder.start();
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-relay.log");
    CompletableFuture<Integer> bound = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter out =
                      new PrintWriter(
                          Files.newBufferedWriter(
                              log,
                              StandardCharsets.UTF_8,
                              StandardOpenOption.CREATE,
                              StandardOpenOption.APPEND),
                          true)) {
                String line;
                while ((line = lines.readLine()) != null) {
                  out.println(line);
                  Matcher matcher = LISTENING.matcher(line);
                  if (matcher.find()) {
                    bound.complete(Integer.parseInt(matcher.group(1)));
                  }
                }
              } catch (IOException e) {
                bound.completeExceptionally(e);
              }
              bound.completeExceptionally(new IllegalStateException("relay exited; see " + log));
            },
            "relay-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new RelayProcess(process, bound.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /**
   * This test's class path without the client module, whose logging configuration would otherwise
   * shadow the relay's.
   */
  private static String relayClassPath() {
    String separator = System.getProperty("path.separator");
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(separator)) {
      String name = Path.of(entry).toString();
      if (!name.contains("chat-cli")) {
        entries.add(entry);
      }
    }
    return String.join(separator, entries);
  }

  /** The log file of relays started over {@code dataDir}. */
  static Path logOf(Path dataDir) {
    return dataDir.resolveSibling(dataDir.getFileName() + "-relay.log");
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** {@code kill -9}: no shutdown hook, no flush, no goodbye to clients. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("relay did not die");
    }
  }

  /** Writes a heap dump of live objects to {@code file} with {@code jcmd PID GC.heap_dump}. */
  void dumpHeap(Path file) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process dump =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.heap_dump", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!dump.waitFor(60, TimeUnit.SECONDS) || dump.exitValue() != 0 || !Files.exists(file)) {
      throw new IllegalStateException("jcmd failed: " + output);
    }
  }

  /** SIGTERM and wait: the relay's clean shutdown. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
