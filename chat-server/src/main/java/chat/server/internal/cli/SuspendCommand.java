package chat.server.internal.cli;

import chat.protocol.ErrorCode;
import chat.protocol.WireText;
import chat.server.internal.relay.SuspensionWatch;
import chat.server.internal.storage.SessionRepository;
import chat.server.internal.storage.SuspensionRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chat-server users suspend USER [--reason TEXT]}: locks an account out. In one transaction
 * of {@code relay.db} it records the suspension, ends every session of the account and writes an
 * {@code ADMIN} audit event; the relay refuses the account's logins and resumes from then on with
 * {@code ACCOUNT_SUSPENDED} and the reason, and closes its open connections within {@value
 * SuspensionWatch#INTERVAL_SECONDS} seconds. Nothing else of the account changes: its rooms,
 * groups, messages and key stay, so {@code users unsuspend} gives it back as it was. Safe while the
 * relay runs.
 */
@Command(
    name = "suspend",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = {
      "Suspend an account: the relay refuses its logins, ends its sessions and closes its"
          + " connections within "
          + SuspensionWatch.INTERVAL_SECONDS
          + " seconds. Its rooms, groups and messages stay; 'users unsuspend' lifts it.",
      "Changes relay.db: safe while the relay runs."
    })
public final class SuspendCommand extends UserChange {
  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description =
          "Why, shown to the user when the relay refuses them (at most "
              + ErrorCode.MAX_REASON_CHARS
              + " characters, no control characters). Suspending again changes only the reason.")
  String reason = "";

  @Override
  public Integer call() {
    String key = key();
    String why = reason.strip();
    if (!why.isEmpty() && !WireText.isValid(why, ErrorCode.MAX_REASON_CHARS)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--reason must be at most "
              + ErrorCode.MAX_REASON_CHARS
              + " characters without control characters (got "
              + why.length()
              + " characters)");
    }
    long now = System.currentTimeMillis();
    int[] ended = new int[1];
    int code =
        apply(
            key,
            (connection, user) -> {
              new SuspensionRepository().suspend(connection, user, now, why);
              ended[0] = new SessionRepository().deleteAll(connection, user);
              audit(
                  connection,
                  now,
                  user,
                  "account suspended (chat-server users suspend)"
                      + (why.isEmpty() ? "" : ": " + why));
            });
    if (code == 0) {
      note(
          key
              + " is suspended; "
              + ended[0]
              + (ended[0] == 1 ? " session" : " sessions")
              + " ended. A running relay closes the account's connections within "
              + SuspensionWatch.INTERVAL_SECONDS
              + " seconds.");
    }
    return code;
  }
}
