package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.command.Bell;
import chat.cli.command.GivenSecrets;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SecretKind;
import chat.cli.command.SlashCommandDispatcher;
import chat.cli.command.SlashCompleter;
import chat.cli.emoji.EmojiCatalog;
import chat.cli.emoji.EmojiCompletionSource;
import chat.cli.line.InterruptRelay;
import chat.cli.line.LineMode;
import chat.cli.line.LineModeOptions;
import chat.cli.line.SttyEcho;
import chat.cli.tui.ChatTui;
import chat.cli.tui.TuiTerminals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

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

  /**
   * Runs until the person quits; returns the exit code. With {@code bell}, a private message or one
   * that names this user rings the terminal's bell ({@link Bell}); never into a pipe or a file.
   */
  @SuppressWarnings("try") // the log routing is held for the block, not used in it
  int run(boolean plain, boolean bell) throws IOException {
    List<String> startup =
        options.user(context).map(user -> List.of("/login " + user)).orElse(List.of());
    warmUpEmoji();
    SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
    MessageFormatter formatter = new MessageFormatter(ZoneId.systemDefault());
    try (ChatClient client = context.clientFactory().create(options.clientOptions(context, true))) {
      // Every mode takes the secrets given in the environment or files, as the scripts do.
      Secrets secrets = new Secrets(context, options);
      SlashCompleter completer =
          new SlashCompleter(
              client, dispatcher.registry(), List.of(EmojiCompletionSource.standard()));
      if (!plain && fullScreenCapable()) {
        ClientLogging.toFile(logFile());
        try (com.googlecode.lanterna.terminal.Terminal terminal = TuiTerminals.open()) {
          ChatTui tui =
              new ChatTui(
                      client, dispatcher, completer, formatter, terminal, Clock.systemDefaultZone())
                  .withSecrets(atTerminal(secrets))
                  .withBell(bell ? Bell.ringing(System::currentTimeMillis) : Bell.SILENT);
          if (!LineModeOptions.colourAllowed(context.environment())) {
            tui.withoutColour();
          }
          tui.run(startup);
        }
        return 0;
      }
      boolean atTerminal = inputIsTerminal();
      LineModeOptions lineOptions =
          atTerminal
              ? lineOptions(atTerminal(secrets))
              : lineOptions(secrets).withEcho(new StreamEcho(new SttyEcho()));
      try (Terminal terminal = atTerminal ? systemTerminal() : streamTerminal()) {
        boolean cooked = atTerminal && dumb(terminal); // the terminal echoes and edits the typing
        InterruptRelay interrupts = cooked ? InterruptRelay.to(terminal) : null;
        LineMode lineMode =
            new LineMode(
                client,
                dispatcher,
                completer,
                formatter,
                terminal,
                lineOptions
                    .withTypingEchoed(cooked)
                    .withBell(
                        bell && atTerminal
                            ? Bell.ringing(System::currentTimeMillis)
                            : Bell.SILENT));
        // Log lines written to the terminal itself would break into the prompt line.
        try (LogAbovePrompt logs =
            atTerminal && LogAbovePrompt.stderrIsStdoutTerminal()
                ? LogAbovePrompt.install(lineMode::printLog)
                : null) {
          lineMode.run(startup);
        } finally {
          if (interrupts != null) {
            interrupts.close();
          }
        }
      }
    }
    return 0;
  }

  /**
   * The line mode's options: colour unless the terminal is dumb, the terminal's echo turned off by
   * {@code stty} for a secret, and the secrets {@code given} in the environment or files taken
   * without asking.
   */
  LineModeOptions lineOptions(GivenSecrets given) {
    return LineModeOptions.of(!plainColourOff(), context.environment())
        .withEcho(new SttyEcho())
        .withSecrets(given);
  }

  /**
   * The secrets a person at a terminal is not asked for: the current password and passphrase when
   * given. A new password or passphrase ({@code /passwd}, {@code /passphrase}) is always typed
   * there, so that a {@code CHAT_NEW_PASSWORD} left exported by a script never silently becomes the
   * account's password; only a pipe or a file takes it from the environment.
   */
  static GivenSecrets atTerminal(Secrets secrets) {
    return new GivenSecrets() {
      @Override
      public java.util.Optional<char[]> secret(SecretKind kind) {
        return typedHere(kind) ? java.util.Optional.empty() : secrets.given(kind);
      }

      @Override
      public java.util.Optional<String> source(SecretKind kind) {
        return typedHere(kind) ? java.util.Optional.empty() : secrets.source(kind);
      }
    };
  }

  private static boolean typedHere(SecretKind kind) {
    return kind == SecretKind.NEW_PASSWORD || kind == SecretKind.NEW_PASSPHRASE;
  }

  /**
   * Loads the emoji catalog on a background thread, so neither the first Tab on {@code :sm} nor the
   * first emoji on screen waits for it.
   */
  private static void warmUpEmoji() {
    Thread thread = new Thread(EmojiCatalog::shared, "chat-emoji-load");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Whether a person types at a terminal: stdin and stdout are one. Otherwise (a pipe, a file, or
   * output into one) line mode reads the streams, and a secret given neither in the environment nor
   * in a file is read from the next input line.
   */
  private boolean inputIsTerminal() {
    return context.stdoutIsTerminal() && System.console() != null;
  }

  /** Whether {@code terminal} is JLine's dumb terminal, which gets no signals from JLine. */
  private static boolean dumb(Terminal terminal) {
    return Terminal.TYPE_DUMB.equals(terminal.getType())
        || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
  }

  /**
   * The terminal line mode runs on. JLine's provider that runs {@code stty} comes first: the native
   * ones (JNI, FFM, Jansi, JNA) set the terminal's attributes from an empty {@code termios} holding
   * only the flags JLine knows, so the terminal was left at speed 0 with a random line discipline
   * ({@code stty -a}: {@code speed 0 baud; line = 7}), which stops a serial console; the {@code
   * stty} one changes only the flags that differ. The others remain where {@code stty} does not
   * work (Windows).
   */
  private static Terminal systemTerminal() throws IOException {
    Terminal terminal =
        TerminalBuilder.builder()
            .system(true)
            .providers(
                TerminalBuilder.PROP_PROVIDER_EXEC + "," + TerminalBuilder.PROP_PROVIDERS_DEFAULT)
            .signalHandler(Terminal.SignalHandler.SIG_IGN)
            .build();
    withoutQuitKey(terminal);
    return terminal;
  }

  /**
   * Ctrl-\ is no signal on line mode's terminal: the JVM answers SIGQUIT by printing its threads
   * over the prompt. JLine puts back the terminal's own settings when it closes. (Ctrl-Z reaches
   * JLine, which ignores it, as the full screen does: {@link chat.cli.tui.TuiTerminals}.)
   */
  static void withoutQuitKey(Terminal terminal) {
    Attributes attributes = terminal.getAttributes();
    attributes.setControlChar(Attributes.ControlChar.VQUIT, 0);
    terminal.setAttributes(attributes);
  }

  /**
   * A dumb terminal over the streams (so {@code chat --plain < script} and pipes work). Built
   * directly: JLine's builder would put the streams behind a pseudo-terminal, which echoes every
   * input line (a passphrase read from it too) and whose output pump fails when it closes.
   */
  private Terminal streamTerminal() throws IOException {
    return new DumbTerminal(
        "chat", Terminal.TYPE_DUMB, context.stdin(), context.stdout(), StandardCharsets.UTF_8);
  }

  /** A real terminal on both stdin and stdout that can address the cursor. */
  private boolean fullScreenCapable() {
    String term = context.env("TERM").orElse("");
    return inputIsTerminal() && !term.isEmpty() && !term.equals("dumb");
  }

  /** The TUI's log file: {@code chat.log} beside the profiles (the screen is not for logs). */
  private Path logFile() {
    Path dir = options.home != null ? options.home : RelayOptions.defaultHomeBase(context);
    PrivateFiles.createDirectory(dir);
    return dir.resolve("chat.log");
  }

  private boolean plainColourOff() {
    return context.env("TERM").map("dumb"::equals).orElse(false);
  }
}
