package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneralCommandsTest {
  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext();

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  @Test
  void help_listsEveryCommandWithSummary() {
    run("/help");

    for (SlashCommand command : dispatcher.registry().commands()) {
      assertThat(context.lines)
          .anyMatch(
              l -> l.startsWith("info:   " + command.usage()) && l.contains(command.summary()));
    }
    assertThat(context.lines).anyMatch(l -> l.contains("/members") && l.contains("(also /who)"));
  }

  @Test
  void help_commandName_showsUsageAndExamples() {
    run("/help /w");

    assertThat(context.lines.get(0)).isEqualTo("info: usage: /pm USER [TEXT] (also /w, /msg)");
    assertThat(context.lines).anyMatch(l -> l.contains("examples:"));
  }

  @Test
  void help_unknownName_errorsWithSuggestion() {
    run("/help jion");

    assertThat(context.errors())
        .containsExactly(
            "error: unknown command /jion. Did you mean /join? /help lists the commands.");
  }

  @Test
  void quit_andExit_endTheFrontEnd() {
    run("/exit");

    assertThat(context.quit).isTrue();
  }

  @Test
  void clear_clearsTheScreen() {
    run("/clear");

    assertThat(context.cleared).isTrue();
  }
}
