package chat.server.internal.cli;

import chat.server.internal.storage.SessionRepository;
import chat.server.internal.storage.SuspensionRepository;
import picocli.CommandLine.Command;

/**
 * {@code chat-server users unsuspend USER}: lifts a suspension ({@link SuspendCommand}) and ends
 * the account's sessions from before, so that the user logs in again with their password (a device
 * taken over keeps no way back in). Lifting one that does not exist changes nothing and says so,
 * exit 0, so a script may run it twice. Safe while the relay runs.
 */
@Command(
    name = "unsuspend",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = {
      "Lift an account's suspension: the user may log in again with their password.",
      "Changes relay.db: safe while the relay runs."
    })
public final class UnsuspendCommand extends UserChange {
  @Override
  public Integer call() {
    String key = key();
    boolean[] lifted = new boolean[1];
    int[] ended = new int[1];
    int code =
        apply(
            key,
            (connection, user) -> {
              lifted[0] = new SuspensionRepository().lift(connection, user);
              if (lifted[0]) {
                ended[0] = new SessionRepository().deleteAll(connection, user);
                audit(
                    connection,
                    System.currentTimeMillis(),
                    user,
                    "suspension lifted by OS user " + OperatorAudit.operator());
              }
            });
    if (code == 0) {
      note(
          lifted[0]
              ? key
                  + " may log in again with their password ("
                  + ended[0]
                  + (ended[0] == 1 ? " session" : " sessions")
                  + " from before ended)"
              : key + " was not suspended; nothing changed");
    }
    return code;
  }
}
