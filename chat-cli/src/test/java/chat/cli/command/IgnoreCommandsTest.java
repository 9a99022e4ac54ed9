package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.CommandException;
import chat.cli.client.TrustState;
import org.junit.jupiter.api.Test;

/** {@code /ignore USER} and the account it must name. */
class IgnoreCommandsTest {
  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext().loggedInAs("alice");

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  /** A typo is said at once, instead of the user it meant staying shown. */
  @Test
  void ignore_aNameTheRelayHasNoAccountFor_isRefused() {
    context.client.missingAccounts.add("malory");

    run("/ignore Malory");

    assertThat(context.errors())
        .containsExactly("error: cannot ignore Malory: the relay has no user of that name");
    assertThat(context.client.ignoredUsers()).isEmpty();
  }

  @Test
  void ignore_aNameTheRelayKnows_isIgnored() {
    run("/ignore mallory");

    assertThat(context.client.calls).contains("hasAccount mallory");
    assertThat(context.errors()).isEmpty();
    assertThat(context.client.ignoredUsers()).containsExactly("mallory");
  }

  @Test
  void ignoreAndUnignore_typedInAnotherCase_nameTheUserAsRegistered() {
    context.client.spellings.put("maximilian", "Maximilian");

    run("/ignore MAXIMILIAN");
    run("/ignore");
    run("/unignore maximilian");

    assertThat(context.lines)
        .containsExactly(
            "info: ignoring Maximilian: their messages and files are not shown here (/unignore"
                + " Maximilian to see them again)",
            "info: you ignore 1: Maximilian",
            "info: no longer ignoring Maximilian: what they sent meanwhile is in /history");
  }

  /** Offline the relay cannot be asked; the name is taken as typed. */
  @Test
  void ignore_whileTheRelayCannotBeAsked_takesTheName() {
    context.client.failNext = new CommandException.Network("not connected to the relay", null);

    run("/ignore mallory");

    assertThat(context.errors()).isEmpty();
    assertThat(context.client.ignoredUsers()).containsExactly("mallory");
  }

  /** Someone seen (a member, a contact) is not asked about: no round trip to the relay. */
  @Test
  void ignore_someoneSeen_isNotLookedUp() {
    context.client.fireTrustChange("Mallory", TrustState.UNVERIFIED);

    run("/ignore mallory");

    assertThat(context.client.calls).doesNotContain("hasAccount mallory");
    assertThat(context.client.ignoredUsers()).containsExactly("mallory");
  }

  @Test
  void report_fromARoom_sendsTheRoomAndTheReason_andSaysWhatTheOperatorReads() {
    context.current = "#team";

    run("/report Mallory spam links in every message");

    assertThat(context.client.calls)
        .containsExactly("report Mallory #team (spam links in every message)");
    assertThat(context.lines)
        .containsExactly(
            "info: reported Mallory to the relay's operator (in #team): they read your reason, not"
                + " your conversations");
  }

  @Test
  void report_fromTheirPrivateConversationOrAnother_sendsItOnlyWhenItIsTheirs() {
    context.current = "@alice+mallory";
    run("/report mallory threats");
    context.current = "@alice+bob";
    run("/report mallory threats");

    assertThat(context.client.calls)
        .containsExactly(
            "report mallory @alice+mallory (threats)", "report mallory null (threats)");
  }

  @Test
  void report_oneselfOrWithoutAReason_isRefused_nothingSent() {
    run("/report ALICE spam");
    run("/report mallory");

    assertThat(context.client.calls).isEmpty();
    assertThat(context.errors())
        .hasSize(2)
        .first()
        .isEqualTo("error: that is you: name someone else");
  }
}
