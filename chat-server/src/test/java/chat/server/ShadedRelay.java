package chat.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shaded jar ({@code chat.server.jar}, set by failsafe) as a child process, as an operator runs
 * it: quick to start (C1 only, serial GC), listening on any port, bcrypt at its cheapest.
 */
final class ShadedRelay {
  private static final Pattern LISTENING = Pattern.compile("Relay listening on [^:]+:(\\d+)");

  /** The process. */
  final Process process;

  /** The port it listens on. */
  final int port;

  private ShadedRelay(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the relay over {@code dataDir} with {@code jvmOptions} and {@code relayOptions}, handing
   * each line it prints to {@code lines} (on a thread of its own), and waits until it listens.
   */
  static ShadedRelay start(
      Path dataDir, List<String> jvmOptions, List<String> relayOptions, Consumer<String> lines)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", System.getProperty("chat.server.jar")));
    command.addAll(List.of("--port", "0", "--data-dir", dataDir.toString(), "--bcrypt-cost", "4"));
    command.addAll(relayOptions);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Integer> bound = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader output =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                  lines.accept(line);
                  Matcher matcher = LISTENING.matcher(line);
                  if (matcher.find()) {
                    bound.complete(Integer.parseInt(matcher.group(1)));
                  }
                }
              } catch (IOException e) {
                bound.completeExceptionally(e);
              }
              bound.completeExceptionally(new IllegalStateException("relay exited"));
            },
            "relay-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ShadedRelay(process, bound.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }
}
