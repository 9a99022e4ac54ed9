package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelpTextTest {
  @Test
  void paragraphs_prose_runTogether_examplesStayOnTheirOwn() {
    assertThat(
            HelpText.paragraphs(
                List.of(
                    "Creates your identity keys on this machine, sealed with a passphrase, and",
                    "registers NAME on the relay.",
                    "example: /register alice")))
        .containsExactly(
            "Creates your identity keys on this machine, sealed with a passphrase, and registers"
                + " NAME on the relay.",
            "example: /register alice");
  }

  /** As /join's help has it: the examples start a line of their own, the prose after them too. */
  @Test
  void paragraphs_examplesAfterProseOnTheirLine_areSetApart() {
    assertThat(
            HelpText.paragraphs(
                List.of(
                    "Joins ROOM, or creates it.",
                    "The # is optional. examples: /join #rust   /join rust",
                    "A room name is 1-64 of a-z 0-9 _ -.",
                    "Marks you away. example: /away lunch")))
        .containsExactly(
            "Joins ROOM, or creates it. The # is optional.",
            "examples: /join #rust",
            "  /join rust",
            "A room name is 1-64 of a-z 0-9 _ -. Marks you away.",
            "example: /away lunch");
  }

  /** Every command's help, as the full screen shows it: no example runs into prose. */
  @Test
  void paragraphs_ofEveryCommandsHelp_startEachExamplesLineOnItsOwn() {
    for (SlashCommand command : CommandRegistry.standard().commands()) {
      assertThat(HelpText.paragraphs(command.details()))
          .as(command.name())
          .noneMatch(p -> p.indexOf("example: ") > 0 || p.indexOf("examples: ") > 0);
    }
  }

  @Test
  void paragraphs_itemsWithHangingContinuations_areOneParagraphEach() {
    assertThat(
            HelpText.paragraphs(
                List.of(
                    "send PATH [USER|ROOM]: encrypts the file with a fresh key, uploads it and"
                        + " offers",
                    "  it to the current conversation (or to USER privately, or to ROOM).",
                    "accept ID: downloads an offered file into your download folder, checks it and",
                    "  saves it under a safe name.",
                    "reject ID: declines an offer; it stays listed as rejected.",
                    "examples: /file send ~/report.pdf   /file accept 3f2a")))
        .containsExactly(
            "send PATH [USER|ROOM]: encrypts the file with a fresh key, uploads it and offers it"
                + " to the current conversation (or to USER privately, or to ROOM).",
            "accept ID: downloads an offered file into your download folder, checks it and saves"
                + " it under a safe name.",
            "reject ID: declines an offer; it stays listed as rejected.",
            "examples: /file send ~/report.pdf",
            "  /file accept 3f2a");
  }

  @Test
  void paragraphs_indentedUsageLines_stayIntact() {
    assertThat(
            HelpText.paragraphs(
                List.of(
                    "Logs in as NAME.",
                    "examples: /login alice",
                    "          /login alice PASSWORD   (kept out of the input history)")))
        .containsExactly(
            "Logs in as NAME.",
            "examples: /login alice",
            "  /login alice PASSWORD   (kept out of the input history)");
  }

  @Test
  void paragraphs_examplesLine_isOneLinePerExample_soANarrowPaneBreaksBetweenThem() {
    assertThat(
            HelpText.paragraphs(
                List.of(
                    "examples: /file send ~/report.pdf   /file send notes.txt alice",
                    "          /file accept 3f2a")))
        .containsExactly(
            "examples: /file send ~/report.pdf",
            "  /file send notes.txt alice",
            "  /file accept 3f2a");
  }
}
