package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.InputRules;
import chat.crypto.Bytes;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import chat.protocol.ErrorCode;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.PutKeyBackupReply;
import chat.protocol.PutKeyBackupRequest;
import chat.protocol.RegisterReply;
import chat.protocol.RegisterRequest;
import chat.protocol.Secret;
import chat.protocol.Usernames;
import java.nio.file.Path;

/**
 * A new account for {@link SessionManager}: the password and passphrase rules, the identity made
 * (or found in the profile), {@code register}, the first login and the key backup.
 */
final class Registration {
  private Registration() {}

  /**
   * Refuses to register in a profile that holds a key change cut short ({@link PendingIdentity}):
   * only a login to the account that made it can tell, by what the relay holds, which keys are in
   * use, and a new account would take or discard them blindly.
   *
   * @throws CommandException.Usage naming the file and what to do (nothing was sent)
   */
  static void refusePending(Profile profile, PendingIdentity pending) {
    if (pending.exists(profile)) {
      Path file =
          java.nio.file.Files.exists(profile.pendingKeyFile())
              ? profile.pendingKeyFile()
              : profile.pendingPublicFile();
      throw new CommandException.Usage(
          file
              + " holds a key change of the account in "
              + profile.dir()
              + " that was cut short; nothing was registered. Log in to that account once"
              + " ('chat login', /login) to finish or undo it; if that account no longer exists,"
              + " remove "
              + profile.pendingKeyFile().getFileName()
              + " and "
              + profile.pendingPublicFile().getFileName()
              + "; or register in another profile (--home DIR)");
    }
  }

  /**
   * Refuses to register {@code username} in a profile whose public bundle names another spelling of
   * it ({@link #refuseOtherSpelling}); nothing to refuse without one.
   */
  static void refuseHeld(Profile profile, String username) {
    IdentityFiles.currentBundle(profile)
        .map(IdentityBundle::userId)
        .ifPresent(held -> refuseOtherSpelling(profile, held, username));
  }

  /**
   * Refuses to register {@code username} in a profile holding the keys of {@code held}, the same
   * name in another case: usernames ignore case, so it is that profile's account, not a new one.
   */
  private static void refuseOtherSpelling(Profile profile, String held, String username) {
    if (!Usernames.key(held).equals(Usernames.key(username))) { // one profile given for all
      throw new CommandException.Usage(
          profile.dir() + " holds the identity of " + held + ", not " + username);
    }
    if (!held.equals(username)) {
      throw new CommandException.Usage(
          "this device already has a profile for "
              + held
              + " ("
              + profile.dir()
              + "), and usernames ignore case: "
              + loginOrAnother(held));
    }
  }

  /**
   * The identity kept in {@code profile}, which registering again reuses; a wrong passphrase is
   * refused saying so, since the person typing it may have thought the name new on this device.
   */
  private static IdentityKeyPair unlockKept(
      Profile profile, byte[] keyFile, char[] passphrase, String username) {
    try {
      return IdentityFiles.unlock(keyFile, passphrase, profile.keyFile().toString());
    } catch (CommandException.Auth e) {
      if (e.refused().isEmpty()) {
        throw e;
      }
      throw new CommandException.Auth(
          "the passphrase does not open the key file this device already keeps for "
              + username
              + " ("
              + profile.keyFile()
              + "), which registering reuses: "
              + loginOrAnother(username),
          e,
          CommandException.Auth.Refused.PASSPHRASE);
    }
  }

  /** What to do instead of registering a name whose keys this device holds. */
  private static String loginOrAnother(String username) {
    return "log in as " + username + " if that account exists, or register another name";
  }

  /** Whether the relay refused the name as taken (not as too like another, which it words). */
  private static boolean takenOutright(CommandException e) {
    return e instanceof CommandException.Usage
        && ErrorCode.USERNAME_TAKEN.defaultMessage().equals(e.getMessage());
  }

  /**
   * Registers {@code username} with a new identity (or the one already in its profile, unlocked
   * with {@code passphrase}), logs in and stores the key backup; the new session goes live. A
   * registration the relay refused removes the identity it made. A profile holding a key change cut
   * short ({@code pending}) is refused before anything is made or sent.
   */
  static void register(
      SessionManager manager,
      PendingIdentity pending,
      String username,
      char[] password,
      char[] passphrase,
      KeyReplacement.KeyMaking making) {
    InputRules.requireNewPassword(password);
    InputRules.requireNewPassphrase(passphrase);
    Profile profile = manager.profileFor(username);
    refusePending(profile, pending);
    boolean existing = IdentityFiles.exists(profile);
    byte[] keyFile;
    IdentityKeyPair identity;
    if (existing) {
      refuseHeld(profile, username);
      keyFile = IdentityFiles.read(profile);
      identity = unlockKept(profile, keyFile, passphrase, username);
      refuseOtherSpelling(profile, identity.userId(), username);
    } else {
      identity = IdentityKeyPair.generate(username, making.random(), making.clock());
      keyFile = KeyFile.seal(identity, passphrase, making.kdf(), making.random());
      IdentityFiles.write(profile, identity, keyFile);
    }
    Session target = manager.newSession(profile);
    boolean registered = false;
    LoginReply login;
    try {
      RelayConnection relay = manager.connect(target);
      relay.call(
          new RegisterRequest(
              relay.nextId(),
              username,
              Secret.ofChars(password),
              Bytes.of(identity.bundle().encode())),
          RegisterReply.class);
      registered = true;
      login =
          relay.call(
              new LoginRequest(relay.nextId(), username, Secret.ofChars(password)),
              LoginReply.class);
      relay.call(
          new PutKeyBackupRequest(
              relay.nextId(), relay.keyBackupPassword(password), Bytes.of(keyFile)),
          PutKeyBackupReply.class);
    } catch (CommandException e) {
      target.end();
      if (!existing && !registered) {
        IdentityFiles.delete(profile);
      }
      if (existing && !registered && takenOutright(e)) {
        throw new CommandException.Usage(
            username
                + " is registered already, and this device keeps keys for "
                + username
                + " ("
                + profile.dir()
                + "): if that account is yours, log in as "
                + username
                + "; else register another name");
      }
      throw e;
    }
    manager.established(target, identity, login);
  }
}
