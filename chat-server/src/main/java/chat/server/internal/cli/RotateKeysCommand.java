package chat.server.internal.cli;

import chat.server.internal.storage.AtRestKeys;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chat-server keys rotate}: adds a new primary at-rest key; old rows still open. */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description = {
      "Add a new primary at-rest key to the keyset in the data directory.",
      "Rows sealed under older keys still open. Restart the relay afterwards."
    })
public final class RotateKeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data-dir",
      defaultValue = "./data",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    int keys = AtRestKeys.rotate(dataDir);
    spec.commandLine()
        .getOut()
        .println("At-rest keyset rotated: " + keys + " keys, new primary in use after restart.");
    return 0;
  }
}
