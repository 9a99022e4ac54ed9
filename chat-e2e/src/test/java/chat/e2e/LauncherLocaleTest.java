package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launchers' choice of locale for the JVM ({@code utf8_locale} in bin/lib/launcher.sh). */
class LauncherLocaleTest {
  private static final Path LAUNCHER = Path.of("..", "bin", "lib", "launcher.sh");

  /** LC_ALL as {@code utf8_locale} leaves it, given {@code environment} and nothing else. */
  private static String localeFor(Map<String, String> environment) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            "bash",
            "-c",
            "source \"$1\" && utf8_locale && printf '%s' \"${LC_ALL:-}\"",
            "launcher",
            LAUNCHER.toString());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(environment);
    Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("bash did not finish");
    }
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void noLocaleOrCOrPosix_runsTheJvmUnderCUtf8() throws Exception {
    assertThat(localeFor(Map.of())).isEqualTo("C.UTF-8");
    assertThat(localeFor(Map.of("LANG", "C"))).isEqualTo("C.UTF-8");
    assertThat(localeFor(Map.of("LANG", "de_DE.UTF-8", "LC_ALL", "POSIX"))).isEqualTo("C.UTF-8");
  }

  @Test
  void anyOtherLocale_isLeftAsItIs() throws Exception {
    assertThat(localeFor(Map.of("LANG", "de_DE.UTF-8"))).isEmpty();
    assertThat(localeFor(Map.of("LC_ALL", "fr_FR.ISO-8859-1"))).isEqualTo("fr_FR.ISO-8859-1");
    assertThat(localeFor(Map.of("LANG", "C", "LC_CTYPE", "en_US.UTF-8"))).isEmpty();
  }
}
