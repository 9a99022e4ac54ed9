package chat.server;

import chat.server.internal.cli.ConfigDefaultProvider;
import chat.server.internal.cli.ConfigFile;
import chat.server.internal.cli.ConfigFileException;
import chat.server.internal.cli.LogLevelSetting;
import chat.server.internal.cli.NonEmptyPath;
import chat.server.internal.cli.Printable;
import chat.server.internal.cli.RelayCommand;
import chat.server.internal.cli.SubcommandOptions;
import chat.server.internal.cli.UnknownOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The {@code chat-server} entry point: resolves the config file, then runs the picocli command. */
public final class Main {
  private Main() {}

  /** Runs {@code chat-server} and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv()));
  }

  /** Runs {@code chat-server} with {@code environment}; returns the exit code. */
  public static int run(String[] args, Map<String, String> environment) {
    return run(args, environment, new CommandLine(new RelayCommand()));
  }

  /**
   * Runs {@code args} on {@code commandLine} (a {@link RelayCommand}, whose output writers tests
   * may replace) with {@code environment}; returns the exit code. A config file that cannot be read
   * or has an unknown key, a repeated key or a malformed line exits 2 before anything starts, as
   * does an option typed before a subcommand that does not use it ({@link SubcommandOptions}) or a
   * {@code CHAT_SERVER_LOG_LEVEL} that is not a level ({@link LogLevelSetting}).
   */
  public static int run(String[] args, Map<String, String> environment, CommandLine commandLine) {
    commandLine.registerConverter(Path.class, new NonEmptyPath());
    // Picocli's own says "'abc' is not an int"; the range, where there is one, is checked after.
    CommandLine.ITypeConverter<Integer> whole =
        value -> {
          // ASCII digits only: Integer.valueOf also takes other scripts' digits
          if (!value.strip().matches("[-+]?[0-9]+")) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
          }
          try {
            return Integer.valueOf(value.strip());
          } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is out of range");
          }
        };
    commandLine.registerConverter(Integer.class, whole);
    commandLine.registerConverter(int.class, whole);
    try {
      LogLevelSetting.apply(LogLevelSetting.fromEnvironment(environment));
    } catch (IllegalArgumentException e) {
      commandLine
          .getErr()
          .println("chat-server: " + Printable.text(String.valueOf(e.getMessage())));
      return 2;
    }
    ConfigFile file = ConfigFile.none();
    // A --config typed twice for one command is refused by picocli, as any repeated option is; no
    // file is read first, so that what one of them holds (or lacks) does not hide that.
    String configPath = configRepeated(commandLine, args) ? null : configPath(args, environment);
    if (configPath != null) {
      try {
        file =
            ConfigFile.load(
                Path.of(configPath),
                ConfigDefaultProvider.settingKeys(commandLine.getCommandSpec()));
      } catch (NoSuchFileException e) {
        boolean typed =
            Arrays.stream(args)
                .anyMatch(arg -> arg.equals("--config") || arg.startsWith("--config="));
        commandLine
            .getErr()
            .println(
                "chat-server: config file "
                    + Printable.text(configPath)
                    + " does not exist"
                    + (typed ? "" : " (from env CHAT_SERVER_CONFIG)"));
        return 2;
      } catch (IOException e) {
        // The JDK's text of an AccessDeniedException is the path alone.
        String why =
            e instanceof AccessDeniedException
                ? "permission denied"
                : e instanceof FileSystemException fs && fs.getReason() != null
                    ? fs.getReason()
                    : e.getMessage();
        commandLine
            .getErr()
            .println(
                "chat-server: cannot read config file " + Printable.text(configPath + ": " + why));
        return 2;
      } catch (ConfigFileException e) {
        commandLine
            .getErr()
            .println("chat-server: " + Printable.text(String.valueOf(e.getMessage())));
        return 2;
      }
    }
    ConfigDefaultProvider defaults =
        new ConfigDefaultProvider(environment, file, commandLine.getCommandSpec());
    defaults.runs(commandRun(commandLine, args).getCommandSpec());
    for (String warning : defaults.unknownVariableWarnings()) {
      commandLine.getErr().println("chat-server: warning: " + Printable.text(warning));
    }
    commandLine.setDefaultValueProvider(defaults);
    commandLine.setExecutionExceptionHandler(
        (failure, failed, parsed) -> startFailure(failure, failed, defaults));
    commandLine.setParameterExceptionHandler((e, given) -> badArguments(e, given, defaults));
    commandLine.setExecutionStrategy(
        parsed -> {
          SubcommandOptions.requireUsed(parsed);
          return new CommandLine.RunLast().execute(parsed);
        });
    return commandLine.execute(args);
  }

  /**
   * A bad flag, or a bad value from the environment or the config file: one line naming the option,
   * the value and (unless it was typed) where the value came from, then where to look for help;
   * exit 2. The whole usage is not printed: it would bury the one line that matters.
   */
  private static int badArguments(
      CommandLine.ParameterException e, String[] given, ConfigDefaultProvider defaults) {
    CommandLine failed = e.getCommandLine();
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      Optional<String> typo = UnknownOption.line(unmatched);
      if (typo.isPresent()) {
        failed.getErr().println("chat-server: " + Printable.text(typo.get()));
        failed
            .getErr()
            .println("'" + failed.getCommandSpec().qualifiedName() + " --help' lists the options");
        return 2;
      }
    }
    Optional<String> words = inWords(e, failed);
    String line = words.orElse(null);
    if (line == null) {
      line = lowerCaseFirst(String.valueOf(e.getMessage()));
      if (e.getArgSpec() instanceof CommandLine.Model.OptionSpec option && !typed(option, given)) {
        line += defaults.defaultSource(option).map(source -> " (from " + source + ")").orElse("");
      }
    }
    // What was typed, or read from the file or the environment, is quoted: never obeyed.
    failed.getErr().println("chat-server: " + Printable.text(line));
    if (words.isEmpty()) {
      StringWriter suggestions = new StringWriter();
      CommandLine.UnmatchedArgumentException.printSuggestions(e, new PrintWriter(suggestions));
      suggestions
          .toString()
          .lines()
          .map(suggestion -> Printable.text(lowerCaseFirst(suggestion)))
          .forEach(failed.getErr()::println);
    }
    failed
        .getErr()
        .println("'" + failed.getCommandSpec().qualifiedName() + " --help' lists the options");
    return 2;
  }

  /**
   * The line for a word that is no command or option ({@code 'extra' is not a command of
   * 'chat-server users'}) or a command named without one of its own ({@code 'chat-server keys'
   * takes one of its commands: rotate}), where picocli speaks of its model ({@code unmatched
   * argument at index 1}, {@code missing required subcommand}); empty for any other mistake.
   */
  private static Optional<String> inWords(CommandLine.ParameterException e, CommandLine failed) {
    String name = failed.getCommandSpec().qualifiedName();
    String commands = String.join(", ", failed.getSubcommands().keySet());
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      String word = unmatched.getUnmatched().get(0);
      String parameters =
          failed.getCommandSpec().positionalParameters().stream()
              .map(CommandLine.Model.PositionalParamSpec::paramLabel)
              .collect(Collectors.joining(" "));
      if (!parameters.isEmpty()) {
        return Optional.of(
            "'" + word + "' is one word too many for '" + name + "' (it takes " + parameters + ")");
      }
      String likely =
          UnknownOption.likelyCommand(word, failed.getSubcommands().keySet())
              .map(command -> " (did you mean " + name + " " + command + "?)")
              .orElse("");
      return Optional.of(
          "'"
              + word
              + "' is not a command of '"
              + name
              + "'"
              + (commands.isEmpty() ? ", which takes options only" : ": it takes " + commands)
              + likely);
    }
    Object command = failed.getCommandSpec().userObject();
    boolean runs = command instanceof Runnable || command instanceof Callable;
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty()
        && !commands.isEmpty()
        && !runs) {
      // an option before the command that takes it: chat-server keys --data-dir DIR rotate
      return Optional.of(
          "'"
              + name
              + "' takes one of its commands ("
              + commands
              + ") before options such as "
              + unmatched.getUnmatched().get(0));
    }
    if (String.valueOf(e.getMessage()).startsWith("Missing required subcommand")) {
      return Optional.of("'" + name + "' takes one of its commands: " + commands);
    }
    return Optional.empty();
  }

  /**
   * The command {@code args} name ({@code chat-server users show}), or {@code root} itself: each
   * word that is a subcommand of the level reached, skipping the values of its options.
   */
  private static CommandLine commandRun(CommandLine root, String[] args) {
    CommandLine level = root;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        break;
      }
      if (arg.startsWith("-")) {
        CommandLine.Model.OptionSpec option = level.getCommandSpec().findOption(arg);
        if (option != null && option.arity().max() > 0) {
          i++; // its value, which may read like a command's name (--data-dir users)
        }
        continue;
      }
      CommandLine sub = level.getSubcommands().get(arg);
      if (sub == null) {
        break; // a parameter: no command follows
      }
      level = sub;
    }
    return level;
  }

  /**
   * Whether {@code --config} is typed more than once for one command ({@code --config A --config
   * B}); once before a subcommand's name and once after it is not a repeat (the one after wins).
   */
  private static boolean configRepeated(CommandLine root, String[] args) {
    CommandLine level = root;
    int typedHere = 0;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        break;
      }
      if ((arg.equals("--config") || arg.startsWith("--config=")) && ++typedHere > 1) {
        return true;
      }
      if (arg.startsWith("-")) {
        CommandLine.Model.OptionSpec option = level.getCommandSpec().findOption(arg);
        if (option != null && option.arity().max() > 0) {
          i++; // its value
        }
        continue;
      }
      CommandLine sub = level.getSubcommands().get(arg);
      if (sub == null) {
        break; // a parameter: no command follows
      }
      level = sub;
      typedHere = 0;
    }
    return false;
  }

  /**
   * {@code message} with its first word in lower case, as the relay's other lines: picocli starts
   * its own with a capital ({@code Invalid value for option …}). A word in capitals is left alone.
   */
  private static String lowerCaseFirst(String message) {
    if (message.length() > 1
        && Character.isUpperCase(message.charAt(0))
        && Character.isLowerCase(message.charAt(1))) {
      return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
    return message;
  }

  private static boolean typed(CommandLine.Model.OptionSpec option, String[] given) {
    for (String arg : given) {
      for (String name : option.names()) {
        if (arg.equals(name) || arg.startsWith(name + "=")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Turns a failure to start into one line on stderr: a bad setting exits 2 like a bad flag, an
   * unusable data directory, certificate or port exits 1, as does a subcommand's failure, which its
   * line names instead of {@code cannot start}. The stack trace goes to the log at DEBUG ({@code
   * CHAT_SERVER_LOG_LEVEL=DEBUG}).
   */
  private static int startFailure(
      Exception failure, CommandLine commandLine, ConfigDefaultProvider defaults) {
    org.slf4j.LoggerFactory.getLogger(Main.class).debug("start failed", failure);
    if (failure instanceof IllegalArgumentException) {
      String where = "";
      if (failure instanceof RelayConfig.InvalidSetting invalid) {
        CommandLine.Model.OptionSpec option =
            commandLine.getCommandSpec().findOption("--" + invalid.setting());
        if (option != null && !typedHereOrBefore(commandLine, option.longestName())) {
          where = defaults.defaultSource(option).map(source -> " (from " + source + ")").orElse("");
        }
      }
      commandLine.getErr().println("chat-server: " + Printable.text(failure.getMessage() + where));
      return 2;
    }
    if (commandLine.getParent() != null) {
      // A subcommand (keys rotate) failed: it starts no relay.
      commandLine
          .getErr()
          .println(
              commandLine.getCommandSpec().qualifiedName()
                  + ": "
                  + Printable.text(describe(failure)));
      return 1;
    }
    commandLine.getErr().println("chat-server: cannot start: " + Printable.text(describe(failure)));
    return 1;
  }

  /**
   * Whether option {@code name} was typed for {@code command} or, for a subcommand that shares it
   * ({@code chat-server --max-frame-bytes N users}), before its name.
   */
  private static boolean typedHereOrBefore(CommandLine command, String name) {
    for (CommandLine level = command; level != null; level = level.getParent()) {
      CommandLine.ParseResult parsed = level.getParseResult();
      if (parsed != null && parsed.hasMatchedOption(name)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null
        && (cause.getMessage() == null || cause instanceof UncheckedIOException)) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    return switch (cause.getClass().getSimpleName()) {
      case "FileAlreadyExistsException" -> message + " exists and is not a directory";
      case "AccessDeniedException" -> "permission denied: " + message;
      case "NoSuchFileException" -> "no such file or directory: " + message;
      case "BindException" -> "cannot listen: " + message;
      default -> message.isEmpty() ? cause.getClass().getSimpleName() : message;
    };
  }

  /**
   * The config file's path: {@code --config} wherever it stands, the last one if it stands both
   * before and after a subcommand's name (the one after wins, as for {@code --data-dir}); else
   * {@code CHAT_SERVER_CONFIG}; null for none. An empty {@code --config ''} is none here, and the
   * option's converter refuses it.
   */
  private static String configPath(String[] args, Map<String, String> environment) {
    String given = null;
    for (int i = 0; i < args.length; i++) {
      if ("--config".equals(args[i]) && i + 1 < args.length) {
        given = args[i + 1];
      } else if (args[i].startsWith("--config=")) {
        given = args[i].substring("--config=".length());
      }
    }
    if (given != null) {
      return given.isEmpty() ? null : given;
    }
    // Blank, like every CHAT_SERVER_ variable, means not set.
    String fromEnvironment = environment.get("CHAT_SERVER_CONFIG");
    return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.trim();
  }
}
