package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeneralCommandsTest {
  /** Where the summaries of the /help list start: two spaces, then the usage column. */
  private static final int SUMMARY_COLUMN = 2 + 30 + 1;

  private final SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
  private final RecordingContext context = new RecordingContext();

  private void run(String line) {
    dispatcher.dispatch(line, context);
  }

  @Test
  void help_listsEveryCommandWithSummary() {
    run("/help");

    String joined = String.join(" ", context.lines).replace("info: ", "").replaceAll(" +", " ");
    for (SlashCommand command : dispatcher.registry().commands()) {
      assertThat(context.lines).anyMatch(l -> l.startsWith("info:   " + command.usage()));
      assertThat(joined).contains(command.summary());
    }
    assertThat(joined)
        .contains("/members [CONVERSATION] list members, presence and key trust (also /who)")
        .contains("/sessions [end ID] list your logged-in devices, or end one");
  }

  @Test
  void helpKeys_listsTheFrontEndsKeys_andTheHelpListPointsThere() {
    context.keys = List.of("  Alt+1 .. Alt+0   go to conversation 1 .. 10");

    run("/help keys");

    assertThat(context.lines)
        .containsExactly("info: keys:", "info:   Alt+1 .. Alt+0   go to conversation 1 .. 10");
    context.lines.clear();
    run("/help");
    assertThat(context.lines).last().isEqualTo("info: /help keys lists the keys of this window");
  }

  @Test
  void helpKeys_whereThereAreNone_saysSo_andTheHelpListDoesNotPointThere() {
    run("/help keys");

    assertThat(context.lines)
        .containsExactly("info: no keys here besides typing a line: /help lists the commands");
    context.lines.clear();
    run("/help");
    assertThat(context.lines).noneMatch(line -> line.contains("/help keys"));
  }

  @Test
  void help_commandName_showsUsageAndExamples() {
    run("/help /w");

    assertThat(context.lines.get(0))
        .isEqualTo("info: usage: /pm USER [TEXT] (also /w, /msg, /query)");
    assertThat(context.lines).anyMatch(l -> l.contains("examples:"));
  }

  @Test
  void helpOfEveryCommand_asLineModePrintsIt_fitsIn80Columns() {
    for (SlashCommand command : dispatcher.registry().commands()) {
      context.lines.clear();
      run("/help " + command.name());

      assertThat(context.lines).as(command.name()).isNotEmpty();
      for (String line : context.lines) {
        assertThat(line).startsWith("info: ");
        assertThat(line.substring("info: ".length()).codePointCount(0, line.length() - 6))
            .as("/help %s: %s", command.name(), line)
            .isLessThanOrEqualTo(80);
      }
    }
  }

  @Test
  void helpList_everyLineFitsIn80Columns_andEverySummaryStaysInItsColumn() {
    run("/help");

    List<String> shown = context.lines.stream().map(l -> l.substring("info: ".length())).toList();
    assertThat(shown).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
    for (SlashCommand command : dispatcher.registry().commands()) {
      int row = -1;
      for (int i = 0; i < shown.size() && row < 0; i++) {
        if (shown.get(i).startsWith("  " + command.usage())) {
          row = i;
        }
      }
      assertThat(row).as(command.usage()).isNotNegative();
      StringBuilder summary = new StringBuilder();
      String first = shown.get(row);
      if (!first.strip().equals(command.usage())) { // else a long usage, the summary below
        assertThat(first.charAt(SUMMARY_COLUMN - 1)).as(first).isEqualTo(' ');
        summary.append(first.substring(SUMMARY_COLUMN));
      }
      for (int i = row + 1;
          i < shown.size() && shown.get(i).startsWith(" ".repeat(SUMMARY_COLUMN));
          i++) {
        assertThat(shown.get(i).charAt(SUMMARY_COLUMN)).as(shown.get(i)).isNotEqualTo(' ');
        summary.append(summary.length() == 0 ? "" : " ").append(shown.get(i).strip());
      }
      assertThat(summary.toString()).as(command.usage()).startsWith(command.summary());
    }
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
