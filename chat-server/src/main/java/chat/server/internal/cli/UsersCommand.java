package chat.server.internal.cli;

import chat.server.internal.storage.UserCounts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chat-server users}: every user's conversations and rooms created against the relay's
 * limits, or with {@code --at-limit} only those who reached one, such as the users a lower {@code
 * --max-frame-bytes} would leave over the conversation limit. {@code users show} prints named
 * users, {@code users set-limit} sets one user's own room limit. Only reads ({@link
 * DatabaseReader}), so it is safe while the relay runs.
 */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = {
      "Print each user's conversations and rooms created against the relay's limits.",
      "Conversations are rooms, groups and direct ones; the busiest users come first.",
      "Only reads relay.db: safe while the relay runs."
    },
    subcommands = {
      ShowUserCommand.class,
      SetLimitCommand.class,
      SuspendCommand.class,
      UnsuspendCommand.class
    })
public final class UsersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOptions data;

  @Mixin UserLimitOptions options;

  @Option(
      names = "--at-limit",
      description =
          "Only users at or over a limit: in as many conversations as --max-frame-bytes allows"
              + " (over it, their login may not fit a frame), or with --max-rooms-per-user rooms"
              + " created.")
  boolean atLimit;

  @Override
  public Integer call() {
    UserLimits limits = options.limits();
    boolean json = options.json();
    Path dataDir = data.dataDir();
    PrintWriter err = spec.commandLine().getErr();
    List<UserCounts.Count> counts;
    try {
      counts = DatabaseReader.readCurrent(dataDir, new UserCounts()::all);
    } catch (DatabaseReader.Unreadable e) {
      err.println(spec.qualifiedName() + ": " + Printable.text(String.valueOf(e.getMessage())));
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    int printed = 0;
    for (UserCounts.Count count : counts) {
      if (!atLimit || limits.reached(count)) {
        out.println(limits.line(count, json));
        printed++;
      }
    }
    out.flush();
    if (printed == 0 && !json) {
      err.println(spec.qualifiedName() + (atLimit ? ": no user is at a limit" : ": no users yet"));
    }
    return 0;
  }
}
