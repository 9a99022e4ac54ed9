package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.InputRules;
import chat.protocol.ChangePasswordReply;
import chat.protocol.ChangePasswordRequest;
import chat.protocol.ErrorCode;
import chat.protocol.Secret;

/**
 * Changes the account password over a logged-in session with {@code change_password}: the relay
 * checks the current password as a login does, stores the new one and ends every other session of
 * the account. This session, and the token stored for it, stay valid; the key file is not touched.
 */
final class PasswordChange {
  private PasswordChange() {}

  /**
   * Sends the change over {@code session}'s connection.
   *
   * @return how many other sessions the relay ended
   * @throws CommandException.Auth if the new password is too short or the current one is wrong
   * @throws CommandException.RateLimited if the account or address is locked after failed logins
   * @throws CommandException.Network if the relay does not know the request (an older relay)
   */
  static int change(Session session, char[] password, char[] newPassword) {
    InputRules.requireNewPassword(newPassword);
    RelayConnection relay = session.connection();
    try {
      return relay
          .call(
              new ChangePasswordRequest(
                  relay.nextId(), Secret.ofChars(password), Secret.ofChars(newPassword)),
              ChangePasswordReply.class)
          .sessionsEnded();
    } catch (CommandException.Auth e) {
      if (e.getMessage()
          .startsWith(RelayErrors.RELAY_SAYS)) { // changed by another session meanwhile
        throw new CommandException.Auth(e.getMessage() + ": the password was not changed", e);
      }
      throw new CommandException.Auth(
          "wrong password for " + session.username() + ": the password was not changed",
          e,
          CommandException.Auth.Refused.PASSWORD);
    } catch (CommandException.Network e) {
      if (e.getMessage().contains(ErrorCode.BAD_FRAME.name())) {
        throw new CommandException.Network(
            "this relay cannot change passwords (it is older than this client): the password was"
                + " not changed",
            e);
      }
      throw e;
    }
  }
}
