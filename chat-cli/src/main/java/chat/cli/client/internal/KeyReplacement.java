package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KdfParameters;
import chat.crypto.KeyFile;
import chat.protocol.PutKeyBackupReply;
import chat.protocol.PutKeyBackupRequest;
import chat.protocol.Reply;
import chat.protocol.Request;
import chat.protocol.Secret;
import chat.protocol.UpdateBundleReply;
import chat.protocol.UpdateBundleRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Replaces a user's identity keys over a connection already logged in with the password: a new key
 * pair sealed under a new passphrase, published with {@code update_bundle} (the password again, the
 * new bundle and the new key backup, which the relay replaces in one step), then written to the
 * profile through {@link PendingIdentity}, so that a crash or a lost reply never leaves the relay
 * with a key this machine has not kept. The old key file is not needed, so a forgotten passphrase
 * or a leaked key can be replaced. {@link #reseal} changes only the passphrase, keeping the keys.
 */
final class KeyReplacement {
  /**
   * What to do when the relay holds another key for you than this machine: the keys were replaced
   * on another device (bring them here), or by someone else who knows the account password.
   */
  static final String OTHER_KEY_HINT =
      "If you replaced your keys on another device, bring them here ('chat keys export' there,"
          + " 'chat keys import FILE --force' here) or log in with a fresh profile ('chat login"
          + " --user NAME --home DIR' restores them from the relay's backup); if you did not, someone"
          + " who knows your account password did, the relay was restored from a backup older than"
          + " your last key change (ask its operator), or the relay lies: make new keys with 'chat"
          + " keys replace' (/rekey)";

  private KeyReplacement() {}

  /**
   * Makes, publishes and stores the new identity of {@code username} (as registered), crash-safe
   * through {@code pending}: staged, told to the relay, then committed. A change an earlier run
   * left pending is settled first, so this one does not overwrite keys the relay holds.
   *
   * @throws CommandException.Auth if the relay refuses the password
   * @throws CommandException.FileAccess if the profile cannot be written before the relay is told
   *     (nothing was sent); once the relay took the change, files that cannot be put in place are a
   *     warning through {@code notice} instead (the next start finishes the change)
   * @throws CommandException.Network if the relay's reply was lost (the next start settles it)
   */
  static IdentityKeyPair replace(
      Session target,
      RelayConnection relay,
      PendingIdentity pending,
      String username,
      char[] password,
      char[] newPassphrase,
      KeyMaking making,
      Consumer<String> notice) {
    LoginIdentity.settle(target, relay, pending, username, notice);
    IdentityKeyPair identity = IdentityKeyPair.generate(username, making.random(), making.clock());
    try {
      byte[] keyFile = KeyFile.seal(identity, newPassphrase, making.kdf(), making.random());
      tell(
          target.profile,
          pending,
          identity,
          keyFile,
          new UpdateBundleRequest(
              relay.nextId(),
              Secret.ofChars(password),
              Bytes.of(identity.bundle().encode()),
              Bytes.of(keyFile)),
          UpdateBundleReply.class,
          relay,
          "wrong password for " + username + ": your keys were not replaced");
      commit(target.profile, pending, "the relay now holds your new key", notice);
      return identity;
    } catch (RuntimeException e) {
      identity.destroy();
      throw e;
    }
  }

  /** The randomness, clock and key-file costs new keys are made with. */
  record KeyMaking(SecureRandom random, Clock clock, KdfParameters kdf) {}

  /**
   * Seals {@code session}'s keys under {@code newPassphrase} and replaces the relay's key backup
   * with it (the relay asks the account {@code password} again for that), then the key file of the
   * session's profile, crash-safe through {@code pending}: the keys stay the same.
   *
   * @throws CommandException.Auth if the relay refuses the password (nothing is changed)
   * @throws CommandException.FileAccess if the profile cannot be written before the relay is told
   *     (nothing was sent); once the relay took the change, files that cannot be put in place are a
   *     warning through {@code notice} instead (the next start finishes the change)
   */
  static void reseal(
      Session session,
      PendingIdentity pending,
      char[] password,
      char[] newPassphrase,
      KdfParameters kdf,
      SecureRandom random,
      Consumer<String> notice) {
    IdentityKeyPair identity = session.me();
    byte[] keyFile = KeyFile.seal(identity, newPassphrase, kdf, random);
    RelayConnection relay = session.connection();
    tell(
        session.profile,
        pending,
        identity,
        keyFile,
        new PutKeyBackupRequest(
            relay.nextId(), relay.keyBackupPassword(password), Bytes.of(keyFile)),
        PutKeyBackupReply.class,
        relay,
        "wrong password for " + session.username() + ": the passphrase was not changed");
    commit(
        session.profile,
        pending,
        "the relay's backup of your keys now opens with the new one",
        notice);
  }

  /**
   * Stages the new files, then sends {@code request}: a refused password removes them again; a lost
   * reply leaves them for the next start to settle.
   */
  private static void tell(
      Profile profile,
      PendingIdentity pending,
      IdentityKeyPair identity,
      byte[] keyFile,
      Request request,
      Class<? extends Reply> expected,
      RelayConnection relay,
      String wrongPassword) {
    try {
      pending.stage(profile, identity, keyFile);
    } catch (CommandException.FileAccess e) {
      throw e.nothingSent();
    }
    try {
      relay.call(request, expected);
    } catch (CommandException.Network e) {
      throw new CommandException.Network(e.getMessage() + PendingText.UNCONFIRMED, e);
    } catch (CommandException e) {
      pending.discard(profile); // refused: the relay keeps what it had
      throw e instanceof CommandException.Auth
          ? new CommandException.Auth(wrongPassword, e, CommandException.Auth.Refused.PASSWORD)
          : e;
    }
  }

  /**
   * Puts the pending files in place once the relay took the change. If that fails the change is
   * still made (the relay holds it, and the next start finishes it here), so it is a warning
   * through {@code notice}, not a failure: a script that retried on failure would change the keys
   * twice.
   */
  private static void commit(
      Profile profile, PendingIdentity pending, String done, Consumer<String> notice) {
    try {
      pending.commit(profile);
    } catch (CommandException.FileAccess e) {
      notice.accept(PendingText.notFinishedHere(done, e.getMessage(), profile));
    }
  }
}
