package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.protocol.LogoutReply;
import chat.protocol.LogoutRequest;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.protocol.Usernames;

/**
 * The session token a profile keeps so that a later run resumes without the password. The token
 * alone is what the relay checks: resuming it needs no key, so ending it needs none either.
 */
final class StoredSessions {
  private StoredSessions() {}

  /**
   * The session stored in {@code target}'s profile for {@code username}.
   *
   * @throws CommandException.Auth if there is none (or it is another user's)
   */
  static ClientState.Session of(Session target, String username, String server) {
    return target
        .state
        .session()
        .filter(s -> Usernames.key(s.username()).equals(Usernames.key(username)))
        .orElseThrow(
            () ->
                new CommandException.Auth(
                    "no stored session for "
                        + username
                        + " on "
                        + server
                        + ": log in with the password",
                    null));
  }

  /**
   * Ends {@code stored} on the relay through {@code relay}, a new connection: resumes it with its
   * token and logs out there. The key file stays locked. Forgets the token in {@code target}'s
   * state, also when the relay no longer knew it.
   *
   * @return whether the relay still knew the session (false: it had already ended)
   */
  static boolean revoke(Session target, ClientState.Session stored, RelayConnection relay) {
    try {
      relay.call(new ResumeRequest(relay.nextId(), Secret.of(stored.token())), ResumeReply.class);
    } catch (CommandException.Auth e) {
      target.state.session(null);
      return false;
    }
    relay.call(new LogoutRequest(relay.nextId()), LogoutReply.class);
    target.state.session(null);
    return true;
  }
}
