package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SlashCommandDispatcher;
import chat.cli.command.SlashCompleter;
import chat.cli.line.LineMode;
import chat.cli.line.LineModeOptions;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Starts {@code chat} for a person: the full-screen TUI on a capable terminal, the JLine line mode
 * with {@code --plain}, on a dumb terminal, or when stdin or stdout is not a terminal. Both drive
 * the same command layer and a live client (catch-up, events, reconnect).
 */
final class Interactive {
  private final CliContext context;
  private final RelayOptions options;

  Interactive(CliContext context, RelayOptions options) {
    this.context = context;
    this.options = options;
  }

  /** Runs until the person quits; returns the exit code. */
  int run(boolean plain) throws IOException {
    List<String> startup =
        options.user(context).map(user -> List.of("/login " + user)).orElse(List.of());
    SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
    MessageFormatter formatter = new MessageFormatter(ZoneId.systemDefault());
    try (ChatClient client = context.clientFactory().create(options.clientOptions(context, true))) {
      SlashCompleter completer = new SlashCompleter(client, dispatcher.registry());
      try (Terminal terminal = lineTerminal()) {
        LineMode mode =
            new LineMode(
                client,
                dispatcher,
                completer,
                formatter,
                terminal,
                LineModeOptions.of(!plainColourOff(), context.environment()));
        mode.run(startup);
      }
    }
    return 0;
  }

  /**
   * The terminal for line mode: the real one when stdin and stdout are a terminal, else a dumb
   * terminal over the streams (so {@code chat --plain < script} and pipes work).
   */
  private Terminal lineTerminal() throws IOException {
    if (context.stdoutIsTerminal() && System.console() != null) {
      return TerminalBuilder.builder()
          .system(true)
          .signalHandler(Terminal.SignalHandler.SIG_IGN)
          .build();
    }
    return TerminalBuilder.builder()
        .system(false)
        .streams(context.stdin(), context.stdout())
        .type(Terminal.TYPE_DUMB)
        .build();
  }

  private boolean plainColourOff() {
    return context.env("TERM").map("dumb"::equals).orElse(false);
  }
}
