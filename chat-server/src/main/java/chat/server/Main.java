package chat.server;

import chat.server.internal.cli.ConfigDefaultProvider;
import chat.server.internal.cli.RelayCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
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
    Properties file = new Properties();
    String configPath = configPath(args, environment);
    if (configPath != null) {
      try {
        file = ConfigDefaultProvider.load(Path.of(configPath));
      } catch (IOException e) {
        System.err.println("chat-server: cannot read config file " + configPath + ": " + e);
        return 2;
      }
    }
    CommandLine commandLine = new CommandLine(new RelayCommand());
    commandLine.setDefaultValueProvider(new ConfigDefaultProvider(environment, file));
    commandLine.setExecutionExceptionHandler(Main::startFailure);
    return commandLine.execute(args);
  }

  /**
   * Turns a failure to start into one line on stderr: a bad setting exits 2 like a bad flag, an
   * unusable data directory, certificate or port exits 1. The stack trace goes to the log at DEBUG
   * ({@code CHAT_SERVER_LOG_LEVEL=DEBUG}).
   */
  private static int startFailure(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed) {
    org.slf4j.LoggerFactory.getLogger(Main.class).debug("start failed", failure);
    if (failure instanceof IllegalArgumentException) {
      commandLine.getErr().println("chat-server: " + failure.getMessage());
      return 2;
    }
    commandLine.getErr().println("chat-server: cannot start: " + describe(failure));
    return 1;
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getMessage() == null) {
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

  private static String configPath(String[] args, Map<String, String> environment) {
    for (int i = 0; i < args.length; i++) {
      if ("--config".equals(args[i]) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--config=")) {
        return args[i].substring("--config=".length());
      }
    }
    return environment.get("CHAT_SERVER_CONFIG");
  }
}
