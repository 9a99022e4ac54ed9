package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.SafetyNumber;
import org.junit.jupiter.api.Test;

class SafetyNumberCommandTest {
  @Test
  void safetyNumber_sameFromBothSides() {
    Cli.Result aliceSide =
        new Cli()
            .run(
                "safety-number",
                "--home",
                Identities.home("alice").toString(),
                Identities.pub("bob").toString());
    Cli.Result bobSide =
        new Cli()
            .run(
                "safety-number",
                "--home",
                Identities.home("bob").toString(),
                Identities.pub("alice").toString());

    assertThat(aliceSide.exitCode()).isZero();
    assertThat(bobSide.exitCode()).isZero();
    String digits = aliceSide.out().lines().skip(1).reduce("", String::concat);
    assertThat(digits.replace(" ", "")).hasSize(60).containsOnlyDigits();
    assertThat(aliceSide.out()).startsWith("safety number of alice and bob:\n");
    assertThat(bobSide.out().lines().skip(1))
        .containsExactlyElementsOf(aliceSide.out().lines().skip(1).toList());
    String expected =
        SafetyNumber.of(
                new IdentityHome(Identities.home("alice")).bundle(),
                new IdentityHome(Identities.home("bob")).bundle())
            .toDisplayString();
    assertThat(aliceSide.out().lines().skip(1).toList())
        .containsExactly(expected.substring(0, 35), expected.substring(36));
  }

  @Test
  void safetyNumber_withoutHome_refused_pointingToTheRelayProfilesCommand() {
    Cli.Result result =
        new Cli()
            .env("CHAT_HOME", "/nonexistent")
            .run("safety-number", Identities.pub("bob").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err())
        .contains("--home DIR is required")
        .contains("chat identity new --home DIR")
        .contains("chat keys safety USER");
  }

  @Test
  void seal_withoutHome_refusedBeforeReadingTheMessage() {
    Cli.Result result = new Cli().run("seal", "--to", Identities.pub("bob").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err()).contains("--home DIR is required");
  }
}
