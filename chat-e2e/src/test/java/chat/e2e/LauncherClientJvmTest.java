package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options bin/chat starts the client with, read from a copy of the launcher whose {@code
 * java} only prints its arguments.
 */
class LauncherClientJvmTest {
  private static final Path BIN = Path.of("..", "bin");

  @TempDir Path dir;

  /** The arguments bin/chat passes to java for {@code chat --version}, one per element. */
  private List<String> javaArguments(String chatJavaOptions) throws Exception {
    Files.createDirectories(dir.resolve("bin/lib"));
    Files.copy(BIN.resolve("chat"), dir.resolve("bin/chat"));
    Files.copy(BIN.resolve("lib/launcher.sh"), dir.resolve("bin/lib/launcher.sh"));
    Files.createDirectories(dir.resolve("chat-cli/target"));
    Files.write(dir.resolve("chat-cli/target/chat.jar"), new byte[0]);
    Path fakeJava = dir.resolve("fake/java");
    Files.createDirectories(fakeJava.getParent());
    Files.writeString(fakeJava, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));
    ProcessBuilder builder =
        new ProcessBuilder("bash", dir.resolve("bin/chat").toString(), "--version");
    builder.environment().put("PATH", fakeJava.getParent() + ":" + System.getenv("PATH"));
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

  @Test
  void chatJavaOptions_comeLastAndCanTurnHugePagesOff() throws Exception {
    List<String> arguments = javaArguments("-XX:-UseTransparentHugePages");

    assertThat(arguments.get(arguments.indexOf("-jar") - 1))
        .isEqualTo("-XX:-UseTransparentHugePages");
  }
}
