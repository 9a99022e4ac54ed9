package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Terminal;
import org.jline.utils.Signals;
import org.junit.jupiter.api.Test;

class InterruptRelayTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** Sends this process SIGINT, as Ctrl-C on its terminal does. */
  private static void interruptThisProcess() throws ReflectiveOperationException {
    Class<?> signal = Class.forName("sun.misc.Signal");
    Object interrupt = signal.getConstructor(String.class).newInstance("INT");
    signal.getMethod("raise", signal).invoke(null, interrupt);
  }

  /**
   * Whether {@code previous}, the handler a registration replaced, is the JVM's "ignore": a process
   * started with SIGINT ignored (such as one a shell without job control started in the background)
   * gets no handler for it at all, so no interrupt can reach the terminal.
   */
  private static boolean ignored(Object previous) throws ReflectiveOperationException {
    Object ignore = Class.forName("sun.misc.SignalHandler").getField("SIG_IGN").get(null);
    return ignore.equals(previous);
  }

  @Test
  void ctrlC_whileRelaying_reachesTheTerminal_afterClose_thePreviousHandler() throws Exception {
    AtomicInteger previous = new AtomicInteger();
    AtomicInteger terminalInterrupts = new AtomicInteger();
    Object jvmHandler = Signals.register("INT", previous::incrementAndGet); // never the JVM's exit
    assumeFalse(
        ignored(jvmHandler),
        "SIGINT is ignored in this process (started in the background without job control)");
    try (TerminalHarness harness = TerminalHarness.cookedDumb()) {
      harness.terminal.handle(Terminal.Signal.INT, s -> terminalInterrupts.incrementAndGet());

      InterruptRelay relay = InterruptRelay.to(harness.terminal);
      try {
        interruptThisProcess();
        await().atMost(TIMEOUT).until(() -> terminalInterrupts.get() + previous.get() > 0);
      } finally {
        relay.close();
      }
      interruptThisProcess();
      await().atMost(TIMEOUT).until(() -> terminalInterrupts.get() + previous.get() > 1);

      assertThat(terminalInterrupts).hasValue(1);
      assertThat(previous).hasValue(1);
    } finally {
      Signals.unregister("INT", jvmHandler);
    }
  }
}
