package chat.cli;

import chat.cli.client.ChatClient;
import chat.cli.command.CommandWords;
import chat.cli.command.SlashCommandDispatcher;
import chat.protocol.ConversationIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code chat run FILE|-}: runs slash commands (and plain lines, sent to the current conversation)
 * from a file or stdin, one per line, as if typed. Stops at the first failure and exits with its
 * code, unless {@code --keep-going}. With {@code --user} and a stored session it starts logged in.
 */
@Command(
    name = "run",
    description = {
      "Run slash commands from FILE (or - for stdin), one per line, as if typed.",
      "Blank lines and lines starting with # are skipped. Stops at the first failing line and"
          + " exits with its code, unless --keep-going."
    })
final class RunCommand implements Callable<Integer> {
  private final CliContext context;
  @Spec CommandSpec spec;
  @Mixin RelayOptions relay;

  @Parameters(
      paramLabel = "FILE|-",
      converter = ScriptName.class,
      description = "the script, or - for stdin")
  String script;

  @Option(names = "--keep-going", description = "run every line even after a failure")
  boolean keepGoing;

  RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    RelayCommandSupport support = new RelayCommandSupport(context, spec, relay);
    boolean startLoggedIn =
        support.options().user(context).isPresent()
            && (support.secrets().passwordGiven()
                || support.options().user(context).map(u -> hasSession(support, u)).orElse(false));
    // The script first: a mistyped FILE is said before a passphrase prompt or a relay connection.
    try (ScriptLines reader = open();
        ChatClient client = startLoggedIn ? support.loggedIn(false) : support.client(false)) {
      client.addListener(new TransferPrinter(support));
      ScriptContext script = new ScriptContext(client, support);
      if (startLoggedIn && client.conversations().contains(ConversationIds.LOBBY)) {
        script.switchTo(ConversationIds.LOBBY); // unless this user left it
      }
      SlashCommandDispatcher dispatcher = new SlashCommandDispatcher();
      CommandException first = null;
      for (String line = reader.next(); line != null; line = reader.next()) {
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
          continue;
        }
        script.lineNumber(reader.number());
        try {
          dispatcher.execute(line, script);
        } catch (CommandException e) {
          script.error(CommandWords.SLASH.said(e)); // a script's lines are slash commands
          if (first == null) {
            first = e;
          }
          if (!keepGoing) {
            break;
          }
        }
        if (script.quitRequested()) {
          break;
        }
      }
      return first == null ? 0 : first.exitCode().code();
    }
  }

  private boolean hasSession(RelayCommandSupport support, String user) {
    try (ChatClient probe =
        context.clientFactory().create(support.options().clientOptions(context, false))) {
      return probe.hasStoredSession(user);
    }
  }

  /**
   * The script's name as given, refusing an empty one as {@link NonEmptyFile} does: {@code
   * Path.of("")} is the current folder, which said "cannot read : it is a directory".
   */
  static final class ScriptName implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.isEmpty()) {
        throw new TypeConversionException("the file name is empty");
      }
      return value;
    }
  }

  private ScriptLines open() {
    if ("-".equals(script)) {
      return new ScriptLines(context.stdin(), "standard input");
    }
    if (Files.isDirectory(Path.of(script))) {
      throw new CommandException.FileAccess("cannot read " + script + ": it is a directory", null);
    }
    try {
      return new ScriptLines(Files.newInputStream(Path.of(script)), script);
    } catch (NoSuchFileException e) {
      throw new CommandException.FileAccess("cannot read " + script + ": no such file", e);
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot read " + script + ": " + FileIo.reason(e), e);
    }
  }
}
