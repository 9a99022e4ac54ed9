package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

  @Test
  void ctrlC_whileRelaying_reachesTheTerminal_afterClose_thePreviousHandler() throws Exception {
    AtomicInteger previous = new AtomicInteger();
    AtomicInteger terminalInterrupts = new AtomicInteger();
    Object jvmHandler = Signals.register("INT", previous::incrementAndGet); // never the JVM's exit
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
