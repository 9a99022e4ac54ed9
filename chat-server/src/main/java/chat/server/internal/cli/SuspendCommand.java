package chat.server.internal.cli;

import chat.protocol.ErrorCode;
import chat.protocol.WireText;
import chat.server.internal.relay.SuspensionWatch;
import chat.server.internal.storage.SuspensionRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chat-server users suspend USER [--reason TEXT]}: locks an account out. In one transaction
 * of {@code relay.db} it records the suspension and writes an {@code ADMIN} audit event; the relay
 * refuses the account's logins and resumes from then on with {@code ACCOUNT_SUSPENDED} and the
 * reason (so each device is told why, also one that was offline), and closes its open connections
 * within {@value SuspensionWatch#INTERVAL_SECONDS} seconds. Its sessions end when the suspension is
 * lifted ({@link UnsuspendCommand}). Nothing else of the account changes: its rooms, groups,
 * messages and key stay. Safe while the relay runs.
 */
@Command(
    name = "suspend",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = {
      "Suspend an account: the relay refuses its logins and resumes, and closes its"
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
              + " characters, no control characters). Suspending again changes only the reason;"
              + " with the same reason, nothing.")
  String reason = "";

  @Override
  public Integer call() {
    String key = key();
    String why = reason.strip();
    if (!why.isEmpty() && !WireText.isValid(why, ErrorCode.MAX_REASON_CHARS)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          why.length() > ErrorCode.MAX_REASON_CHARS
              ? "--reason is longer than "
                  + ErrorCode.MAX_REASON_CHARS
                  + " characters (got "
                  + why.length()
                  + "; an emoji may count as 2)"
              : "--reason must be one line, without control characters such as a tab");
    }
    long now = System.currentTimeMillis();
    int code =
        apply(
            key,
            (connection, user) -> {
              SuspensionRepository suspensions = new SuspensionRepository();
              if (suspensions
                  .find(connection, user)
                  .filter(held -> held.reason().equals(why))
                  .isPresent()) {
                return; // suspended already, for this reason: nothing changes or is recorded
              }
              suspensions.suspend(connection, user, now, why);
              audit(
                  connection,
                  now,
                  user,
                  "account suspended by OS user "
                      + OperatorAudit.operator()
                      + (why.isEmpty() ? "" : ": " + why));
            });
    if (code == 0) {
      note(
          key
              + " is suspended: a running relay refuses its logins and resumes, and closes its"
              + " connections within "
              + SuspensionWatch.INTERVAL_SECONDS
              + " seconds");
    }
    return code;
  }
}
