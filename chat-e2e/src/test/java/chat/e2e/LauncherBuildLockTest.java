package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers' first-run build ({@code ensure_jar} in bin/lib/launcher.sh): two launchers started
 * together on a fresh tree (the relay and a client, as the quick start has them) build one after
 * the other, never at once, and both run. A fake {@code mvn} on the PATH plays the build.
 */
class LauncherBuildLockTest {
  private static final Path LAUNCHER =
      Path.of("..", "bin", "lib", "launcher.sh").toAbsolutePath().normalize();

  /** Fails if another build is running; takes a while so that two launchers would overlap. */
  private static final String FAKE_MVN =
      """
      #!/bin/sh
      if ! mkdir building 2>/dev/null; then
        echo "two builds at once" >>overlaps
        exit 1
      fi
      while [ $# -gt 0 ]; do
        if [ "$1" = -pl ]; then module="$2"; fi
        shift
      done
      sleep 2
      mkdir -p "$module/target" && echo jar >"$module/target/$module.jar"
      echo "$module" >>built
      rmdir building
      """;

  @TempDir Path root;

  private Process launcher(String module) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            "bash",
            "-c",
            "source \"$1\" && ensure_jar \"$2\" \"$3\" \"$2/$3/target/$3.jar\" \"$3\" && echo ran",
            "launcher",
            LAUNCHER.toString(),
            root.toString(),
            module);
    builder.environment().put("PATH", root.resolve("fakebin") + ":" + System.getenv("PATH"));
    return builder.redirectErrorStream(true).start();
  }

  private static String output(Process process) throws Exception {
    if (!process.waitFor(60, TimeUnit.SECONDS)) { // a hang guard only
      process.destroyForcibly();
      throw new IOException("the launcher did not finish");
    }
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private void fakeMaven() throws IOException {
    Path bin = Files.createDirectories(root.resolve("fakebin"));
    Path mvn = Files.writeString(bin.resolve("mvn"), FAKE_MVN);
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void twoLaunchersAtOnce_buildOneAfterTheOther_andBothRun() throws Exception {
    fakeMaven();
    List<Process> launchers = new ArrayList<>();
    launchers.add(launcher("chat-server"));
    launchers.add(launcher("chat-cli"));
    List<String> outputs = new ArrayList<>();
    for (Process process : launchers) {
      outputs.add(output(process));
      assertThat(process.exitValue()).as(outputs.toString()).isZero();
    }

    assertThat(root.resolve("overlaps")).doesNotExist();
    assertThat(Files.readAllLines(root.resolve("built")))
        .containsExactlyInAnyOrder("chat-server", "chat-cli");
    assertThat(outputs).allSatisfy(out -> assertThat(out).endsWith("ran\n"));
    assertThat(String.join("", outputs))
        .contains("waiting for the build another launcher started in this tree");
    assertThat(root.resolve("target").resolve("build.lock")).doesNotExist();
  }

  /** A launcher killed mid-build leaves its lock behind: the next one takes it over. */
  @Test
  void aLockWhoseOwnerIsGone_isTakenOver() throws Exception {
    fakeMaven();
    Path lock = Files.createDirectories(root.resolve("target").resolve("build.lock"));
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(lock.resolve("pid"), gone.pid() + "\n");

    Process launcher = launcher("chat-cli");
    String out = output(launcher);

    assertThat(launcher.exitValue()).as(out).isZero();
    assertThat(out).endsWith("ran\n");
    assertThat(lock).doesNotExist();
  }
}
