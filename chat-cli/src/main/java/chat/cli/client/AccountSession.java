package chat.cli.client;

import chat.cli.CommandException;
import java.util.List;

/**
 * The account side of a {@link ChatClient}: registering, logging in and out, sessions, key and
 * secret changes, and the profile's stored session.
 */
public interface AccountSession {
  /**
   * Creates the identity locally (key file under the home directory, sealed with {@code
   * passphrase}), registers {@code username} with its public bundle and an encrypted key backup,
   * and logs in.
   */
  void register(String username, char[] password, char[] passphrase);

  /**
   * Refuses what {@link #register} would refuse in {@code username}'s profile before reaching the
   * relay: a name that reads as "you" ({@link chat.protocol.Usernames#isReserved}), a profile
   * holding a key change cut short ({@code identity.key.pending}). Front ends call it before they
   * ask for the password and the passphrase, so that nobody types them for nothing. Local: never
   * touches the network.
   *
   * @throws CommandException.Usage naming the file and what to do, or if {@code username} is not a
   *     valid name
   */
  void checkRegistrable(String username);

  /**
   * Asks the relay whether {@code username} could be registered now, on a connection of its own
   * that sends nothing secret and pins no certificate: front ends call it after {@link
   * #checkRegistrable}, before they ask for the password and the passphrase, so that a taken name
   * is said before they are typed. A relay too old to be asked (before wire version 16), or one
   * that has had too many name checks from this address, is not: the registration checks the name
   * all the same. Also tells that the relay can be reached, as {@link #checkReachable} does.
   *
   * @throws CommandException.Usage with the relay's words if the name is taken, too like a taken
   *     one, or not allowed
   * @throws CommandException.Network if the relay cannot be reached, or presents another
   *     certificate than the one pinned for it
   */
  void checkNameFree(String username);

  /**
   * Logs in with the password, unlocks the local key file with {@code passphrase} (or restores it
   * from the relay's encrypted backup when this machine has none), then catches up from the
   * cursors.
   */
  void login(String username, char[] password, char[] passphrase);

  /**
   * As {@link #login(String, char[], char[])}, taking the key passphrase from {@code passphrase}.
   * The relay client asks for it only once the relay has accepted the password, so a mistyped
   * password is reported before the passphrase is typed; this default asks first. The array it
   * returns is zeroed after use.
   */
  default void login(
      String username, char[] password, java.util.function.Supplier<char[]> passphrase) {
    char[] typed = passphrase.get();
    try {
      login(username, password, typed);
    } finally {
      java.util.Arrays.fill(typed, '\0');
    }
  }

  /**
   * Replaces the identity keys of {@code username}, for a forgotten key passphrase or a key that
   * leaked: logs in with the password, makes a new key pair sealed with {@code newPassphrase} (the
   * old key file is not needed), has the relay replace the registered key and the encrypted key
   * backup in one step (it checks the password again), writes the new key file, and goes on logged
   * in with the new keys. Contacts then see the key as changed until they accept it. The new files
   * are staged as {@code identity.key.pending} before the relay is told and renamed into place
   * after its reply; a run cut short in between is settled by the next login or resume.
   *
   * @throws chat.cli.CommandException.Auth if the password is wrong or {@code newPassphrase} is
   *     shorter than 8 characters
   * @throws chat.cli.CommandException.FileAccess if the profile cannot be written (the message says
   *     whether the relay was told)
   * @throws chat.cli.CommandException.Network if the reply was lost (the next start settles it)
   */
  void replaceKeys(String username, char[] password, char[] newPassphrase);

  /**
   * Changes the passphrase of the logged-in user's key file, keeping the keys: seals them under
   * {@code newPassphrase}, has the relay replace the encrypted key backup with that (so a login on
   * another machine asks the new passphrase; the relay checks the account {@code password} again
   * for it), then replaces the key file here.
   *
   * @throws chat.cli.CommandException.Auth if {@code newPassphrase} is shorter than 8 characters or
   *     the password is wrong
   * @throws chat.cli.CommandException.FileAccess if the profile cannot be written: before the relay
   *     is told (nothing changed), or after (the next login or resume finishes the change)
   */
  void changePassphrase(char[] password, char[] newPassphrase);

  /**
   * Changes the account password of the logged-in user: the relay checks {@code password} (the
   * current one) as a login does, stores {@code newPassword} and ends every other session of the
   * account (other devices must log in again with the new password). This session stays; the keys
   * and their passphrase do not change.
   *
   * @return how many other sessions the relay ended
   * @throws chat.cli.CommandException.Auth if {@code password} is wrong or {@code newPassword} is
   *     shorter than {@link InputRules#MIN_PASSWORD_CHARS}
   * @throws chat.cli.CommandException.RateLimited after too many failed logins of the account
   */
  int changePassword(char[] password, char[] newPassword);

  /**
   * The sessions of the logged-in user's account (their logged-in devices), most recently used
   * first, at most 100; this client's own is marked {@link SessionView#current()}.
   *
   * @throws chat.cli.CommandException.Usage if the relay is older and cannot list sessions
   */
  List<SessionView> sessions();

  /**
   * Ends another session of the logged-in user's account, named by its {@link SessionView#id()}:
   * the relay revokes it and disconnects the device that holds it, which must log in again with the
   * password. This client's own session is ended with {@link #logout()} instead.
   *
   * @throws chat.cli.CommandException.Usage if {@code id} is not a session id, is this session's,
   *     or names no session of the account
   */
  void endSession(String id);

  /**
   * Resumes the session stored under the home directory without a password (no bcrypt on the
   * relay), unlocking the key file with {@code passphrase}.
   *
   * @throws chat.cli.CommandException.Auth if there is no stored session or it expired
   */
  void resume(String username, char[] passphrase);

  /**
   * Checks that the relay accepts connections and shows the certificate pinned in {@code
   * username}'s profile, if one is pinned there (a TLS handshake, then the connection closed;
   * nothing is sent or pinned), so that a person is not asked for a password and a passphrase
   * before finding out it is down or no longer the relay this machine knows.
   *
   * @throws chat.cli.CommandException.Network if it cannot be reached, or its certificate changed
   *     ({@link chat.cli.CommandException.Network#certificateChanged})
   */
  void checkReachable(String username);

  /**
   * Whether this machine holds a session token for {@code username} on this relay, so that {@link
   * #resume} can log in without the password. Local: never touches the network.
   */
  boolean hasStoredSession(String username);

  /**
   * Whether this machine's profile for {@code username} holds a key file ({@link #register} then
   * registers its keys instead of making new ones). Local: never touches the network.
   */
  boolean hasIdentity(String username);

  /**
   * Revokes the session on the relay and forgets the stored token. If the profile cannot be written
   * the session is over all the same: that is a warning through {@link ClientListener#onNotice}. A
   * session the relay had already ended is forgotten as well.
   *
   * @throws chat.cli.CommandException.Network ({@code not logged out: ...}) while not connected, or
   *     when the relay's answer does not come: the session stays, here and on the relay, so that a
   *     logout once connected can end it
   */
  void logout();

  /**
   * Writes what this machine remembers of the session (its token, cursors, accepted message ids)
   * now, even if nothing changed. One-shot commands call it before a change on the relay, so that a
   * full or read-only profile refuses before anything goes out rather than after.
   *
   * @throws chat.cli.CommandException.FileAccess if it cannot be written
   * @throws chat.cli.CommandException.Usage if not logged in
   */
  void saveState();

  /**
   * {@link #saveState()} for {@code username}'s profile, logged in or not: for a change that logs
   * in by itself ({@code chat keys replace}, {@code /rekey}), so that a full or read-only profile
   * refuses before the relay is told anything.
   *
   * @throws chat.cli.CommandException.FileAccess if it cannot be written
   * @throws chat.cli.CommandException.Usage if {@code username} is not a valid name
   */
  void saveState(String username);

  /**
   * Ends the session stored on this machine for {@code username} without logging in and without the
   * key passphrase, so that someone who lost it can still end the session: the relay revokes the
   * stored token (which alone resumes the session), and it is forgotten here.
   *
   * @return whether the relay still knew the session; false if it had already ended (expired, or
   *     logged out elsewhere), in which case the token is forgotten all the same. If the profile
   *     cannot be written the session is over all the same: that is a warning through {@link
   *     ClientListener#onNotice}
   * @throws chat.cli.CommandException.Auth if no session is stored for {@code username}
   * @throws chat.cli.CommandException.Network if the relay cannot be reached
   */
  boolean revokeStoredSession(String username);
}
