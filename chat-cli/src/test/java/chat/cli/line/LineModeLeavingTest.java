package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.FakeChatClient;
import chat.cli.command.InputDispatcher;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SlashCommandDispatcher;
import chat.cli.command.SlashCompleter;
import java.io.IOError;
import java.io.InterruptedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Leaving the line mode never waits for a command: a {@code /history} the relay does not answer
 * runs on a thread of its own, and Ctrl-C, Ctrl-D at an empty line or {@code /quit} typed meanwhile
 * end the line mode at once; a farewell line then names what was cut short.
 */
class LineModeLeavingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final FakeChatClient client = new FakeChatClient();
  private final TerminalHarness harness = new TerminalHarness("xterm-256color");
  private final CountDownLatch commandRuns = new CountDownLatch(1);
  private final CountDownLatch relayAnswers = new CountDownLatch(1);
  private final List<String> dispatched = new CopyOnWriteArrayList<>();
  private Thread repl;

  /** The line mode {@link #startWithAHanging} started. */
  private LineMode started;

  @AfterEach
  void tearDown() throws Exception {
    relayAnswers.countDown();
    harness.endInput();
    if (repl != null) {
      repl.join(TimeUnit.SECONDS.toMillis(10));
    }
    harness.close();
  }

  /** Starts a line mode whose {@code /history} waits for a relay that does not answer. */
  private void startWithAHangingHistory() throws InterruptedException {
    startWithAHanging("/history");
  }

  /** Starts a line mode where {@code hanging} waits for a relay that does not answer. */
  private void startWithAHanging(String hanging) throws InterruptedException {
    SlashCommandDispatcher commands = new SlashCommandDispatcher();
    InputDispatcher dispatcherWithAHang =
        (line, context) -> {
          dispatched.add(line);
          if (line.equals(hanging)) {
            commandRuns.countDown();
            try {
              relayAnswers.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          } else {
            commands.dispatch(line, context);
          }
        };
    started = lineMode(dispatcherWithAHang, commands, harness.terminal);
    repl = new Thread(started::run, "repl");
    repl.start();
    await().atMost(TIMEOUT).until(() -> harness.output().contains("> "));
    harness.type(hanging + "\n");
    assertThat(commandRuns.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }

  /**
   * A line mode on {@code terminal} for {@link #client}, whose lines {@code dispatcher} runs and
   * whose completions {@code commands} gives.
   */
  private LineMode lineMode(
      InputDispatcher dispatcher, SlashCommandDispatcher commands, Terminal terminal) {
    return new LineMode(
        client,
        dispatcher,
        new SlashCompleter(client, commands.registry()),
        new MessageFormatter(ZoneOffset.UTC),
        terminal,
        new LineModeOptions(false));
  }

  private void assertLeftWithFarewell() throws InterruptedException {
    repl.join(TIMEOUT.toMillis());
    assertThat(repl.isAlive()).as("line mode ended").isFalse();
    assertThat(relayAnswers.getCount()).as("the command still hangs").isEqualTo(1);
    assertThat(harness.output()).containsOnlyOnce("chat: left while /history was still running");
    assertThat(harness.output().stripTrailing())
        .as("the last line")
        .endsWith("chat: left while /history was still running");
  }

  @Test
  void ctrlD_atAnEmptyLine_whileACommandHangs_leaves_andSaysWhatWasCutShort() throws Exception {
    startWithAHangingHistory();

    harness.type("\u0004");

    assertLeftWithFarewell();
  }

  @Test
  void ctrlC_whileACommandHangs_leaves_andSaysWhatWasCutShort() throws Exception {
    startWithAHangingHistory();

    harness.terminal.raise(Terminal.Signal.INT);

    assertLeftWithFarewell();
  }

  @Test
  void quitTypedAhead_whileACommandHangs_leaves() throws Exception {
    startWithAHangingHistory();

    harness.type("/quit\r");

    assertLeftWithFarewell();
    assertThat(dispatched).containsExactly("/history");
  }

  @Test
  void linesTypedAheadOfQuit_behindAMessage_areNamedAsNotRun_noneOfThemRuns() throws Exception {
    startWithAHanging("a first message");

    harness.type("a mesx\u007fsage\r/join #later\r/quit\r");

    repl.join(TIMEOUT.toMillis());
    assertThat(repl.isAlive()).as("line mode ended").isFalse();
    assertThat(dispatched).containsExactly("a first message");
    assertThat(harness.output())
        .contains("not sent (you left first): \"a message\"")
        .contains("not run (you left first): /join")
        .contains("chat: left while a message was still being sent");
  }

  /** A passphrase typed ahead of the prompt of a command cut short is never printed. */
  @Test
  void linesTypedAheadOfQuit_behindACommand_areOnlyCounted() throws Exception {
    startWithAHangingHistory();

    harness.type("correct horse\r/quit\r");

    assertLeftWithFarewell();
    assertThat(dispatched).containsExactly("/history");
    assertThat(harness.output())
        .contains("1 line typed before you left was not run")
        .doesNotContain("correct horse");
  }

  /**
   * Text typed while a {@code /join} ran was typed under the prompt of the conversation before it:
   * it is not sent to the room joined, as the full screen refuses it. A command typed with it runs
   * where the join went, and text typed at the new prompt is sent there.
   */
  @Test
  void textTypedAheadWhileAJoinRuns_isNotSentToTheRoomJoined_whatFollowsRunsThere()
      throws Exception {
    client.login("alice", "pw".toCharArray(), "pp".toCharArray());
    SlashCommandDispatcher commands = new SlashCommandDispatcher();
    InputDispatcher joinWaitsForTheRelay =
        (line, context) -> {
          dispatched.add(line);
          if (line.startsWith("/join")) {
            commandRuns.countDown();
            try {
              relayAnswers.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          commands.dispatch(line, context);
        };
    LineMode mode = lineMode(joinWaitsForTheRelay, commands, harness.terminal);
    repl = new Thread(mode::run, "repl");
    repl.start();
    await().atMost(TIMEOUT).until(() -> harness.output().contains("#lobby> "));
    harness.type("/join yyy\r");
    assertThat(commandRuns.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    String typed = "typed under the lobby\r/members\r";
    harness.type(typed);
    await().atMost(TIMEOUT).until(() -> mode.commandThreads().keysTypedAhead() == typed.length());
    relayAnswers.countDown();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                harness
                    .output()
                    .contains(
                        "not sent: it was typed for #lobby, and you are now in #yyy; send it"
                            + " again (Up) to post it there"));
    await().atMost(TIMEOUT).until(() -> dispatched.contains("/members"));
    harness.type("typed at the new prompt\r");
    await().atMost(TIMEOUT).until(() -> client.calls.contains("send #yyy typed at the new prompt"));

    assertThat(client.calls).noneMatch(call -> call.contains("typed under the lobby"));
  }

  /**
   * Ctrl-C at an empty line whose signal also interrupts JLine as it puts the terminal's settings
   * back (it runs {@code stty} where it has no native access) ends the read with an interrupted I/O
   * error instead of JLine's own Ctrl-C: the line mode ends as Ctrl-C ends it, with no failure.
   */
  @Test
  void ctrlC_whileTheTerminalsSettingsArePutBack_atAnEmptyLine_leavesQuietly() throws Exception {
    AtomicBoolean interruptNext = new AtomicBoolean();
    Terminal interrupting = interruptingAsSettingsArePutBack(interruptNext);
    SlashCommandDispatcher commands = new SlashCommandDispatcher();
    LineMode mode = lineMode(commands, commands, interrupting);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    repl = new Thread(mode::run, "repl");
    repl.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
    repl.start();
    await().atMost(TIMEOUT).until(() -> harness.output().contains("> "));

    interruptNext.set(true);
    harness.type("\u0003"); // JLine puts the terminal's settings back as Ctrl-C ends the read

    repl.join(TIMEOUT.toMillis());
    assertThat(repl.isAlive()).as("line mode ended").isFalse();
    assertThat(failures).isEmpty();
    assertThat(harness.output()).doesNotContain("unexpected");
  }

  /** The same Ctrl-C at a password prompt cancels the prompt, as JLine's own Ctrl-C does. */
  @Test
  void ctrlC_whileTheTerminalsSettingsArePutBack_atAPasswordPrompt_cancelsIt() throws Exception {
    client.login("alice", "pw".toCharArray(), "pp".toCharArray());
    AtomicBoolean interruptNext = new AtomicBoolean();
    SlashCommandDispatcher commands = new SlashCommandDispatcher();
    LineMode mode = lineMode(commands, commands, interruptingAsSettingsArePutBack(interruptNext));
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> failures.add(e));
    try {
      repl = new Thread(mode::run, "repl");
      repl.start();
      await().atMost(TIMEOUT).until(() -> harness.output().contains("#lobby> "));
      harness.type("/passphrase\r");
      await().atMost(TIMEOUT).until(() -> harness.output().contains("password for alice"));

      interruptNext.set(true);
      harness.type("\u0003");

      await().atMost(TIMEOUT).until(() -> harness.output().contains("password prompt cancelled"));
      assertThat(failures).isEmpty();
      assertThat(repl.isAlive()).isTrue();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(before);
    }
  }

  /**
   * The harness's terminal, except that once {@code interruptNext} is set, its next change of
   * settings fails as JLine's {@code stty} does when Ctrl-C's signal interrupts the thread.
   */
  private Terminal interruptingAsSettingsArePutBack(AtomicBoolean interruptNext) {
    return (Terminal)
        Proxy.newProxyInstance(
            Terminal.class.getClassLoader(),
            new Class<?>[] {Terminal.class},
            (proxy, method, args) -> {
              if (method.getName().equals("setAttributes") && interruptNext.getAndSet(false)) {
                throw new IOError(new InterruptedIOException("Command interrupted"));
              }
              try {
                return method.invoke(harness.terminal, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /**
   * A bracketed paste of two lines typed while a command runs reaches the next prompt whole, and
   * once: cut at its inner line break, the prompt waited for the paste's end, and the line mode
   * hung; read by JLine, whose read of a paste leaves keys handed over to the prompt in place, it
   * was sent as {@code one\ntwoone}, then {@code two} again.
   */
  @Test
  void aPasteOfTwoLinesTypedWhileACommandRuns_isReadWhole_andWhatFollowsRuns() throws Exception {
    client.login("alice", "pw".toCharArray(), "pp".toCharArray());
    startWithAHangingHistory();

    String typed = "\u001b[200~one\rtwo\u001b[201~\r";
    harness.type(typed);
    await()
        .atMost(TIMEOUT)
        .until(() -> started.commandThreads().keysTypedAhead() == typed.length());
    relayAnswers.countDown();
    harness.type("after\r");

    // on a timeout, what was sent and shown, and what waits typed ahead, say where it stopped
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(client.calls)
                    .as(
                        () ->
                            "typed ahead: "
                                + started.commandThreads().keysTypedAhead()
                                + " keys; terminal:\n"
                                + harness.output())
                    .contains("send #lobby after"));
    // the paste is sent once, as pasted, and nothing of it a second time
    assertThat(client.calls)
        .containsExactly("login alice", "send #lobby one\ntwo", "send #lobby after");
  }

  @Test
  void keysTypedWhileACommandRuns_goToTheNextPrompt_ctrlDInsideThemLeavesNot() throws Exception {
    startWithAHangingHistory();

    harness.type("/hel\u0004p\r");
    relayAnswers.countDown();

    await().atMost(TIMEOUT).until(() -> dispatched.contains("/help"));
    assertThat(repl.isAlive()).isTrue();
    assertThat(harness.output()).doesNotContain("left while");
  }
}
