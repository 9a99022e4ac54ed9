package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.Advice;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.GetKeyBackupRequest;
import chat.protocol.KeyBackupReply;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The identity a password login unlocks: the profile's key file, or on a new machine the relay's
 * encrypted backup of it (then written to the profile), checked against the key the relay holds for
 * the user; and the same for a resumed session. A key change an interrupted run left pending is
 * settled first ({@link PendingIdentity}).
 */
final class LoginIdentity {
  private LoginIdentity() {}

  /**
   * Settles a key change left pending in {@code target}'s profile ({@link PendingIdentity#settle})
   * by what the relay holds for {@code username}, and tells {@code notice} what was kept.
   */
  static void settle(
      Session target,
      RelayConnection relay,
      PendingIdentity pending,
      String username,
      Consumer<String> notice) {
    if (pending.exists(target.profile)) {
      pending
          .settle(target.profile, () -> target.keys.fetch(username), () -> backup(relay))
          .ifPresent(notice);
    }
  }

  private static Optional<byte[]> backup(RelayConnection relay) {
    try {
      return Optional.of(
          relay
              .call(new GetKeyBackupRequest(relay.nextId()), KeyBackupReply.class)
              .backup()
              .toByteArray());
    } catch (CommandException.Usage e) {
      return Optional.empty(); // no backup on the relay
    }
  }

  /**
   * After a password login as {@code username}: settles a pending key change, then unlocks the
   * profile's key file with {@code passphrase}, or restores it from the relay's backup over {@code
   * relay} (and says so through {@code notice}).
   */
  static IdentityKeyPair unlockOrRestore(
      Session target,
      RelayConnection relay,
      PendingIdentity pending,
      String username,
      char[] passphrase,
      Consumer<String> notice) {
    Profile profile = target.profile;
    settle(target, relay, pending, username, notice);
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
    notice.accept("restored your keys from the encrypted backup on the relay");
    return identity;
  }

  /**
   * Before a resume: the profile's keys unlocked with {@code passphrase} (run while the connection
   * opens, {@link BackgroundUnlock}: a wrong passphrase is refused before the session is resumed),
   * or empty when a key change is pending, which the relay must settle first ({@link #resumed}).
   *
   * @throws CommandException.Auth if the profile holds no keys or the passphrase is wrong
   */
  static Optional<IdentityKeyPair> beforeResume(
      Profile profile, PendingIdentity pending, char[] passphrase) {
    if (pending.exists(profile)) {
      return Optional.empty();
    }
    if (!IdentityFiles.exists(profile)) {
      throw new CommandException.Auth(
          "no keys in " + profile.dir() + ": log in with the password", null);
    }
    return Optional.of(
        IdentityFiles.unlock(
            IdentityFiles.read(profile), passphrase, profile.keyFile().toString()));
  }

  /**
   * After the relay resumed {@code username}'s session: settles a pending key change, unlocks the
   * keys if {@link #beforeResume} did not, and checks them against the key the relay holds ({@link
   * #checkRegistered}), so that a key replaced elsewhere (or a lying relay) stops the session
   * before anything is sent that nobody could read.
   */
  static IdentityKeyPair resumed(
      Session target,
      RelayConnection relay,
      PendingIdentity pending,
      Optional<IdentityKeyPair> unlocked,
      char[] passphrase,
      String username,
      Consumer<String> notice) {
    settle(target, relay, pending, username, notice);
    Profile profile = target.profile;
    IdentityKeyPair identity =
        unlocked.isPresent() ? unlocked.get() : beforeResume(profile, pending, passphrase).get();
    try {
      checkRegistered(profile, target.keys, identity, username);
    } catch (RuntimeException e) {
      identity.destroy();
      throw e;
    }
    return identity;
  }

  /**
   * Refuses an identity of another user, or one whose key is not the one the relay holds for {@code
   * username} (fetched through {@code keys}). The profile's key file is read again for the advice:
   * when it already holds the relay's key (replaced in another window of this profile), logging in
   * again is all that is needed; otherwise the keys must be brought here.
   */
  static void checkRegistered(
      Profile profile, KeyDirectory keys, IdentityKeyPair identity, String username) {
    if (!identity.userId().equals(username)) {
      throw new CommandException.Usage(
          profile.dir() + " holds the identity of " + identity.userId() + ", not " + username);
    }
    IdentityBundle registered = keys.fetch(username);
    if (!registered.fingerprint().matches(identity.bundle().fingerprint())) {
      boolean fileHoldsIt =
          IdentityFiles.currentBundle(profile)
              .filter(file -> file.fingerprint().matches(registered.fingerprint()))
              .isPresent();
      if (fileHoldsIt) {
        // replaced by another window or command of this profile: the keys are already here
        throw new CommandException.Untrusted(
            "the relay holds another key for "
                + username
                + " ("
                + registered.fingerprint().shortForm()
                + ") than this session ("
                + identity.bundle().fingerprint().shortForm()
                + "): the keys were replaced in another window or command of this profile, and "
                + profile.keyFile()
                + " already holds the new ones: "
                + Advice.KeysReplaced.LOG_IN_TO_USE_THEM);
      }
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
