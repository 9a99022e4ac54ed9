package chat.server.internal.cli;

import chat.server.internal.storage.Database;
import chat.server.internal.storage.UserCounts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How the {@code users} subcommands that change one user run: the change in one short transaction
 * of {@code relay.db} ({@link DatabaseReader#changeCurrent}), only if the user exists, then the
 * user's line as {@code users show} prints it. Safe while the relay runs.
 */
final class UserChange {
  /** A change of the account {@code userKey}, which exists, inside the transaction. */
  @FunctionalInterface
  interface Change {
    void apply(Connection connection, String userKey) throws SQLException;
  }

  private UserChange() {}

  /**
   * Applies {@code change} to the user {@code key} and prints their line: exit 0; or says why not
   * on stderr, exit 1 (no such user, the database cannot be changed).
   */
  static int apply(
      CommandSpec spec, DataDirOptions data, UserLimitOptions options, String key, Change change) {
    Path dataDir = data.dataDir();
    PrintWriter err = spec.commandLine().getErr();
    Optional<UserCounts.Count> changed;
    try {
      changed =
          DatabaseReader.changeCurrent(
              dataDir,
              connection -> {
                UserCounts counts = new UserCounts();
                if (counts.of(connection, key).isEmpty()) {
                  return Optional.empty();
                }
                change.apply(connection, key);
                return counts.of(connection, key);
              });
    } catch (DatabaseReader.Unreadable e) {
      err.println(spec.qualifiedName() + ": " + e.getMessage());
      return 1;
    }
    if (changed.isEmpty()) {
      err.println(
          spec.qualifiedName() + ": no user " + key + " in " + dataDir.resolve(Database.FILE_NAME));
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(options.limits().line(changed.get(), options.json()));
    out.flush();
    return 0;
  }
}
