package chat.server.internal.cli;

import chat.server.RoomLimits;
import chat.server.internal.storage.UserLimitRepository;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chat-server users set-limit USER --max-rooms N}: gives one user a limit of their own on
 * the rooms and groups they may create, in place of the relay's {@code --max-rooms-per-user};
 * {@code --max-rooms default} takes it away. It changes one row of {@code relay.db} in one short
 * transaction ({@link UserChange}), so it is safe while the relay runs, which applies it from the
 * user's next new room. A change is recorded as an {@code ADMIN} audit event in the same
 * transaction ({@code room limit set to 500 (was --max-rooms-per-user) by OS user ops}); setting
 * the limit the user already has records nothing. Then it prints the user's line as {@code users
 * show} does. The conversation limit has no such setting: it keeps a login reply within a frame.
 */
@Command(
    name = "set-limit",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = {
      "Set one user's own limit on the rooms and groups they may create, in place of"
          + " --max-rooms-per-user, or remove it.",
      "Changes one row of relay.db: safe while the relay runs, which applies it at once."
    })
public final class SetLimitCommand extends UserChange {
  /** The {@code --max-rooms} value that removes the user's own limit. */
  static final String DEFAULT = "default";

  @Option(
      names = "--max-rooms",
      required = true,
      paramLabel = "N|default",
      description =
          "Rooms and groups this user may create, 1 to 100000 (a room counts while it has"
              + " members); 'default' for --max-rooms-per-user again.")
  String maxRooms;

  @Override
  public Integer call() {
    String key = key();
    OptionalInt own = ownMaxRooms();
    UserLimitRepository userLimits = new UserLimitRepository();
    return apply(
        key,
        (connection, user) -> {
          OptionalInt before = userLimits.maxRooms(connection, user);
          if (before.equals(own)) {
            return; // nothing changes, so nothing is recorded
          }
          if (own.isPresent()) {
            userLimits.setMaxRooms(connection, user, own.getAsInt());
          } else {
            userLimits.clearMaxRooms(connection, user);
          }
          audit(
              connection,
              System.currentTimeMillis(),
              user,
              "room limit set to "
                  + limitText(own)
                  + " (was "
                  + limitText(before)
                  + ") by OS user "
                  + OperatorAudit.operator());
        });
  }

  /** A user's own room limit as the audit log names it: the count, or the relay's option. */
  private static String limitText(OptionalInt own) {
    return own.isPresent() ? Integer.toString(own.getAsInt()) : "--max-rooms-per-user";
  }

  /**
   * The typed {@code --max-rooms}: a count, or empty for {@value #DEFAULT}.
   *
   * @throws CommandLine.ParameterException if it is neither (exit 2)
   */
  private OptionalInt ownMaxRooms() {
    if (maxRooms.equalsIgnoreCase(DEFAULT)) {
      return OptionalInt.empty();
    }
    try {
      int rooms = Integer.parseInt(maxRooms);
      if (rooms >= 1 && rooms <= RoomLimits.MAX_COUNT) {
        return OptionalInt.of(rooms);
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "--max-rooms must be 1 to "
            + RoomLimits.MAX_COUNT
            + " or "
            + DEFAULT
            + " (got '"
            + Printable.text(maxRooms)
            + "')");
  }
}
