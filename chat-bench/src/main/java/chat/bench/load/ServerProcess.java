package chat.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test running as its own process, so that its CPU time and resident memory can be
 * read from {@code /proc} apart from the generator's. Output goes to a log file.
 */
public final class ServerProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code command} and waits until it accepts TCP connections on {@code port}.
   *
   * @throws IOException if it cannot start, exits, or does not listen within {@code timeout}
   */
  public static ServerProcess start(
      String name,
      List<String> command,
      Map<String, String> environment,
      int port,
      Path log,
      Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    ServerProcess server = new ServerProcess(name, process, port, log);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!server.accepts()) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      if (System.nanoTime() > deadline) {
        server.close();
        throw new IOException(name + " did not listen on port " + port + "; see " + log);
      }
      Thread.sleep(50);
    }
    return server;
  }

  /** A TCP port on the loopback interface that was free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private boolean accepts() {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** What runs, for reports. */
  public String name() {
    return name;
  }

  /** The loopback port it listens on. */
  public int port() {
    return port;
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Its CPU time and memory now. */
  public ProcessStats stats() {
    return ProcessStats.of(process.pid());
  }

  /** Where its output goes. */
  public Path log() {
    return log;
  }

  /** Sends SIGTERM and waits for a clean exit; kills it after {@code grace}. */
  public void stop(Duration grace) throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    try {
      stop(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
