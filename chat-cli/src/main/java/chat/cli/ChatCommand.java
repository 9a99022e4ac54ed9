package chat.cli;

import chat.cli.command.CommandWords;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The top-level {@code chat} command, and the one place failures become exit codes: a {@link
 * CommandException} prints {@code chat: <message>} and exits with its {@link ExitCode}; a picocli
 * usage error exits 1; anything else is a bug and exits 70. Stack traces only with {@code -v}.
 */
@Command(
    name = "chat",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Terminal chat with end-to-end hybrid encryption.",
      "Without a command: the interactive client (full-screen, or --plain line mode).",
      "Scripting: register, login, logout, passwd, sessions, send, pm, history,",
      "delete, run, listen, rooms, members, join, leave, report, keys, group,",
      "friend, friends, file, files.",
      "Offline: seal messages to people's identity bundles, open those sealed to you."
    })
public final class ChatCommand implements Callable<Integer> {
  /** The top-level commands, in the order help lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
          IdentityCommand.class,
          FingerprintCommand.class,
          SafetyNumberCommand.class,
          SealCommand.class,
          OpenCommand.class,
          RegisterCommand.class,
          LoginCommand.class,
          LogoutCommand.class,
          PasswdCommand.class,
          SessionsCommand.class,
          SendCommand.class,
          PmCommand.class,
          HistoryCommand.class,
          DeleteCommand.class,
          ListenCommand.class,
          RoomsCommand.class,
          MembersCommand.class,
          JoinCommand.class,
          LeaveCommand.class,
          ReportCommand.class,
          KeysCommand.class,
          RunCommand.class,
          GroupCommand.class,
          FriendCommand.class,
          FriendsCommand.class,
          FileCommand.class,
          FilesCommand.class);

  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin RelayOptions relay = new RelayOptions();

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "on failure, also print the stack trace")
  boolean verbose;

  @Option(
      names = "--plain",
      description = "line mode instead of the full-screen interface (also on dumb terminals)")
  boolean plain;

  @Option(
      names = "--no-bell",
      description =
          "never ring the terminal's bell (by default a private message or one that names you"
              + " rings it, at most once in 2 seconds)")
  boolean noBell;

  private final CliContext context;

  ChatCommand(CliContext context) {
    this.context = context;
  }

  /**
   * Without a subcommand: the interactive client (full-screen TUI, or line mode with {@code
   * --plain}); with {@code --user NAME} it logs in (or resumes) as NAME first.
   */
  @Override
  public Integer call() throws java.io.IOException {
    return new Interactive(context, relay).run(plain, !noBell);
  }

  /**
   * A ready {@link CommandLine} for {@code context}: commands get the context through {@link
   * CommandFactory}; out and err writers wrap the context's streams (tests may replace them).
   */
  public static CommandLine commandLine(CliContext context) {
    return commandLine(context, COMMANDS);
  }

  /**
   * As {@link #commandLine(CliContext)}, for running {@code args}. When they name a command, only
   * that command is built, and when they name none (the interactive client, {@code --version}),
   * none is: picocli reads every command's annotations as it builds the tree, which for all of them
   * took about a fifth of a one-shot {@code chat send}'s time. Everything else (no command, or
   * arguments the one command cannot parse, such as an option whose value is a command's name) gets
   * the whole tree, so the top-level help and every error are as before. (A command's own help now
   * lists the inherited {@code -v} after {@code -h} and {@code -V}: the commands are added to a
   * finished top-level command, where picocli's annotations added them before its standard help
   * options.)
   */
  public static CommandLine commandLine(CliContext context, String... args) {
    Class<?> named = namedCommand(args);
    // No command named (the interactive client, --version): the top level alone, unless it is
    // asked for its help, which lists the commands.
    CommandLine some = commandLine(context, named != null ? List.of(named) : List.of());
    try {
      ParseResult parsed = some.parseArgs(args);
      if (named != null || !parsed.isUsageHelpRequested()) {
        return some;
      }
    } catch (ParameterException e) {
      // built again whole below, to report it as always
    }
    return commandLine(context);
  }

  /**
   * {@code args} with a leading {@code help} read as git and Maven read it: {@code chat help file
   * send} is {@code chat file send --help}, {@code chat help} is {@code chat --help}. Other
   * arguments are left as they are.
   */
  public static String[] helpAsOption(String[] args) {
    if (args.length == 0 || !args[0].equals("help")) {
      return args;
    }
    String[] out = Arrays.copyOfRange(args, 1, args.length + 1);
    out[out.length - 1] = "--help";
    return out;
  }

  /** The first of {@code args} (before {@code --}) that is a top-level command's name, if any. */
  private static Class<?> namedCommand(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return null;
      }
      for (Class<?> command : COMMANDS) {
        Command annotation = command.getAnnotation(Command.class);
        if (annotation.name().equals(arg) || Arrays.asList(annotation.aliases()).contains(arg)) {
          return command;
        }
      }
    }
    return null;
  }

  private static CommandLine commandLine(CliContext context, List<Class<?>> commands) {
    CommandFactory factory = new CommandFactory(context);
    CommandLine commandLine = new CommandLine(ChatCommand.class, factory);
    // Before the settings below, which reach only the commands there are when they are made.
    for (Class<?> command : commands) {
      commandLine.addSubcommand(new CommandLine(command, factory));
    }
    commandLine.getCommandSpec().usageMessage().footer(ExitCode.footer());
    commandLine.registerConverter(Integer.class, new WholeNumber());
    commandLine.registerConverter(int.class, new WholeNumber());
    // @bob names a private conversation, never a file of arguments to read in its place.
    commandLine.setExpandAtFiles(false);
    commandLine.setOut(StdoutWriter.over(context.stdout()));
    commandLine.setErr(writer(context.stderr()));
    commandLine.setParameterExceptionHandler(ChatCommand::onUsageError);
    commandLine.setExecutionExceptionHandler(ChatCommand::onFailure);
    commandLine.setExecutionStrategy(
        parsed -> {
          if (isVerbose(parsed)) {
            ClientLogging.verbose();
          }
          refuseUnmatchedWithHelp(parsed);
          warnOfExposedSecretFiles(parsed);
          int exitCode = new CommandLine.RunLast().execute(parsed);
          // A command that failed (threw) does not get here: its handler said why and chose the
          // code.
          return outputWritten(parsed.commandSpec().commandLine(), exitCode);
        });
    return commandLine;
  }

  /**
   * {@code exitCode} if what the command printed reached stdout, else exit 7 with why ({@code
   * cannot write to standard output: no space left on device}): a bundle or a list redirected into
   * a full disk must not end as a success with the file empty. That is so also for a command that
   * ended with a code of its own ({@code chat history} with messages held, exit 4): the output it
   * did print is lost too. A pipe whose reader had enough ({@code chat history ops | head -2}) is
   * no failure, and nothing is said.
   */
  private static int outputWritten(CommandLine top, int exitCode) {
    PrintWriter out = top.getOut();
    if (!out.checkError() || StdoutWriter.readerGone(out)) { // checkError flushes first
      return exitCode;
    }
    PrintWriter err = top.getErr();
    err.println(
        "chat: cannot write to standard output: " + StdoutWriter.reason(out, "input/output error"));
    err.flush();
    return ExitCode.IO.code();
  }

  /**
   * Warns on stderr of a {@code --password-file} or {@code --passphrase-file} that other users can
   * read ({@link Secrets#exposed}), before the command runs: before the full screen too, which
   * leaves the line on the terminal when it closes.
   */
  private static void warnOfExposedSecretFiles(ParseResult parsed) {
    PrintWriter err = parsed.commandSpec().commandLine().getErr();
    Set<Path> said = new HashSet<>();
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      for (String option : List.of("--password-file", "--passphrase-file")) {
        Path file = level.matchedOptionValue(option, null);
        if (file != null && said.add(file)) {
          Secrets.exposed(file).ifPresent(warning -> err.println("chat: " + warning));
        }
      }
    }
    err.flush();
  }

  /**
   * Refuses a word no command takes beside {@code --help} ({@code chat help nosuch}, {@code chat
   * file nosuch --help}) as it is refused without it: picocli prints the help of the command before
   * it and exits 0, which reads as if that word were a command with no help of its own.
   */
  private static void refuseUnmatchedWithHelp(ParseResult parsed) {
    ParseResult last = parsed;
    while (last.subcommand() != null) {
      last = last.subcommand();
    }
    if (!last.unmatched().isEmpty()) {
      throw new UnmatchedArgumentException(last.commandSpec().commandLine(), last.unmatched());
    }
  }

  private static PrintWriter writer(java.io.OutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }

  private static int onUsageError(ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    PrintWriter err = failed.getErr();
    err.println(
        "chat: "
            + TerminalSafe.line(lowerCaseFirst(usageProblem(e, failed)))
            + " (see '"
            + failed.getCommandSpec().qualifiedName()
            + " --help')");
    err.flush();
    return ExitCode.USAGE.code();
  }

  /**
   * {@code message} with its first word in lower case, as every other line after {@code chat: }:
   * picocli starts its own with a capital ({@code Invalid value for option …}). A word in capitals
   * ({@code TEXT}) is left alone.
   */
  static String lowerCaseFirst(String message) {
    if (message.length() > 1
        && Character.isUpperCase(message.charAt(0))
        && Character.isLowerCase(message.charAt(1))) {
      return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
    return message;
  }

  /**
   * What was wrong with the command line, in words: picocli's own, except where they speak of its
   * model (a command that needs one of its commands named first, a parameter counted by index).
   */
  private static String usageProblem(ParameterException e, CommandLine failed) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof CommandLine.MissingParameterException missing
        && missing.getMissing().stream()
            .anyMatch(
                arg ->
                    arg instanceof CommandLine.Model.OptionSpec option
                        && option.longestName().equals("--home"))) {
      return HomeOption.MISSING; // an offline command: say where its identity comes from
    }
    String name = failed.getCommandSpec().qualifiedName();
    if (!failed.getSubcommands().isEmpty()) {
      String commands =
          failed.getSubcommands().values().stream()
              .map(CommandLine::getCommandName)
              .distinct()
              .collect(Collectors.joining(", "));
      if (e instanceof UnmatchedArgumentException unmatched
          && !unmatched.getUnmatched().isEmpty()) {
        String first = unmatched.getUnmatched().get(0);
        if (first.startsWith("-") && failed.getParent() == null) {
          return message; // chat itself runs without a command (the full-screen client)
        }
        return first.startsWith("-")
            ? "'"
                + name
                + "' takes one of its commands ("
                + commands
                + ") before options such as "
                + first
            : "'" + first + "' is not a command of '" + name + "': it takes one of " + commands;
      }
      if (message.startsWith("Missing required subcommand")) {
        return "'" + name + "' takes one of its commands: " + commands;
      }
    }
    if (e instanceof UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      // a word too many, named as the command takes its words rather than by picocli's index
      List<String> labels =
          failed.getCommandSpec().positionalParameters().stream().map(p -> p.paramLabel()).toList();
      List<String> extra = unmatched.getUnmatched();
      return "'"
          + String.join(" ", extra)
          + (extra.size() == 1 ? "' is one word" : "' are " + extra.size() + " words")
          + " too many for '"
          + name
          + (labels.isEmpty()
              ? "', which takes options only"
              : "' (it takes " + String.join(" ", labels) + ")");
    }
    if (e instanceof UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty()
        && unmatched.getUnmatched().get(0).startsWith("-")
        && !unmatched.getUnmatched().get(0).startsWith("--")
        && takesText(failed)) {
      // "-5 points" as a message: say how to send it rather than leave a script guessing.
      String labels =
          failed.getCommandSpec().positionalParameters().stream()
              .map(p -> p.paramLabel())
              .filter(label -> !label.equals("TEXT"))
              .collect(Collectors.joining(" "));
      return message
          + "; text that starts with '-' goes after '--' ("
          + name
          + " "
          + labels
          + " -- TEXT), or on stdin";
    }
    if (e instanceof picocli.CommandLine.MissingParameterException missing
        && message.startsWith("Missing required parameter for option")
        && !missing.getMissing().isEmpty()
        && missing.getMissing().get(0) instanceof picocli.CommandLine.Model.OptionSpec option) {
      // "-n" last on the line: the option lacks its value, not the command a parameter
      return "option "
          + String.join("/", option.names())
          + " needs a value ("
          + option.paramLabel()
          + ")";
    }
    if (e.getArgSpec() instanceof picocli.CommandLine.Model.OptionSpec option
        && option.names().length > 1
        && message.contains("option '" + option.longestName() + "'")) {
      // "-n 0": named as it may have been typed, not only by its long name
      message =
          message.replace(
              "option '" + option.longestName() + "'",
              "option '" + String.join("/", option.names()) + "'");
    }
    if (message.startsWith("Missing required parameter")
        || (message.startsWith("Expected parameter")
            && message.contains("for positional parameter"))) {
      return "too few parameters: "
          + name
          + " "
          + failed.getCommandSpec().positionalParameters().stream()
              .map(ChatCommand::usageLabel)
              .collect(Collectors.joining(" "));
    }
    return message;
  }

  /** A parameter as a usage line names it: {@code ROOM}, or {@code [TEXT...]} when optional. */
  private static String usageLabel(picocli.CommandLine.Model.PositionalParamSpec parameter) {
    String label = parameter.paramLabel() + (parameter.isMultiValue() ? "..." : "");
    return parameter.required() ? label : "[" + label + "]";
  }

  /** Whether {@code command} takes a message as its words ({@code chat send}, {@code chat pm}). */
  private static boolean takesText(CommandLine command) {
    return command.getCommandSpec().positionalParameters().stream()
        .anyMatch(p -> p.paramLabel().equals("TEXT"));
  }

  private static int onFailure(Exception e, CommandLine failed, ParseResult parsed) {
    PrintWriter err = failed.getErr();
    ExitCode exitCode;
    if (e instanceof CommandException failure) {
      String message = CommandWords.SCRIPT.said(failure); // with the commands a script runs
      err.println("chat: " + TerminalSafe.line(message));
      exitCode = failure.exitCode();
    } else {
      err.println("chat: internal error: " + TerminalSafe.line(e.toString()));
      exitCode = ExitCode.INTERNAL;
    }
    if (isVerbose(parsed)) {
      // The trace repeats each message, which may quote the relay or another user: cleaned too.
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(TerminalSafe.text(trace.toString()));
    }
    err.flush();
    return exitCode.code();
  }

  private static boolean isVerbose(ParseResult parsed) {
    for (ParseResult level = parsed; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
