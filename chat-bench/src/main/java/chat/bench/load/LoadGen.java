package chat.bench.load;

import io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code loadgen}: the load generator's entry point. Each scenario is a subcommand; results go to
 * stdout as Markdown, progress to stderr. Exit 0 if every run lost nothing, 1 otherwise.
 */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    description = "Load generator: the relay against ngircd and Redis, measured in the same run.",
    subcommands = {
      FanoutCommand.class,
      SessionsCommand.class,
      ReconnectCommand.class,
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
    System.exit(new CommandLine(new LoadGen()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
