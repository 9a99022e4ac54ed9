package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.InputRules;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KdfParameters;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.LogoutReply;
import chat.protocol.LogoutRequest;
import chat.protocol.Secret;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The logins of {@link SessionManager} that send the account password: a plain login, which then
 * unlocks or restores the keys, and a login that replaces the keys ({@link KeyReplacement}). Each
 * starts a new session; one that fails after the relay accepted the password is revoked there.
 */
final class PasswordLogins {
  private final SessionManager manager;
  private final PendingIdentity pending;
  private final ScheduledExecutorService timer;
  private final SecureRandom random;
  private final Clock clock;
  private final KdfParameters kdf;

  PasswordLogins(
      SessionManager manager,
      PendingIdentity pending,
      ScheduledExecutorService timer,
      SecureRandom random,
      Clock clock,
      KdfParameters kdf) {
    this.manager = manager;
    this.pending = pending;
    this.timer = timer;
    this.random = random;
    this.clock = clock;
    this.kdf = kdf;
  }

  /**
   * Logs in with the password, then asks {@code passphrase} (zeroed after use) and unlocks or
   * restores the keys.
   */
  void login(String username, char[] password, Supplier<char[]> passphrase) {
    passwordLogin(
        username,
        password,
        false,
        (target, relay, login) -> {
          char[] typed = askKeepingAlive(relay, passphrase);
          IdentityKeyPair identity;
          try {
            identity =
                LoginIdentity.unlockOrRestore(
                    target, relay, pending, login.username(), typed, manager::notice);
          } finally {
            java.util.Arrays.fill(typed, '\0');
          }
          LoginIdentity.checkRegistered(target.profile, target.keys, identity, login.username());
          return identity;
        });
  }

  /**
   * Logs in with the password and replaces the identity keys ({@link KeyReplacement}); the old key
   * file is neither needed nor kept. The session then goes on with the new keys.
   */
  void replaceKeys(String username, char[] password, char[] newPassphrase) {
    InputRules.requireNewPassphrase(newPassphrase);
    passwordLogin(
        username,
        password,
        true,
        (target, relay, login) ->
            KeyReplacement.replace(
                target,
                relay,
                pending,
                login.username(),
                password,
                newPassphrase,
                new KeyReplacement.KeyMaking(random, clock, kdf),
                manager::notice));
  }

  /** The keys a new session goes on with, once the relay accepted the password. */
  private interface KeysAfterLogin {
    IdentityKeyPair keys(Session target, RelayConnection relay, LoginReply login);
  }

  /**
   * Logs in as {@code username} with the password on a new session, which then goes on with the
   * keys {@code keys} gives. A failure after the relay accepted the password revokes that session;
   * a success ends the session it replaced in the profile ({@link StoredSessions#endReplaced}).
   * With {@code keepCurrent}, the client's current session goes on until the relay accepts the
   * password, so that a mistyped one leaves it as it was ({@code /rekey}); else it ends first.
   */
  private void passwordLogin(
      String username, char[] password, boolean keepCurrent, KeysAfterLogin keys) {
    Profile profile = manager.profileFor(username);
    Session target = keepCurrent ? manager.newSessionBeside(profile) : manager.newSession(profile);
    Optional<ClientState.Session> replaced = StoredSessions.replaceable(target, username);
    RelayConnection relay = null;
    LoginReply login = null;
    boolean ended = false;
    try {
      relay = manager.connect(target);
      login = login(relay, username, password, keepCurrent);
      if (keepCurrent) {
        ended = manager.endCurrent("leaving this session for one with new keys");
        // what the ended session saw while this one logged in: not caught up a second time
        target.state.mergeSaved();
      }
      manager.established(target, keys.keys(target, relay, login), login);
    } catch (RuntimeException e) {
      if (login != null) {
        login.token().destroy();
        revokeQuietly(relay);
        if (ended) {
          // The session it was to replace ended once the relay accepted the password. Only a
          // front end that runs slash commands has a session to replace (a /rekey).
          manager.notice("you are logged out: /login " + username + " to log in again");
        }
      }
      target.end();
      throw e;
    }
    RelayConnection live = relay;
    replaced.ifPresent(old -> StoredSessions.endReplaced(live, old));
  }

  /**
   * Sends the login; a wrong password while a current session goes on ({@code keepCurrent}, a
   * {@code /rekey}) says that nothing changed.
   */
  private static LoginReply login(
      RelayConnection relay, String username, char[] password, boolean keepCurrent) {
    try {
      return relay.call(
          new LoginRequest(relay.nextId(), username, Secret.ofChars(password)), LoginReply.class);
    } catch (CommandException.Auth e) {
      if (keepCurrent && e.refused().equals(Optional.of(CommandException.Auth.Refused.PASSWORD))) {
        throw new CommandException.Auth(
            "login failed: wrong username or password; your keys were not replaced",
            e,
            CommandException.Auth.Refused.PASSWORD);
      }
      throw e;
    }
  }

  /**
   * Asks {@code passphrase} while pinging {@code relay}, so a person who takes longer than the
   * relay's idle timeout to type it does not find the new session's connection closed.
   */
  private char[] askKeepingAlive(RelayConnection relay, Supplier<char[]> passphrase) {
    long every = manager.options().keepAlive().toMillis();
    ScheduledFuture<?> pinging =
        timer.scheduleWithFixedDelay(relay::keepAlive, every, every, TimeUnit.MILLISECONDS);
    try {
      return passphrase.get();
    } finally {
      pinging.cancel(false);
    }
  }

  /** Ends the session a login just started and will not use (the passphrase was refused). */
  private static void revokeQuietly(RelayConnection relay) {
    try {
      relay.call(new LogoutRequest(relay.nextId()), LogoutReply.class);
    } catch (RuntimeException e) {
      // the connection closes next; the unused token expires on the relay
    }
  }
}
