package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.crypto.Armor;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A change of a profile's identity files that a crash, a full disk or a lost reply cannot leave
 * half done: the new files are {@linkplain #stage staged} as {@code identity.key.pending} and
 * {@code identity.pub.pending} (synced, and the directory too) before the relay is told,
 * {@linkplain #commit renamed} over the real ones once it acknowledged, and otherwise {@linkplain
 * #settle settled} at the next start by what the relay holds. Staging writes the key file first and
 * committing moves it first, so a lone {@code identity.key.pending} is a staging that never reached
 * the relay and a lone {@code identity.pub.pending} a commit that stopped half way.
 */
final class PendingIdentity {
  private final DurableFiles files;

  PendingIdentity(DurableFiles files) {
    this.files = files;
  }

  /** Whether {@code profile} holds a staged or half-committed change. */
  boolean exists(Profile profile) {
    return Files.exists(profile.pendingKeyFile()) || Files.exists(profile.pendingPublicFile());
  }

  /**
   * Writes {@code keyFile} and {@code identity}'s public bundle as the pending files, synced. On a
   * failure nothing is left staged.
   *
   * @throws CommandException.FileAccess if they cannot be written (the relay is not told then)
   */
  void stage(Profile profile, IdentityKeyPair identity, byte[] keyFile) {
    profile.create();
    byte[] armored =
        Armor.encode(Armor.IDENTITY, identity.bundle().encode())
            .getBytes(StandardCharsets.US_ASCII);
    Path step = profile.pendingKeyFile();
    try {
      files.writeSynced(step, keyFile);
      step = profile.pendingPublicFile();
      files.writeSynced(step, armored);
      step = profile.dir();
      files.syncDirectory(step);
    } catch (IOException e) {
      discardQuietly(profile);
      throw new CommandException.FileAccess("cannot write " + step + ": " + FileIo.reason(e), e);
    }
  }

  /**
   * Renames the pending files over {@code identity.key} and {@code identity.pub} atomically, then
   * syncs the directory.
   *
   * @throws CommandException.FileAccess if that fails (the pending files stay, for {@link #settle})
   */
  void commit(Profile profile) {
    Path step = profile.keyFile();
    try {
      if (Files.exists(profile.pendingKeyFile())) {
        files.moveAtomic(profile.pendingKeyFile(), step);
      }
      step = profile.publicFile();
      if (Files.exists(profile.pendingPublicFile())) {
        files.moveAtomic(profile.pendingPublicFile(), step);
      }
      step = profile.dir();
      files.syncDirectory(step);
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot write " + step + ": " + FileIo.reason(e), e);
    }
  }

  /**
   * Removes the pending files (the relay never took them).
   *
   * @throws CommandException.FileAccess if they cannot be removed
   */
  void discard(Profile profile) {
    try {
      files.delete(profile.pendingKeyFile());
      files.delete(profile.pendingPublicFile());
      files.syncDirectory(profile.dir());
    } catch (IOException e) {
      throw new CommandException.FileAccess(
          "cannot remove " + profile.pendingKeyFile() + ": " + FileIo.reason(e), e);
    }
  }

  private void discardQuietly(Profile profile) {
    try {
      discard(profile);
    } catch (CommandException.FileAccess e) {
      // a leftover is settled at the next start: the relay was not told of it
    }
  }

  /**
   * Settles a change left by a run that stopped: keeps the pending key pair if the relay holds it
   * ({@code registered}, the bundle the relay serves for the user; for a passphrase change, whose
   * public key is the current one, {@code backup}, the relay's key backup, must be the pending key
   * file byte for byte), else removes it. Returns what to tell the user, if anything was pending.
   *
   * @throws CommandException.FileAccess if the files cannot be renamed or removed
   */
  Optional<String> settle(
      Profile profile, Supplier<IdentityBundle> registered, Supplier<Optional<byte[]>> backup) {
    boolean key = Files.exists(profile.pendingKeyFile());
    boolean pub = Files.exists(profile.pendingPublicFile());
    if (!key && !pub) {
      return Optional.empty();
    }
    if (!key) {
      commit(profile); // identity.key was already renamed: finish with identity.pub
      return Optional.empty();
    }
    Optional<IdentityBundle> pending =
        pub ? IdentityFiles.bundle(profile.pendingPublicFile()) : Optional.empty();
    if (pending.isEmpty() || !registered.get().fingerprint().matches(pending.get().fingerprint())) {
      discard(profile);
      return Optional.of(PendingText.NOT_TAKEN);
    }
    boolean sameKeys =
        IdentityFiles.bundle(profile.publicFile())
            .filter(current -> current.fingerprint().matches(pending.get().fingerprint()))
            .isPresent();
    if (sameKeys && !backupIs(backup.get(), profile.pendingKeyFile())) {
      discard(profile);
      return Optional.of(PendingText.PASSPHRASE_NOT_TAKEN);
    }
    commit(profile);
    return Optional.of(sameKeys ? PendingText.PASSPHRASE_TAKEN : PendingText.KEYS_TAKEN);
  }

  private static boolean backupIs(Optional<byte[]> backup, Path keyFile) {
    if (backup.isEmpty()) {
      return false;
    }
    try {
      return MessageDigest.isEqual(backup.get(), Files.readAllBytes(keyFile));
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot read " + keyFile + ": " + FileIo.reason(e), e);
    }
  }
}
