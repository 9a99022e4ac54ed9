package chat.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopOnSignalTest {
  /** A JVM whose shutdown hook the test runs, as a signal would. */
  private static final class FakeJvm implements StopOnSignal.Jvm {
    Thread hook;
    boolean shuttingDown;
    final List<Integer> halts = new ArrayList<>();

    @Override
    public void addShutdownHook(Thread added) {
      hook = added;
    }

    @Override
    public boolean removeShutdownHook(Thread removed) {
      if (shuttingDown) {
        return false;
      }
      hook = null;
      return true;
    }

    @Override
    public synchronized void halt(int status) {
      halts.add(status);
    }

    void signal() {
      shuttingDown = true;
      hook.start();
    }

    void awaitHook() throws InterruptedException {
      hook.join(TimeUnit.SECONDS.toMillis(60)); // a hang guard only
      assertThat(hook.isAlive()).isFalse();
    }
  }

  @Test
  void signal_duringTheStart_closesTheRelayOnceStarted_andExitsZero() throws Exception {
    FakeJvm jvm = new FakeJvm();
    StopOnSignal stop = new StopOnSignal(jvm);
    AtomicBoolean closed = new AtomicBoolean();

    jvm.signal();
    assertThat(closed).isFalse();
    stop.started(() -> closed.set(true));
    jvm.awaitHook();

    assertThat(closed).isTrue();
    assertThat(jvm.halts).containsExactly(0);
    stop.awaitStopped(); // returns: the relay was closed
  }

  @Test
  void signal_afterTheStart_closesTheRelay_andExitsZero() throws Exception {
    FakeJvm jvm = new FakeJvm();
    StopOnSignal stop = new StopOnSignal(jvm);
    AtomicBoolean closed = new AtomicBoolean();
    stop.started(() -> closed.set(true));

    jvm.signal();
    jvm.awaitHook();

    assertThat(closed).isTrue();
    assertThat(jvm.halts).containsExactly(0);
  }

  @Test
  void startFailure_removesTheHook_soThatItsExitCodeStands() {
    FakeJvm jvm = new FakeJvm();
    StopOnSignal stop = new StopOnSignal(jvm);

    stop.startFailed();

    assertThat(jvm.hook).isNull();
    assertThat(jvm.halts).isEmpty();
  }

  @Test
  void signal_duringAStartThatFails_haltsNothing() throws Exception {
    FakeJvm jvm = new FakeJvm();
    StopOnSignal stop = new StopOnSignal(jvm);

    jvm.signal();
    stop.startFailed();
    jvm.awaitHook();

    assertThat(jvm.halts).isEmpty();
  }

  /**
   * The relay as a process, stopped by SIGTERM while it starts: its log file is a named pipe, which
   * the relay's start opens (after the hook is registered) only once this test opens it too, so the
   * signal comes while the relay makes its data directory, keys and database.
   */
  @Test
  void relayProcess_signalledDuringItsStart_stopsCleanlyWithExitZero(@TempDir Path dir)
      throws Exception {
    Path fifo = dir.resolve("relay.log");
    assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "needs mkfifo");
    Path output = dir.resolve("output.txt");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process relay =
        new ProcessBuilder(
                java.toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "chat.server.Main",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--bcrypt-cost",
                "4",
                "--log-file",
                fifo.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try {
      ExecutorService reader = Executors.newSingleThreadExecutor();
      // Returns once the relay has opened the pipe: it is then in its start.
      Future<InputStream> opened = reader.submit(() -> Files.newInputStream(fifo));
      InputStream log = opened.get(120, TimeUnit.SECONDS); // a hang guard only
      reader.submit(() -> log.transferTo(OutputStream.nullOutputStream()));

      relay.destroy(); // SIGTERM

      assertThat(relay.waitFor(120, TimeUnit.SECONDS)).isTrue(); // a hang guard only
      assertThat(relay.exitValue()).as(Files.readString(output)).isZero();
      assertThat(Files.readString(output)).contains("relay stopped");
      reader.shutdownNow();
    } finally {
      relay.destroyForcibly();
    }
  }
}
