package chat.server.internal.cli;

import chat.server.internal.storage.UserCounts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat-server users show USER...}: the named users' conversations and rooms created against
 * the relay's limits, in the order named. A name that is not a username exits 2 before anything is
 * read; a user who does not exist is named on stderr, and the command exits 1 after printing the
 * others.
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = {
      "Print the named users' conversations and rooms created against the limits.",
      "Only reads relay.db: safe while the relay runs."
    })
public final class ShowUserCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOptions data;

  @Mixin UserLimitOptions options;

  @Parameters(
      arity = "1..*",
      paramLabel = "USER",
      description = "A username, in any case, with or without a leading @.")
  List<String> names;

  @Override
  public Integer call() {
    UserLimits limits = options.limits();
    Set<String> keys = keys();
    Path dataDir = data.dataDir();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Optional<UserCounts.Count>> found;
    try {
      found =
          DatabaseReader.readCurrent(
              dataDir,
              connection -> {
                UserCounts counts = new UserCounts();
                Map<String, Optional<UserCounts.Count>> byKey = new LinkedHashMap<>();
                for (String key : keys) {
                  byKey.put(key, counts.of(connection, key));
                }
                return byKey;
              });
    } catch (DatabaseReader.Unreadable e) {
      err.println(spec.qualifiedName() + ": " + Printable.text(String.valueOf(e.getMessage())));
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    int code = 0;
    for (Map.Entry<String, Optional<UserCounts.Count>> entry : found.entrySet()) {
      if (entry.getValue().isPresent()) {
        out.println(limits.line(entry.getValue().get(), options.json()));
      } else {
        out.flush();
        err.println(Printable.text(UserChange.noUser(spec, entry.getKey(), dataDir)));
        code = 1;
      }
    }
    out.flush();
    return code;
  }

  /**
   * The typed names' keys, each once, in the order typed.
   *
   * @throws CommandLine.ParameterException for a name that is not a username (exit 2)
   */
  private Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    for (String typed : names) {
      keys.add(UsernameArgument.key(spec, typed));
    }
    return keys;
  }
}
