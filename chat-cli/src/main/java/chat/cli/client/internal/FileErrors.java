package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.protocol.ErrorReply;
import chat.protocol.Reply;

/**
 * Turns the relay's answers to file requests into results or the client's failure kinds: refusals a
 * person can act on (too large, over quota, expired, not a member) are usage errors with the
 * relay's words; everything else is as for any request.
 */
final class FileErrors {
  private FileErrors() {}

  /**
   * {@code reply} as a {@code type}.
   *
   * @throws CommandException for an error reply or an unexpected reply
   */
  static <T extends Reply> T expect(Reply reply, Class<T> type) {
    if (type.isInstance(reply)) {
      return type.cast(reply);
    }
    if (reply instanceof ErrorReply error) {
      throw toException(error);
    }
    throw new CommandException.Network("the relay sent an unexpected reply", null);
  }

  /** The failure a person sees for a refused file request. */
  static CommandException toException(ErrorReply error) {
    return switch (error.code()) {
      case FILE_TOO_LARGE,
          FILE_QUOTA_EXCEEDED,
          NO_SUCH_FILE,
          FILE_INCOMPLETE,
          FILE_EXISTS,
          NOT_UPLOADER,
          NO_SUCH_USER ->
          new CommandException.Usage("the relay says: " + error.message());
      case NOT_MEMBER -> new CommandException.NotMember(error.message()); // named by the caller
      default -> RelayErrors.toException(error);
    };
  }
}
