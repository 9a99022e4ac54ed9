package chat.server.internal.cli;

import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.SuspensionRepository;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat-server users unsuspend USER}: lifts a suspension ({@link SuspendCommand}); the user
 * logs in again with their password (the suspension ended their sessions). Lifting one that does
 * not exist changes nothing and says so, exit 0, so a script may run it twice. Safe while the relay
 * runs.
 */
@Command(
    name = "unsuspend",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = {
      "Lift an account's suspension: the user may log in again with their password.",
      "Changes relay.db: safe while the relay runs."
    })
public final class UnsuspendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOptions data;

  @Mixin UserLimitOptions options;

  @Parameters(
      index = "0",
      paramLabel = "USER",
      description = "A username, in any case, with or without a leading @.")
  String name;

  @Override
  public Integer call() {
    String key = UsernameArgument.key(spec, name);
    boolean[] lifted = new boolean[1];
    int code =
        UserChange.apply(
            spec,
            data,
            options,
            key,
            (connection, user) -> {
              lifted[0] = new SuspensionRepository().lift(connection, user);
              if (lifted[0]) {
                new AuditRepository()
                    .insertAll(
                        connection,
                        List.of(
                            new AuditEvent(
                                System.currentTimeMillis(),
                                AuditType.ADMIN,
                                user,
                                "",
                                "",
                                "suspension lifted (chat-server users unsuspend)")));
              }
            });
    if (code == 0 && !lifted[0]) {
      spec.commandLine()
          .getErr()
          .println(spec.qualifiedName() + ": " + key + " was not suspended; nothing changed");
    }
    return code;
  }
}
