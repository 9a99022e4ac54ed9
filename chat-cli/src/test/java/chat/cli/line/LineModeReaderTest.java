package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.cli.OwnThread;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
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
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(() -> reader.readLine(prompt), OwnThread.EACH);
    await().atMost(TIMEOUT).until(() -> harness.output().contains(prompt));
    return line;
  }

  /**
   * Keys that come together (a paste without bracketed paste) make one line, and the line shows
   * them once the last has come; a key typed on its own shows at once, as before.
   */
  @Test
  void readLine_keysThatComeTogether_makeTheLine_aKeyAloneShowsAtOnce() throws Exception {
    LineModeReader reader = onXterm();
    CompletableFuture<String> line = reading(reader, "#lobby> ");

    harness.type("q");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("#lobby> q"));
    String pasted = "z".repeat(1_000);
    harness.type(pasted + "!");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("z!"));
    harness.type("\n");

    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("q" + pasted + "!");
  }

  /**
   * Lines typed while a command ran, handed over as a macro, and a key typed alone are drawn
   * without asking the terminal whether the next key is there: on a real terminal each such
   * question costs up to a tenth of a second when none is, so forty lines typed ahead took forty
   * seconds.
   */
  @Test
  void readLine_keysTypedAheadOrAlone_areDrawnWithoutAskingTheTerminalForTheNext()
      throws Exception {
    LineModeReader reader = onXterm();

    reader.runMacro("first line\r"); // one line at a time, as the line mode hands them over
    assertThat(reader.readLine("#lobby> ")).isEqualTo("first line");
    reader.runMacro("second line\r");
    assertThat(reader.readLine("#lobby> ")).isEqualTo("second line");
    CompletableFuture<String> line = reading(reader, "#ops> ");
    harness.type("q");
    await().atMost(TIMEOUT).until(() -> harness.output().contains("#ops> q"));

    assertThat(reader.keyChecks()).isZero();
    harness.type("\n");
    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("q");
  }

  /** A reader on an xterm of 80 by 24, in place of the harness's dumb terminal. */
  private LineModeReader onXterm() throws Exception {
    harness.close();
    harness = new TerminalHarness("xterm");
    harness.terminal.setSize(new Size(80, 24));
    return new LineModeReader(harness.terminal, "test");
  }

  /** Alt+Q, unbound in bash, types nothing, nor Alt+A; Alt+B keeps its meaning, a word back. */
  @Test
  void quietAltLetters_anUnboundAltLetterTypesNothing_boundOnesStillWork() throws Exception {
    LineModeReader reader = onXterm();
    LineModeReader.quietAltLetters(reader);
    CompletableFuture<String> line = reading(reader, "#lobby> ");

    harness.type("a\u001bqb\u001bbX\u001baY\n");

    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .as("Alt+A (JLine's accept-and-hold) sends nothing either")
        .isEqualTo("XYab");
  }

  /**
   * As in bash: Alt+F (and Ctrl-Right) ends at the end of the word, where JLine's own forward-word
   * stops at the start of the next; Alt+B (and Ctrl-Left) goes to the start of the word.
   */
  @Test
  void bashWords_altFEndsAtTheWordsEnd_altBAtTheStartOfTheOneBefore() throws Exception {
    LineModeReader reader = onXterm();
    LineModeReader.bashWords(reader);
    CompletableFuture<String> line = reading(reader, "#lobby> ");

    // Ctrl-A, Alt+F, X: after "one"; Ctrl-Right, Y: after "two"; Alt+B: before "twoY", Ctrl-Left:
    // before "oneX", Z
    harness.type("one two three\u0001\u001bfX\u001b[1;5CY\u001bb\u001b[1;5DZ\n");

    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("ZoneX twoY three");
  }

  /** Line mode's own reader has the bash word keys: Alt+F ends at the end of the word. */
  @Test
  void forLineMode_hasTheBashWordKeys() throws Exception {
    onXterm();
    LineModeReader reader =
        LineModeReader.forLineMode(
            harness.terminal,
            true,
            (text, cursor) -> java.util.List.of(),
            new org.jline.reader.impl.history.DefaultHistory());
    CompletableFuture<String> line = reading(reader, "#lobby> ");

    harness.type("one two\u0001\u001bfX\n");

    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("oneX two");
  }

  /** A count given with Alt+digit moves as many words, as in bash; combining marks stay whole. */
  @Test
  void bashWords_aCountMovesThatManyWords_andAWordKeepsItsMarks() throws Exception {
    LineModeReader reader = onXterm();
    LineModeReader.bashWords(reader);
    CompletableFuture<String> line = reading(reader, "#lobby> ");

    // Ctrl-A, Alt+3 Alt+F, X: after "three"; then to the end of "nai\u0308ve", Y
    harness.type("one two three nai\u0308ve\u0001\u001b3\u001bfX\u001bfY\n");

    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo("one two threeX nai\u0308veY");
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
  void readLine_dumbTerminalThatEchoesTheTyping_doesNotPrintTheLineAgain() throws Exception {
    harness.terminal.setSize(new Size(80, 24)); // as LineMode sets it
    LineModeReader reader = new LineModeReader(harness.terminal, "test", true);
    CompletableFuture<String> line = reading(reader, "#lobby> ");

    harness.echo("hello there\n").type("hello there\n");

    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hello there");
    assertThat(harness.screen()).containsExactly("#lobby> hello there", "");
  }

  @Test
  void readLine_dumbTerminalThatEchoesTheTyping_lineSplitByAMessage_isShownWholeOnce()
      throws Exception {
    harness.terminal.setSize(new Size(80, 24));
    LineModeReader reader = new LineModeReader(harness.terminal, "test", true);
    CompletableFuture<String> line = reading(reader, "#lobby> ");
    harness.echo("see you at no");
    reader.printAbove("12:00 <bob> hi");

    harness.echo("on\n").type("see you at noon\n");

    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("see you at noon");
    assertThat(harness.screen())
        .containsExactly(
            "#lobby> see you at no", "12:00 <bob> hi", "#lobby> on", "see you at noon", "");
  }

  @Test
  void readLine_dumbTerminalThatEchoesTheTyping_lineTypedAhead_isShownAfterThePrompt()
      throws Exception {
    harness.terminal.setSize(new Size(80, 24));
    LineModeReader reader = new LineModeReader(harness.terminal, "test", true);
    harness.echo("/rooms\n").type("/rooms\n"); // typed while a command ran
    assertThat(harness.terminal.reader().peek(TIMEOUT.toMillis())).isEqualTo('/');

    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(() -> reader.readLine("> "), OwnThread.EACH);

    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("/rooms");
    assertThat(harness.screen()).containsExactly("/rooms", "> /rooms", "");
  }

  @Test
  void readLine_dumbTerminalFromAPipe_showsTheLineAfterThePrompt() throws Exception {
    harness.terminal.setSize(new Size(80, 24)); // as LineMode sets it
    LineModeReader reader = new LineModeReader(harness.terminal, "test", false);
    CompletableFuture<String> line = reading(reader, "#lobby> ");

    harness.type("/rooms\n");

    assertThat(line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("/rooms");
    assertThat(harness.screen()).containsExactly("#lobby> /rooms", "");
  }

  @Test
  void readLine_dumbTerminalThatEchoesTheTyping_endOfInputEndsTheLine() throws Exception {
    harness.terminal.setSize(new Size(80, 24)); // as LineMode sets it
    LineModeReader reader = new LineModeReader(harness.terminal, "test", true);
    CompletableFuture<String> line = reading(reader, "#lobby> ");

    harness.endInput();

    assertThatThrownBy(() -> line.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(EndOfFileException.class);
    assertThat(harness.screen()).containsExactly("#lobby>", "");
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

  @Test
  void readHidden_printsThePromptOnce_readsTheLine_endsIt() {
    LineModeReader reader = new LineModeReader(harness.terminal, "test");
    harness.type("s3cret \u00e9\r\nnext\n");

    char[] secret = reader.readHidden("passphrase: ");

    assertThat(new String(secret)).isEqualTo("s3cret \u00e9");
    assertThat(harness.output()).isEqualTo("passphrase: \n");
  }

  @Test
  void readHidden_endOfInput_throws() {
    LineModeReader reader = new LineModeReader(harness.terminal, "test");
    harness.endInput();

    assertThatThrownBy(() -> reader.readHidden("passphrase: "))
        .isInstanceOf(EndOfFileException.class);
  }

  @Test
  void readHidden_ctrlC_throwsUserInterrupt() throws Exception {
    LineModeReader reader = new LineModeReader(harness.terminal, "test");
    CompletableFuture<char[]> secret =
        CompletableFuture.supplyAsync(() -> reader.readHidden("passphrase: "), OwnThread.EACH);
    await().atMost(TIMEOUT).until(() -> harness.output().contains("passphrase: "));

    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              harness.terminal.raise(Terminal.Signal.INT); // again until the reader has its handler
              return secret.isDone();
            });

    assertThatThrownBy(secret::join).hasCauseInstanceOf(UserInterruptException.class);
  }
}
