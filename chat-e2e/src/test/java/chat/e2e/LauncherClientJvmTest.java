package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JVM options bin/chat starts the client with, read from a copy of the launcher whose {@code
 * java} only prints its arguments.
 */
class LauncherClientJvmTest {
  private static final Path BIN = Path.of("..", "bin");

  @TempDir Path dir;

  /** The arguments bin/chat passes to java for {@code chat --version}, one per element. */
  private List<String> javaArguments(String chatJavaOptions) throws Exception {
    Path chat = launcher();
    return javaArguments(new ProcessBuilder("bash", chat.toString(), "--version"), chatJavaOptions);
  }

  /** The copy of bin/chat, with a {@code java} that prints its arguments one per line. */
  private Path launcher() throws IOException {
    return LauncherCopy.chat(dir, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
  }

  /** The arguments the launcher {@code builder} runs passes to java, one per element. */
  private List<String> javaArguments(ProcessBuilder builder, String chatJavaOptions)
      throws Exception {
    builder.environment().put("PATH", LauncherCopy.path(dir));
    builder.environment().put("CHAT_CDS", "0");
    builder.environment().put("CHAT_JAVA_OPTS", chatJavaOptions);
    return run(builder);
  }

  /** What {@code huge_pages_option} prints on this machine. */
  private static List<String> hugePagesOption() throws Exception {
    return run(
        new ProcessBuilder(
            "bash",
            "-c",
            "source \"$1\" && huge_pages_option",
            "launcher",
            BIN.resolve("lib/launcher.sh").toString()));
  }

  private static List<String> run(ProcessBuilder builder) throws Exception {
    Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("bash did not finish");
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return out.lines().toList();
  }

  @Test
  void client_getsTheSerialCollectorAndHugePagesWhereTheKernelGivesThemOnRequest()
      throws Exception {
    List<String> arguments = javaArguments("");

    assertThat(arguments).contains("-XX:+UseSerialGC", "-jar", "--version");
    assertThat(arguments.subList(0, arguments.indexOf("-jar")))
        .containsAll(hugePagesOption())
        .filteredOn(argument -> argument.contains("HugePages"))
        .isEqualTo(hugePagesOption());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"bash chat", "./chat", "bash link", "./link"})
  void startedByARelativeName_orThroughASymbolicLink_findsItsJar(String command) throws Exception {
    Path chat = launcher();
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createSymbolicLink(elsewhere.resolve("link"), Path.of("../bin/chat"));
    Path directory = command.endsWith("link") ? elsewhere : chat.getParent();
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command + " --version");

    assertThat(javaArguments(builder.directory(directory.toFile()), ""))
        .contains(dir.resolve("chat-cli/target/chat.jar").toRealPath().toString());
  }

  @Test
  void chatJavaOptions_comeLastAndCanTurnHugePagesOff() throws Exception {
    List<String> arguments = javaArguments("-XX:-UseTransparentHugePages");

    assertThat(arguments.get(arguments.indexOf("-jar") - 1))
        .isEqualTo("-XX:-UseTransparentHugePages");
  }

  /**
   * A stdin or stdout the caller closed reaches java as /dev/null: left closed, the first file the
   * JVM opened took its number, and the client read the JDK's lib/modules as a message on stdin.
   */
  @Test
  void closedStdinAndStdout_reachJavaAsDevNull() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc");
    Path seen = dir.resolve("seen");
    Path chat =
        LauncherCopy.chat(
            dir, "#!/usr/bin/env bash\nreadlink /proc/$$/fd/0 /proc/$$/fd/1 > '" + seen + "'\n");
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", "bash \"$1\" --version <&- >&-", "test", chat.toString());
    javaArguments(builder, "");

    assertThat(Files.readAllLines(seen)).containsExactly("/dev/null", "/dev/null");
  }
}
