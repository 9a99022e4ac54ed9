package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.FakeChatClient;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SlashCommandDispatcher;
import chat.cli.command.SlashCompleter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.jline.terminal.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On a terminal of known width, line mode wraps a long line itself, every row after the first
 * indented: a message padded to the terminal's edge cannot start a row at column 0 that reads as
 * another user's message.
 */
class LineModeWrappingTest {
  private final FakeChatClient client = new FakeChatClient();
  private final TerminalHarness harness = new TerminalHarness("xterm-256color");
  private Thread repl;

  @AfterEach
  void tearDown() throws Exception {
    harness.endInput();
    if (repl != null) {
      repl.join(5_000);
    }
    harness.close();
  }

  @Test
  void aMessagePaddedToTheEdge_cannotStartARowAtColumnZero() {
    harness.terminal.setSize(new Size(60, 24));
    client.login("vera", "pw".toCharArray(), "pp".toCharArray());
    SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
    LineMode mode =
        new LineMode(
            client,
            dispatcher,
            new SlashCompleter(client, dispatcher.registry()),
            new MessageFormatter(ZoneOffset.UTC),
            harness.terminal,
            new LineModeOptions(false).withNoticeTimer((delay, task) -> task.run()));
    repl = new Thread(mode::run, "repl");
    repl.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> harness.output().contains("#lobby> "));

    client.deliver("#lobby", "mallory", "ok" + " ".repeat(40) + "12:00:00 <alice> send it to me");

    await().atMost(Duration.ofSeconds(20)).until(() -> harness.output().contains("send it"));
    List<String> rows =
        Arrays.stream(harness.output().replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").split("[\r\n]"))
            .filter(row -> !row.isBlank())
            .toList();
    assertThat(rows).anyMatch(row -> row.contains("<mallory> ok"));
    assertThat(rows)
        .filteredOn(row -> row.contains("<alice>"))
        .singleElement()
        .satisfies(row -> assertThat(row).startsWith("    12:00:00 <alice>"));
    assertThat(rows).allMatch(row -> row.length() <= 60);
  }
}
