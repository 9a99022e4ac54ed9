package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay launcher's choice of huge pages ({@code huge_pages_option} in bin/lib/launcher.sh). */
class LauncherHugePagesTest {
  private static final Path LAUNCHER = Path.of("..", "bin", "lib", "launcher.sh");

  @TempDir Path dir;

  /** What {@code huge_pages_option} prints for a kernel setting file holding {@code setting}. */
  private String optionFor(String setting) throws Exception {
    Path file = dir.resolve("enabled");
    Files.writeString(file, setting + "\n");
    return run(file);
  }

  private static String run(Path file) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            "bash",
            "-c",
            "source \"$1\" && huge_pages_option \"$2\"",
            "launcher",
            LAUNCHER.toString(),
            file.toString());
    Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("bash did not finish");
    }
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  @Test
  void pagesGivenOnRequest_theHeapAsksForThem() throws Exception {
    assertThat(optionFor("always [madvise] never")).isEqualTo("-XX:+UseTransparentHugePages");
  }

  @Test
  void pagesAlwaysOrNever_orNoSettingAtAll_nothingIsAdded() throws Exception {
    assertThat(optionFor("[always] madvise never")).isEmpty();
    assertThat(optionFor("always madvise [never]")).isEmpty();
    assertThat(run(dir.resolve("missing"))).isEmpty();
  }
}
