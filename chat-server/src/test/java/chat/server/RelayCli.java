package chat.server;

import chat.server.internal.cli.RelayCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code chat-server}'s command line in this process, keeping what it prints. */
public final class RelayCli {
  public final StringWriter out = new StringWriter();
  public final StringWriter err = new StringWriter();

  /** Runs {@code chat-server args} with {@code env} as its environment; returns the exit code. */
  public int run(Map<String, String> env, String... args) {
    CommandLine line = new CommandLine(new RelayCommand());
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return Main.run(args, env, line);
  }
}
