package chat.cli;

import chat.cli.client.internal.RelayChatClient;
import chat.crypto.KdfParameters;
import java.io.Console;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The {@code chat} entry point: builds the one {@link CliContext} and runs the command line. */
public final class Main {
  private Main() {}

  /** Runs {@code chat} with {@code args} and exits with its exit code. */
  public static void main(String[] args) {
    System.setProperty(ClientLogConfigurator.PROPERTY, "true"); // before anything logs
    Thread.setDefaultUncaughtExceptionHandler(Main::uncaught);
    Console console = System.console();
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    SecureRandom random = new SecureRandom();
    HeldEcho heldEcho = HeldEcho.fromLauncher(System.getenv());
    CliContext context =
        new CliContext(
            random,
            Clock.systemUTC(),
            heldEcho.releasedOnRead(System.in),
            stdout,
            new FileOutputStream(FileDescriptor.err),
            System.getenv(),
            System.getProperty("user.name", ""),
            new TerminalPassphrasePrompt(console, new File("/dev/tty"), heldEcho),
            KdfParameters.DEFAULT,
            console != null || stdoutIsTerminal(),
            options ->
                new RelayChatClient(options, random, Clock.systemUTC(), KdfParameters.DEFAULT));
    String[] arguments = ChatCommand.helpAsOption(args);
    CommandLine commandLine = ChatCommand.commandLine(context, arguments);
    int exitCode = commandLine.execute(arguments);
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    System.exit(exitCode);
  }

  /**
   * The last resort for a failure no client thread caught: one log line (the log is a file while
   * the TUI owns the terminal), the trace only with {@code -v}. Never a raw trace on the terminal.
   */
  private static void uncaught(Thread thread, Throwable e) {
    Logger log = LoggerFactory.getLogger(Main.class);
    log.error("unexpected failure in thread {}: {}", thread.getName(), e.toString());
    log.debug("unexpected failure", e);
  }

  /** Linux: whether file descriptor 1 is a terminal; false where {@code /proc} is missing. */
  private static boolean stdoutIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
