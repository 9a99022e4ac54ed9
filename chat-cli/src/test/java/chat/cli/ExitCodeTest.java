package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
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
