package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;

/** Turns the relay's error replies into the client's failure kinds (and so into exit codes). */
final class RelayErrors {
  /** How a failure that quotes the relay's own message begins. */
  static final String RELAY_SAYS = "the relay says: ";

  private RelayErrors() {}

  /**
   * The relay's {@code NO_SUCH_USER} message if it is one of the two forms the protocol gives it,
   * {@code no such user} or {@code no such user: NAME} with NAME a username; else the bare form.
   * Shown as the client's own words, so a relay cannot put other words there.
   */
  private static String noSuchUser(String message) {
    return ErrorCode.isNoSuchUser(message) ? message : ErrorCode.noSuchUser(null);
  }

  /** The failure a person sees for {@code error}. */
  static CommandException toException(ErrorReply error) {
    ErrorCode code = error.code();
    String message = error.message() == null ? code.defaultMessage() : error.message();
    return switch (code) {
      case AUTH_FAILED ->
          // The relay gives every wrong password one message; another one says more (a password
          // change overtaken by another session's) and is shown as it is.
          message.equals(code.defaultMessage())
              ? new CommandException.Auth(
                  "login failed: wrong username or password",
                  null,
                  CommandException.Auth.Refused.PASSWORD)
              : new CommandException.Auth(RELAY_SAYS + message, null);
      case ACCOUNT_SUSPENDED -> new CommandException.AccountSuspended(RELAY_SAYS + message);
      case SESSION_EXPIRED ->
          new CommandException.Auth("the stored session has expired: log in again", null);
      case RATE_LIMITED -> new CommandException.RateLimited(RELAY_SAYS + message);
      case USERNAME_TAKEN,
          INVALID_USERNAME,
          WEAK_PASSWORD,
          NO_SUCH_CONVERSATION,
          NO_KEY_BACKUP,
          NOT_A_GROUP,
          ROOM_EXISTS,
          NOT_GROUP_ADMIN,
          NOT_GROUP_OWNER,
          NOT_INVITED,
          BANNED,
          MUTED,
          NO_SUCH_MESSAGE,
          NOT_YOUR_MESSAGE,
          INVALID_TARGET,
          NO_FRIEND_REQUEST,
          ALREADY_FRIENDS,
          NOT_FRIENDS,
          LIMIT_REACHED,
          NO_SUCH_SESSION ->
          new CommandException.Refused(code, message); // written for people: no raw code
      case OWNER_MUST_TRANSFER -> new CommandException.OwnerCannotLeave(message);
      case NO_SUCH_USER -> new CommandException.NoSuchUser(noSuchUser(message));
      case NOT_MEMBER -> new CommandException.NotMember(message);
      case SENDER_MISMATCH ->
          // the client signs as itself, so only the key can differ: replaced elsewhere
          new CommandException.Untrusted(
              "the relay holds another key for you than the one this client signs with; not"
                  + " sent. "
                  + KeyReplacement.OTHER_KEY_HINT);
      case INVALID_BUNDLE -> new CommandException.KeyRejected(RELAY_SAYS + message, null);
      default ->
          new CommandException.Network(
              "the relay refused: " + message + " (" + code + ")", null, code);
    };
  }
}
