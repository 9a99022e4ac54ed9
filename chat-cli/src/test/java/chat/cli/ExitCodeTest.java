package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
  @Test
  void codes_areDistinctAndStable() {
    assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code))
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 70);
  }

  @Test
  void footer_hasOneLinePerCode() {
    String footer = String.format(ExitCode.footer());

    assertThat(footer).contains("Exit codes:");
    assertThat(footer.lines().filter(line -> line.matches("  \\d+ +.*"))).hasSize(9);
  }

  /**
   * The README's table of exit codes starts with the lines {@code chat --help} prints (this enum),
   * code and meaning word for word, in the same order.
   */
  @Test
  void readmeTable_startsWithWhatHelpPrints() throws IOException {
    List<String> readme = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int heading = readme.indexOf("## Exit codes");
    assertThat(heading).as("README.md has a section \"## Exit codes\"").isNotNegative();
    List<String> documented = new ArrayList<>();
    for (String line : readme.subList(heading + 1, readme.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (line.matches("\\| \\d+ \\|.*")) {
        String[] cells = line.split(" \\| ");
        documented.add(cells[0].substring(2) + " " + cells[1]);
      }
    }

    assertThat(documented)
        .containsExactly(
            Arrays.stream(ExitCode.values())
                .map(code -> code.code() + " " + code.meaning())
                .toArray(String[]::new));
  }

  @Test
  void commandExceptions_carryTheirCodes() {
    assertThat(new CommandException.Usage("x").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(new CommandException.Auth("x", null).exitCode()).isEqualTo(ExitCode.AUTH);
    assertThat(new CommandException.KeyRejected("x", null).exitCode())
        .isEqualTo(ExitCode.KEY_REJECTED);
    assertThat(new CommandException.EnvelopeRejected("x", null).exitCode())
        .isEqualTo(ExitCode.ENVELOPE_REJECTED);
    assertThat(new CommandException.FileAccess("x", null).exitCode()).isEqualTo(ExitCode.IO);
    assertThat(new CommandException.Network("x", null).exitCode()).isEqualTo(ExitCode.NETWORK);
    assertThat(new CommandException.Untrusted("x").exitCode()).isEqualTo(ExitCode.KEY_REJECTED);
    assertThat(new CommandException.RateLimited("x").exitCode()).isEqualTo(ExitCode.RATE_LIMITED);
  }
}
