package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.TrustState;
import org.junit.jupiter.api.Test;

class TrustCommandsTest {
  private static final String DIGITS = "12345".repeat(12);

  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext().loggedInAs("alice");

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  @Test
  void fingerprint_noUser_showsOwnInDisplayForm() {
    run("/fingerprint");

    assertThat(context.client.calls).containsExactly("fingerprint alice");
    assertThat(context.lines)
        .containsExactly("info: your fingerprint: " + "0505 ".repeat(15) + "0505");
  }

  @Test
  void fingerprint_otherUser_showsTheirs() {
    run("/fingerprint bob");

    assertThat(context.lines).singleElement().asString().startsWith("info: bob's fingerprint: ");
  }

  @Test
  void fingerprintAndSafety_ofNoSuchUser_sayItAsOtherCommandsDo() {
    context.client.missingAccounts.add("zzz");

    run("/fingerprint zzz");
    run("/safety zzz");

    assertThat(context.errors())
        .containsExactly(
            "error: no fingerprint for zzz: the relay has no user of that name",
            "error: no safety number with zzz: the relay has no user of that name");
  }

  @Test
  void safety_showsGroupedNumberAndHowToVerify() {
    run("/safetynumber bob");

    assertThat(context.lines.get(0))
        .isEqualTo("info: safety number with bob: " + "12345 ".repeat(11) + "12345");
    assertThat(context.lines.get(1)).contains("/verify bob");
  }

  /** Once verified, the digits are the ones compared: no advice to verify again. */
  @Test
  void safety_ofAVerifiedContact_saysSo_insteadOfHowToVerify() {
    context.client.trust.put("bob", TrustState.VERIFIED);

    run("/safety bob");

    assertThat(context.lines.get(1))
        .isEqualTo("info: bob is verified: these are the digits you compared");
  }

  @Test
  void safetyAndVerify_typedInAnotherCase_nameTheUserAsRegistered() {
    context.client.spellings.put("maximilian", "Maximilian");

    run("/safety MAXIMILIAN");
    run("/verify maximilian " + DIGITS);

    assertThat(context.lines.get(0)).startsWith("info: safety number with Maximilian: ");
    assertThat(context.lines.get(1))
        .isEqualTo("info: if Maximilian sees the same digits: /verify Maximilian followed by them");
    assertThat(context.lines.get(2)).isEqualTo("info: Maximilian is verified");
  }

  @Test
  void verify_digitsWithSpaces_joinsThemAndVerifies() {
    run("/verify bob " + "12345 ".repeat(12));

    assertThat(context.client.calls).contains("verify bob " + DIGITS);
    assertThat(context.client.trustState("bob")).isEqualTo(TrustState.VERIFIED);
    assertThat(context.lines).containsExactly("info: bob is verified");
  }

  @Test
  void verify_mismatch_showsUntrustedError() {
    run("/verify bob " + "54321".repeat(12));

    assertThat(context.errors()).containsExactly("error: safety number does not match bob's");
    assertThat(context.client.trustState("bob")).isEqualTo(TrustState.UNVERIFIED);
  }

  /** The 64 hex digits of a fingerprint, given where the safety number goes, are named as one. */
  @Test
  void verify_aFingerprintInsteadOfTheSafetyNumber_saysWhatItIs() {
    run("/verify bob 3ff311c0 " + "0123456789abcdef".repeat(3) + "01234567");

    assertThat(context.errors())
        .containsExactly(
            "error: that is a fingerprint, not a safety number: a safety number is 60 digits"
                + " (spaces are ignored): see /safety");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void verify_wrongLength_errorsWithoutCallingClient() {
    run("/verify bob 12345");

    assertThat(context.errors())
        .containsExactly("error: a safety number is 60 digits (spaces are ignored): see /safety");
    assertThat(context.client.calls).isEmpty();
  }

  @Test
  void verify_missingNumber_showsUsage() {
    run("/verify bob");

    assertThat(context.errors()).singleElement().asString().contains("usage: /verify USER");
  }

  @Test
  void trust_changedKey_acceptsIt() {
    context.client.fireKeyChange("bob");

    run("/trust bob");

    assertThat(context.client.trustState("bob")).isEqualTo(TrustState.UNVERIFIED);
    assertThat(context.lines).singleElement().asString().startsWith("info: accepted bob's");
  }

  @Test
  void trust_verifiedUnchangedKey_staysVerified_andSaysSo() {
    context.client.trust.put("bob", TrustState.VERIFIED);

    run("/trust bob");

    assertThat(context.client.trustState("bob")).isEqualTo(TrustState.VERIFIED);
    assertThat(context.lines)
        .containsExactly("info: bob's key has not changed and is verified: nothing to accept");
  }

  @Test
  void trust_self_errors() {
    run("/trust alice");

    assertThat(context.errors()).containsExactly("error: that is you: name someone else");
  }
}
