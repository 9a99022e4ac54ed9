package chat.server.internal.cli;

import chat.server.internal.storage.Database;
import chat.server.internal.storage.UserCounts;
import chat.server.internal.storage.UserRepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A {@code users} subcommand that changes one user ({@code set-limit}, {@code suspend}, {@code
 * unsuspend}): the change runs in one short transaction of {@code relay.db} ({@link
 * DatabaseReader#changeCurrent}), only if the user exists, then the user's line is printed as
 * {@code users show} prints it. Safe while the relay runs.
 */
abstract class UserChange implements Callable<Integer> {
  /** A change of the account {@code userKey}, which exists, inside the transaction. */
  @FunctionalInterface
  interface Change {
    void apply(Connection connection, String userKey) throws SQLException;
  }

  @Spec CommandSpec spec;

  @Mixin DataDirOptions data;

  @Mixin UserLimitOptions options;

  @Parameters(
      index = "0",
      paramLabel = "USER",
      description = "A username, in any case, with or without a leading @.")
  String name;

  /**
   * The typed user's key.
   *
   * @throws picocli.CommandLine.ParameterException if it is not a username (exit 2)
   */
  String key() {
    return UsernameArgument.key(spec, name);
  }

  /**
   * Applies {@code change} to the user {@code key} and prints their line: exit 0; or says why not
   * on stderr, exit 1 (no such user, the database cannot be changed).
   */
  int apply(String key, Change change) {
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
      err.println(spec.qualifiedName() + ": " + Printable.text(String.valueOf(e.getMessage())));
      return 1;
    }
    if (changed.isEmpty()) {
      err.println(Printable.text(noUser(spec, key, dataDir)));
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(options.limits().line(changed.get(), options.json()));
    out.flush();
    return 0;
  }

  /** What a {@code users} subcommand says of a user {@code key} that {@code relay.db} lacks. */
  static String noUser(CommandSpec spec, String key, Path dataDir) {
    return spec.qualifiedName() + ": no user " + key + " in " + dataDir.resolve(Database.FILE_NAME);
  }

  /** Says {@code note} on stderr after the command's name. */
  void note(String note) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + Printable.text(note));
  }

  /**
   * Records the operator's {@code detail} about {@code userKey} as an {@code ADMIN} audit event,
   * naming the user as registered, as the relay's own rows do.
   */
  static void audit(Connection connection, long atMillis, String userKey, String detail)
      throws SQLException {
    String username =
        new UserRepository()
            .find(connection, userKey)
            .map(UserRepository.UserRow::username)
            .orElse(userKey);
    OperatorAudit.record(connection, atMillis, username, detail);
  }
}
