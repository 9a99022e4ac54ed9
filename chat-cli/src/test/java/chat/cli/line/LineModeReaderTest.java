package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LineModeReaderTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private TerminalHarness harness = TerminalHarness.cookedDumb();

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  /** Starts reading a line on its own thread and waits for the prompt. */
  private CompletableFuture<String> reading(LineModeReader reader, String prompt) {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> reader.readLine(prompt));
    await().atMost(TIMEOUT).until(() -> harness.output().contains(prompt));
    return line;
  }

  @Test
  void printAbove_dumbTerminalWhileTyping_startsBelowWhatWasTyped_andPromptFollows()
      throws Exception {
    LineModeReader reader = new LineModeReader(harness.terminal, "test");
    CompletableFuture<String> line = reading(reader, "#lobby> ");
    harness.echo("a long line half ty");

    reader.printAbove("12:00 <bob> hi");

    assertThat(harness.screen())
        .containsExactly("#lobby> a long line half ty", "12:00 <bob> hi", "#lobby>");
    harness.echo("ped\n").type("a long line half typed\n");
    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("a long line half typed");
  }

  @Test
  void printAbove_dumbTerminalNotReading_printsTheLineOnly() {
    LineModeReader reader = new LineModeReader(harness.terminal, "test");

    reader.printAbove("one");
    reader.printAbove("two\n");

    assertThat(harness.output()).isEqualTo("one\ntwo\n");
  }

  @Test
  void printAbove_capableTerminal_erasesAndRedrawsThePromptAsJLineDoes() throws Exception {
    harness.close();
    harness = new TerminalHarness("xterm-256color");
    LineModeReader reader = new LineModeReader(harness.terminal, "test");
    CompletableFuture<String> line = reading(reader, "> ");
    harness.type("typed");
    await().atMost(TIMEOUT).until(() -> harness.output().endsWith("typed"));

    reader.printAbove("12:00 <bob> hi");

    String output = harness.output();
    assertThat(output).endsWith("> typed\r\u001b[K12:00 <bob> hi\r\n> typed");
    harness.type("\n");
    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("typed");
  }
}
