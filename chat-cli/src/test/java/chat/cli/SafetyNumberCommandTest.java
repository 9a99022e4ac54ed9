package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.SafetyNumber;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** As chat keys safety of your own name: digits that match anywhere prove nothing. */
  @Test
  void safetyNumber_withYourOwnBundle_isRefused() {
    Cli.Result result =
        new Cli()
            .run(
                "safety-number",
                "--home",
                Identities.home("alice").toString(),
                Identities.pub("alice").toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err())
        .isEqualTo(
            "chat: a safety number is between you and someone else, and "
                + Identities.pub("alice")
                + " is your own identity bundle: give your contact's\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void safetyNumber_withAnotherKeyOfYourOwnName_isWarnedOf(@TempDir Path temp) {
    Path other = temp.resolve("other-alice");
    Cli.Result made =
        Cli.withPassphrase().run("identity", "new", "--home", other.toString(), "--user", "alice");
    assertThat(made.exitCode()).as(made.toString()).isZero();

    Cli.Result result =
        new Cli()
            .run(
                "safety-number",
                "--home",
                Identities.home("alice").toString(),
                other.resolve("identity.pub").toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err())
        .isEqualTo(
            "chat: warning: "
                + other.resolve("identity.pub")
                + " names alice, as your own identity does, with another key: make sure it is"
                + " your contact's, and not someone else using your name\n");
    assertThat(result.out()).startsWith("safety number of alice and alice:\n");
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
