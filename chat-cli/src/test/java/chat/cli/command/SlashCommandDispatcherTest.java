package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import chat.cli.CommandException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlashCommandDispatcherTest {
  private final RecordingContext context = new RecordingContext();

  @Test
  void dispatch_unknownCommand_suggestsNearestAndHelp() {
    new SlashCommandDispatcher().dispatch("/jion #rust", context);

    assertThat(context.errors())
        .containsExactly(
            "error: unknown command /jion. Did you mean /join? /help lists the commands.");
  }

  @Test
  void dispatch_nick_saysNamesDoNotChange_neverOffersKick() {
    new SlashCommandDispatcher().dispatch("/nick bobby", context);

    assertThat(context.errors())
        .containsExactly(
            "error: there is no /nick: others know you by the name you registered, which does not"
                + " change (/register NAME makes another account). /help lists the commands.");
  }

  @Test
  void dispatch_theStartOfSeveralCommands_offersEachOfThem() {
    new SlashCommandDispatcher().dispatch("/s", context);

    assertThat(context.errors())
        .containsExactly(
            "error: unknown command /s. Did you mean /safety, /search, /send, /sessions or"
                + " /switch? /help lists the commands.");
  }

  @Test
  void dispatch_theStartOfMoreThanSixCommands_offersSixAndCountsTheRest() {
    List<SlashCommand> commands = new ArrayList<>();
    for (char last = 'a'; last <= 'h'; last++) {
      commands.add(SlashCommand.named("go" + last, "/go" + last, "go").runs((c, x) -> {}));
    }

    new SlashCommandDispatcher(new CommandRegistry(commands)).dispatch("/g", context);

    assertThat(context.errors())
        .containsExactly(
            "error: unknown command /g. Did you mean /goa, /gob, /goc, /god, /goe, /gof or one"
                + " of 2 more? /help lists the commands.");
  }

  @Test
  void dispatch_twoLettersSwapped_isOneEdit() {
    new SlashCommandDispatcher().dispatch("/hepl", context);

    assertThat(context.errors())
        .containsExactly(
            "error: unknown command /hepl. Did you mean /help? /help lists the commands.");
  }

  @Test
  void dispatch_unknownCommandFarFromAll_pointsToHelp() {
    new SlashCommandDispatcher().dispatch("/xyzzyplugh", context);

    assertThat(context.errors())
        .containsExactly("error: unknown command /xyzzyplugh. /help lists the commands.");
  }

  @Test
  void dispatch_unknownCommandWithEscape_isShownClean() {
    new SlashCommandDispatcher().dispatch("/a\u001b[2Jb", context);

    assertThat(context.errors()).singleElement().asString().doesNotContain("\u001b");
  }

  @Test
  void pastedLines_runOnlyACommandThatTakesFreeText() {
    context.loggedInAs("alice");
    SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();

    dispatcher.dispatch("/leave\nops", context);
    dispatcher.dispatch("/file accept 3f2a\nthanks", context);
    dispatcher.dispatch("/pm bob first\nsecond", context);
    dispatcher.dispatch("//leave\nops", context);

    assertThat(context.errors())
        .containsExactly(
            "error: /leave takes one line; to send the pasted lines as a message, start them"
                + " with // or a space",
            "error: /file takes one line; to send the pasted lines as a message, start them"
                + " with // or a space");
    assertThat(context.client.calls)
        .filteredOn(call -> !call.startsWith("directWith"))
        .containsExactly("send @alice+bob first\nsecond", "send #lobby /leave\nops");
  }

  @Test
  void dispatch_loneSlash_explains() {
    new SlashCommandDispatcher().dispatch("/", context);

    assertThat(context.errors()).singleElement().asString().contains("a command name must follow");
  }

  @Test
  void dispatch_tooManyArguments_showsUsage() {
    context.loggedInAs("alice");

    new SlashCommandDispatcher().dispatch("/rooms now please", context);

    assertThat(context.errors()).containsExactly("error: usage: /rooms  (/help rooms)");
  }

  @Test
  void dispatch_commandException_becomesErrorLine() {
    SlashCommand failing =
        SlashCommand.named("fail", "/fail", "fails")
            .withoutLogin()
            .runs(
                (c, x) -> {
                  throw new CommandException.RateLimited("slow down");
                });
    SlashCommandDispatcher dispatcher =
        new SlashCommandDispatcher(new CommandRegistry(List.of(failing)));

    assertThatCode(() -> dispatcher.dispatch("/fail", context)).doesNotThrowAnyException();
    assertThat(context.errors()).containsExactly("error: slow down");
  }

  @Test
  void dispatch_unexpectedException_becomesShortInternalErrorLine() {
    SlashCommand buggy =
        SlashCommand.named("bug", "/bug", "a bug")
            .withoutLogin()
            .runs(
                (c, x) -> {
                  throw new IllegalStateException("boom");
                });
    SlashCommandDispatcher dispatcher =
        new SlashCommandDispatcher(new CommandRegistry(List.of(buggy)));

    dispatcher.dispatch("/bug", context);

    assertThat(context.errors())
        .containsExactly("error: internal error (IllegalStateException: boom)");
  }

  @Test
  void dispatch_unexpectedExceptionWithALongMessage_isCutBetweenGlyphs() {
    // cut at 200 chars (with the ": " before it), the line ended in half an emoji
    String fits = "a".repeat(197) + "😀😀";
    String tooLong = "😀".repeat(300);
    List<String> errors = new ArrayList<>();
    for (String message : List.of(fits, tooLong)) {
      SlashCommand buggy =
          SlashCommand.named("bug", "/bug", "a bug")
              .withoutLogin()
              .runs(
                  (c, x) -> {
                    throw new IllegalStateException(message);
                  });
      RecordingContext recording = new RecordingContext();
      new SlashCommandDispatcher(new CommandRegistry(List.of(buggy))).dispatch("/bug", recording);
      errors.addAll(recording.errors());
    }

    assertThat(errors)
        .containsExactly(
            "error: internal error (IllegalStateException: " + fits + ")",
            "error: internal error (IllegalStateException: "
                + "😀".repeat(SlashCommandDispatcher.MAX_INTERNAL_MESSAGE_GLYPHS - 3)
                + "...)");
  }

  @Test
  void dispatch_clientNetworkFailure_becomesErrorLine() {
    context.loggedInAs("alice");
    context.client.failNext = new CommandException.Network("relay unreachable", null);

    new SlashCommandDispatcher().dispatch("hello", context);

    assertThat(context.errors()).containsExactly("error: relay unreachable");
  }
}
