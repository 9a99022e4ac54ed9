package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.GetKeyBackupRequest;
import chat.protocol.KeyBackupReply;

/**
 * The identity a password login unlocks: the profile's key file, or on a new machine the relay's
 * encrypted backup of it (then written to the profile), checked against the key the relay holds for
 * the user.
 */
final class LoginIdentity {
  private LoginIdentity() {}

  /**
   * Unlocks the profile's key file with {@code passphrase}, or restores it from the relay's backup
   * over {@code relay} and runs {@code restored}.
   */
  static IdentityKeyPair unlockOrRestore(
      Profile profile, RelayConnection relay, char[] passphrase, Runnable restored) {
    if (IdentityFiles.exists(profile)) {
      return IdentityFiles.unlock(
          IdentityFiles.read(profile), passphrase, profile.keyFile().toString());
    }
    KeyBackupReply backup;
    try {
      backup = relay.call(new GetKeyBackupRequest(relay.nextId()), KeyBackupReply.class);
    } catch (CommandException.Usage e) {
      throw new CommandException.Usage(
          "no keys on this machine and no key backup on the relay: import your keys with"
              + " 'chat keys import' first");
    }
    byte[] keyFile = backup.backup().toByteArray();
    IdentityKeyPair identity =
        IdentityFiles.unlock(keyFile, passphrase, "the key backup on the relay");
    IdentityFiles.write(profile, identity, keyFile);
    restored.run();
    return identity;
  }

  /**
   * Refuses an identity of another user, or one whose key is not the one the relay holds for {@code
   * username} (fetched through {@code keys}).
   */
  static void checkRegistered(
      Profile profile, KeyDirectory keys, IdentityKeyPair identity, String username) {
    if (!identity.userId().equals(username)) {
      throw new CommandException.Usage(
          profile.dir() + " holds the identity of " + identity.userId() + ", not " + username);
    }
    IdentityBundle registered = keys.fetch(username);
    if (!registered.fingerprint().matches(identity.bundle().fingerprint())) {
      throw new CommandException.Untrusted(
          "the relay holds another key for "
              + username
              + " ("
              + registered.fingerprint().shortForm()
              + ") than the one in "
              + profile.keyFile()
              + " ("
              + identity.bundle().fingerprint().shortForm()
              + "). "
              + KeyReplacement.OTHER_KEY_HINT);
    }
  }
}
