package chat.bench.load;

import io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code loadgen}: the load generator's entry point. Each scenario is a subcommand; results go to
 * stdout as Markdown, progress to stderr. Exit 0 if every run lost nothing, 1 otherwise; 2 for a
 * bad option or workload, 3 if a run could not be carried out.
 */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    description = "Load generator: the relay against ngircd and Redis, measured in the same run.",
    subcommands = {
      FanoutCommand.class,
      SessionsCommand.class,
      ReconnectCommand.class,
      HistoryCommand.class,
      CompactionCommand.class,
      ClientCostCommand.class
    })
public final class LoadGen implements Runnable {
  private LoadGen() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    // Netty's sampled leak tracking records a stack trace for one buffer in 128: 1.5% of the
    // generator's CPU in a fan-out run, taken from the machine the systems under test share. The
    // generator's buffers are Netty's own decoder slices, released by SimpleChannelInboundHandler.
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    int code;
    try {
      code = commandLine().execute(args);
    } catch (Error e) { // such as OutOfMemoryError: not 1, which means a lost message
      System.err.println("loadgen: failed: " + e);
      code = 3;
    }
    System.exit(code);
  }

  /** The command line, with its failures turned into exit codes and one line on stderr. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new LoadGen());
    commandLine.setExecutionExceptionHandler(LoadGen::failure);
    return commandLine;
  }

  /**
   * Turns a failure into one line on stderr: a workload the generator cannot run ({@link
   * BadWorkload}) exits 2 like a bad flag; a server that would not start or a run that broke exits
   * 3. The servers' logs stay in the work directory.
   */
  private static int failure(
      Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed) {
    if (failure instanceof BadWorkload) {
      commandLine.getErr().println("loadgen: " + failure.getMessage());
      return 2;
    }
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getMessage() == null) {
      cause = cause.getCause();
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    commandLine.getErr().println("loadgen: failed: " + message);
    return 3;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
