package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KdfParameters;
import chat.crypto.KeyFile;
import chat.protocol.PutKeyBackupReply;
import chat.protocol.PutKeyBackupRequest;
import chat.protocol.Secret;
import chat.protocol.UpdateBundleReply;
import chat.protocol.UpdateBundleRequest;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Replaces a user's identity keys over a connection already logged in with the password: a new key
 * pair sealed under a new passphrase, published with {@code update_bundle} (the password again, the
 * new bundle and the new key backup, which the relay replaces in one step), then written to the
 * profile. The old key file is not needed, so a forgotten passphrase or a leaked key can be
 * replaced. {@link #reseal} changes only the passphrase, keeping the keys.
 */
final class KeyReplacement {
  /**
   * What to do when the relay holds another key for you than this machine: the keys were replaced
   * on another device (bring them here), or by someone else who knows the account password.
   */
  static final String OTHER_KEY_HINT =
      "If you replaced your keys on another device, bring them here ('chat keys export' there,"
          + " 'chat keys import FILE --force' here) or log in with a fresh profile ('chat login"
          + " --home DIR' restores them from the relay's backup); if you did not, someone who knows"
          + " your account password did, or the relay lies: make new keys with 'chat keys"
          + " replace' (/rekey)";

  private KeyReplacement() {}

  /**
   * Makes, publishes and stores the new identity of {@code username} (as registered).
   *
   * @throws CommandException.Auth if the relay refuses the password
   * @throws CommandException.FileAccess if the relay took the new key but the profile could not be
   *     written (the message says how to restore it)
   */
  static IdentityKeyPair replace(
      Profile profile,
      RelayConnection relay,
      String username,
      char[] password,
      char[] newPassphrase,
      SecureRandom random,
      Clock clock,
      KdfParameters kdf) {
    IdentityKeyPair identity = IdentityKeyPair.generate(username, random, clock);
    try {
      byte[] keyFile = KeyFile.seal(identity, newPassphrase, kdf, random);
      try {
        relay.call(
            new UpdateBundleRequest(
                relay.nextId(),
                Secret.ofChars(password),
                Bytes.of(identity.bundle().encode()),
                Bytes.of(keyFile)),
            UpdateBundleReply.class);
      } catch (CommandException.Auth e) {
        throw new CommandException.Auth(
            "wrong password for " + username + ": your keys were not replaced", e);
      }
      try {
        IdentityFiles.write(profile, identity, keyFile);
      } catch (CommandException e) {
        throw new CommandException.FileAccess(
            "the relay now holds your new key, but "
                + e.getMessage()
                + ": run 'chat login' with a fresh profile (--home) to restore it from the"
                + " relay's backup",
            e);
      }
      return identity;
    } catch (RuntimeException e) {
      identity.destroy();
      throw e;
    }
  }

  /**
   * Seals {@code session}'s keys under {@code newPassphrase} and replaces the relay's key backup
   * with it (the relay asks the account {@code password} again for that), then the key file of the
   * session's profile: the keys stay the same.
   *
   * @throws CommandException.Auth if the relay refuses the password (nothing is changed)
   * @throws CommandException.FileAccess if the relay took the new backup but the key file could not
   *     be written (it still opens with the old passphrase)
   */
  static void reseal(
      Session session,
      char[] password,
      char[] newPassphrase,
      KdfParameters kdf,
      SecureRandom random) {
    IdentityKeyPair identity = session.me();
    byte[] keyFile = KeyFile.seal(identity, newPassphrase, kdf, random);
    RelayConnection relay = session.connection();
    try {
      relay.call(
          new PutKeyBackupRequest(relay.nextId(), Secret.ofChars(password), Bytes.of(keyFile)),
          PutKeyBackupReply.class);
    } catch (CommandException.Auth e) {
      throw new CommandException.Auth(
          "wrong password for " + session.username() + ": the passphrase was not changed", e);
    }
    try {
      IdentityFiles.write(session.profile, identity, keyFile);
    } catch (CommandException e) {
      throw new CommandException.FileAccess(
          "the relay's backup of your keys now opens with the new passphrase, but "
              + e.getMessage()
              + "; the key file here still opens with the old one",
          e);
    }
  }
}
