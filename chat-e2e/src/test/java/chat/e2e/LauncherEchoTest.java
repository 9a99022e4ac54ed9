package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * bin/chat on a terminal (a pseudo-terminal made by util-linux {@code script}): for a command that
 * first asks for a secret it turns the terminal's echo off before java starts, so a passphrase
 * typed while the JVM starts is not shown, and puts the terminal back exactly as it was however
 * java ends. A fake {@code java} says what echo it found and then ends as told.
 */
class LauncherEchoTest {
  /** Says the echo it finds on stdin ("none": no terminal) and the launcher's mark, then ends. */
  private static final String FAKE_JAVA =
      """
      #!/usr/bin/env bash
      if ! settings="$(stty -a 2>/dev/null)"; then echo=none
      elif [[ " $settings " =~ [[:space:]]-echo[[:space:]] ]]; then echo=off
      else echo=on; fi
      echo "java: echo $echo, held ${CHAT_ECHO_HELD:-no}"
      case "${FAKE_JAVA_ENDS:-}" in
        failing) exit 3 ;;
        interrupted) kill -INT 0 ;; # as Ctrl-C does: the whole foreground process group
        killed) kill -KILL $$ ;;
        terminated) kill -TERM $$ ;;
        launcher-terminated) kill -TERM $PPID; exec sleep 10 ;; # the launcher is sent a signal
        launcher-hung-up) kill -HUP $PPID; exec sleep 10 ;; # (the sleep: a hang guard only)
        launcher-terminated-stops)
          trap 'kill $sleeper; echo "java: stopped on TERM"; exit 0' TERM # as chat listen does
          kill -TERM $PPID
          sleep 10 & sleeper=$!
          wait $sleeper ;;
      esac
      """;

  /**
   * stty, which then sends the launcher {@code STTY_SIGNAL} once it has turned the echo off; it
   * notes its arguments in {@code COMMAND_LOG} as {@link #FAKE_DIRNAME} does.
   */
  private static final String FAKE_STTY =
      """
      #!/usr/bin/env bash
      [[ -z "${COMMAND_LOG:-}" ]] || echo "stty $*" >>"$COMMAND_LOG"
      PATH="${PATH#*:}" stty "$@"
      status=$?
      [[ "$1" == -echo && -n "${STTY_SIGNAL:-}" ]] && kill -s "$STTY_SIGNAL" $PPID
      exit $status
      """;

  /** dirname, noting that it ran in {@code COMMAND_LOG}. */
  private static final String FAKE_DIRNAME =
      """
      #!/usr/bin/env bash
      [[ -z "${COMMAND_LOG:-}" ]] || echo "dirname" >>"$COMMAND_LOG"
      PATH="${PATH#*:}" exec dirname "$@"
      """;

  /**
   * Runs the launcher on the terminal and says whether its settings are as they were. The
   * launcher's stderr (bash's "Killed" for a killed java) is left out.
   */
  private static final String ON_TERMINAL =
      """
      [[ "${ECHO_OFF_BEFORE:-}" == 1 ]] && stty -echo
      before="$(stty -g)"
      if [[ "${PIPED:-}" == 1 ]]; then echo text | bash "$@" 2>/dev/null
      else bash "$@" 2>/dev/null; fi
      status=$?
      [[ "$(stty -g)" == "$before" ]] && echo "terminal: as before" || echo "terminal: changed"
      echo "exit $status"
      """;

  @TempDir Path dir;
  private Path chat;

  @BeforeEach
  void launcher() throws IOException {
    assumeTrue(utilLinuxScript(), "needs util-linux script for a pseudo-terminal");
    chat = LauncherCopy.chat(dir, FAKE_JAVA);
    LauncherCopy.fake(dir, "stty", FAKE_STTY);
    LauncherCopy.fake(dir, "dirname", FAKE_DIRNAME);
    Files.writeString(dir.resolve("on-terminal.sh"), ON_TERMINAL);
  }

  private static boolean utilLinuxScript() {
    try {
      Process process = new ProcessBuilder("script", "--version").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor(10, TimeUnit.SECONDS) && out.contains("util-linux");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The lines of {@code chat ARGS} run on a terminal with {@code environment} added. */
  private List<String> onTerminal(String args, Map<String, String> environment) throws Exception {
    String command = "bash " + dir.resolve("on-terminal.sh") + " " + chat + " " + args;
    ProcessBuilder builder = new ProcessBuilder("script", "-qec", command, "/dev/null");
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("CHAT_"));
    env.put("PATH", LauncherCopy.path(dir));
    env.put("CHAT_CDS", "0");
    env.putAll(environment);
    Process process = builder.redirectErrorStream(true).start();
    if (!process.waitFor(20, TimeUnit.SECONDS)) { // a hang guard only
      process.destroyForcibly();
      throw new IOException("script did not finish");
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return out.replace("\r", "").lines().filter(line -> !line.isBlank()).toList();
  }

  private List<String> onTerminal(String args) throws Exception {
    return onTerminal(args, Map.of());
  }

  @ParameterizedTest(name = "chat {0}: {1}")
  @CsvSource(
      delimiterString = "|",
      value = {
        "send --user bob ops hi | echo off, held 1",
        "-u bob listen | echo off, held 1",
        "--user=bob history ops | echo off, held 1",
        "login --user bob | echo off, held 1",
        "keys passwd --user bob | echo off, held 1",
        "identity new | echo off, held 1",
        "open --from alice.pub --in sealed.txt | echo off, held 1",
        "run --user bob script.txt | echo off, held 1",
        "--user alice | echo off, held 1",
        "--plain -ualice | echo off, held 1",
        "--version | echo on, held no",
        "send --help | echo on, held no",
        "'' | echo on, held no | the interactive client without a user",
        "seal --to bob.pub | echo on, held no | reads the message typed",
        "open --from alice.pub | echo on, held no | reads the envelope pasted",
        "run --user bob - | echo on, held no | reads the script typed",
        "logout --user bob | echo on, held no | asks nothing",
        "keys show --user bob | echo on, held no | asks nothing"
      })
  void echoWhileJavaStarts_offOnlyWhereASecretIsAskedFirst_andAsBeforeAfter(
      String args, String echo) throws Exception {
    assertThat(onTerminal(args)).containsExactly("java: " + echo, "terminal: as before", "exit 0");
  }

  @Test
  void secretsGiven_echoIsLeftOn() throws Exception {
    assertThat(onTerminal("send --user bob ops hi", Map.of("CHAT_PASSPHRASE", "p")))
        .first()
        .isEqualTo("java: echo on, held no");
    assertThat(onTerminal("--passphrase-file pf send --user bob ops hi"))
        .first()
        .isEqualTo("java: echo on, held no");
    assertThat(onTerminal("login --user bob", Map.of("CHAT_PASSPHRASE", "p")))
        .as("the password is still asked")
        .first()
        .isEqualTo("java: echo off, held 1");
    assertThat(onTerminal("login --user bob --password-file pw", Map.of("CHAT_PASSPHRASE", "p")))
        .first()
        .isEqualTo("java: echo on, held no");
  }

  @ParameterizedTest(name = "java {0}")
  @CsvSource({"failing, 3", "interrupted, 130", "killed, 137", "terminated, 143"})
  void javaEndsAnyWay_theTerminalIsAsBefore_andTheExitCodeIsJavas(String ends, int code)
      throws Exception {
    assertThat(onTerminal("send --user bob ops hi", Map.of("FAKE_JAVA_ENDS", ends)))
        .containsExactly("java: echo off, held 1", "terminal: as before", "exit " + code);
  }

  /**
   * Ctrl-C reaches java and the launcher at once. When java ended of it while the launcher's trap
   * ran, bash's next wait answered -1, and the launcher exited 255 about every second time.
   */
  @Test
  void javaInterrupted_everyTime_theExitCodeIsJavas() throws Exception {
    for (int run = 0; run < 10; run++) {
      assertThat(onTerminal("send --user bob ops hi", Map.of("FAKE_JAVA_ENDS", "interrupted")))
          .as("run %d", run)
          .endsWith("exit 130");
    }
  }

  @ParameterizedTest(name = "java {0}")
  @CsvSource({"launcher-terminated, 143", "launcher-hung-up, 129"})
  void launcherSignalled_javaGetsTheSignal_theTerminalIsAsBefore_andTheExitCodeIsJavas(
      String ends, int code) throws Exception {
    assertThat(onTerminal("send --user bob ops hi", Map.of("FAKE_JAVA_ENDS", ends)))
        .containsExactly("java: echo off, held 1", "terminal: as before", "exit " + code);
  }

  @Test
  void launcherTerminated_javaStoppingCleanly_exitsZeroAsJavaDoes() throws Exception {
    assertThat(
            onTerminal("listen --user bob", Map.of("FAKE_JAVA_ENDS", "launcher-terminated-stops")))
        .containsExactly(
            "java: echo off, held 1", "java: stopped on TERM", "terminal: as before", "exit 0");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"TERM, 143", "HUP, 129"})
  void launcherSignalledBeforeJavaStarts_javaNeverStarts_theTerminalIsAsBefore(
      String signal, int code) throws Exception {
    assertThat(onTerminal("send --user bob ops hi", Map.of("STTY_SIGNAL", signal)))
        .containsExactly("terminal: as before", "exit " + code);
  }

  @Test
  void echoHeld_beforeTheLauncherRunsAnyOtherCommand() throws Exception {
    Path log = dir.resolve("commands.log");

    onTerminal("send --user bob ops hi", Map.of("COMMAND_LOG", log.toString()));

    assertThat(Files.readAllLines(log))
        .as("on-terminal.sh's stty -g, then the launcher's")
        .startsWith("stty -g", "stty -g", "stty -echo");
  }

  @Test
  void stdinPiped_nothingChanges() throws Exception {
    assertThat(onTerminal("send --user bob ops", Map.of("PIPED", "1")))
        .containsExactly("java: echo none, held no", "terminal: as before", "exit 0");
  }

  @Test
  void echoAlreadyOff_isLeftOffAndNotHeld() throws Exception {
    assertThat(onTerminal("send --user bob ops hi", Map.of("ECHO_OFF_BEFORE", "1")))
        .containsExactly("java: echo off, held no", "terminal: as before", "exit 0");
  }
}
