package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KdfParameters;
import chat.crypto.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PendingIdentityTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final KdfParameters FAST = new KdfParameters(KdfParameters.MIN_MEMORY_KIB, 1, 1);
  private static final char[] OLD_PASSPHRASE = "the old passphrase".toCharArray();
  private static final char[] NEW_PASSPHRASE = "the new passphrase".toCharArray();
  private static IdentityKeyPair oldKeys;
  private static IdentityKeyPair newKeys;
  private static byte[] oldKeyFile;
  private static byte[] newKeyFile;

  @TempDir Path dir;
  private Profile profile;
  private final FailingDurableFiles files = new FailingDurableFiles();
  private final PendingIdentity pending = new PendingIdentity(files);

  @BeforeAll
  static void makeKeys() {
    oldKeys = IdentityKeyPair.generate("alice", RANDOM, Clock.systemUTC());
    newKeys = IdentityKeyPair.generate("alice", RANDOM, Clock.systemUTC());
    oldKeyFile = KeyFile.seal(oldKeys, OLD_PASSPHRASE.clone(), FAST, RANDOM);
    newKeyFile = KeyFile.seal(newKeys, NEW_PASSPHRASE.clone(), FAST, RANDOM);
  }

  @BeforeEach
  void oldKeysInProfile() {
    profile = new Profile(dir.resolve("alice"));
    IdentityFiles.write(profile, oldKeys, oldKeyFile);
  }

  private static Supplier<IdentityBundle> relayHolds(IdentityKeyPair keys) {
    return keys::bundle;
  }

  private static Supplier<Optional<byte[]>> noBackupAsked() {
    return () -> {
      throw new AssertionError("the key backup is asked only for a passphrase change");
    };
  }

  private void assertOldKeysOnly() throws Exception {
    assertThat(Files.readAllBytes(profile.keyFile())).isEqualTo(oldKeyFile);
    assertThat(Files.exists(profile.pendingKeyFile())).isFalse();
    assertThat(Files.exists(profile.pendingPublicFile())).isFalse();
    assertThat(pending.exists(profile)).isFalse();
  }

  private void assertNewKeysOnly(byte[] keyFile) throws Exception {
    assertThat(Files.readAllBytes(profile.keyFile())).isEqualTo(keyFile);
    assertThat(Files.readAllBytes(profile.publicFile()))
        .isEqualTo(Files.readAllBytes(dir.resolve("expected.pub")));
    assertThat(pending.exists(profile)).isFalse();
  }

  private void expectPublicFileOf(IdentityKeyPair keys) {
    IdentityFiles.write(new Profile(dir.resolve("expected")), keys, newKeyFile);
    try {
      Files.copy(dir.resolve("expected").resolve("identity.pub"), dir.resolve("expected.pub"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void stage_writesBothPendingFilesOwnerOnlyAndSynced_realFilesUntouched() throws Exception {
    pending.stage(profile, newKeys, newKeyFile);

    assertThat(files.steps)
        .containsExactly("write identity.key.pending", "write identity.pub.pending", "sync alice");
    assertThat(Files.readAllBytes(profile.pendingKeyFile())).isEqualTo(newKeyFile);
    assertThat(Files.readAllBytes(profile.keyFile())).isEqualTo(oldKeyFile);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(profile.pendingKeyFile())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(profile.pendingPublicFile())))
        .isEqualTo("rw-------");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void stage_failsAtAnyStep_throwsFileAccess_andLeavesNothingPending(int step) throws Exception {
    files.failAt = step;

    assertThatThrownBy(() -> pending.stage(profile, newKeys, newKeyFile))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageContaining("no space left on device");

    assertOldKeysOnly();
  }

  @Test
  void commit_renamesBothOverTheRealFiles_thenSyncsTheDirectory() throws Exception {
    expectPublicFileOf(newKeys);
    pending.stage(profile, newKeys, newKeyFile);
    files.steps.clear();

    pending.commit(profile);

    assertThat(files.steps)
        .containsExactly("move identity.key.pending", "move identity.pub.pending", "sync alice");
    assertNewKeysOnly(newKeyFile);
  }

  @Test
  void settle_afterACommitCutBetweenItsRenames_finishesIt_withoutAskingTheRelay() throws Exception {
    expectPublicFileOf(newKeys);
    pending.stage(profile, newKeys, newKeyFile);
    files.failAt = files.steps.size() + 2; // the second rename
    assertThatThrownBy(() -> pending.commit(profile))
        .isInstanceOf(CommandException.FileAccess.class);
    files.failAt = 0;

    Optional<String> said =
        pending.settle(
            profile,
            () -> {
              throw new AssertionError("not asked");
            },
            noBackupAsked());

    assertThat(said).isEmpty();
    assertNewKeysOnly(newKeyFile);
  }

  @Test
  void settle_relayHoldsThePendingKey_keepsIt() throws Exception {
    expectPublicFileOf(newKeys);
    pending.stage(profile, newKeys, newKeyFile);

    Optional<String> said = pending.settle(profile, relayHolds(newKeys), noBackupAsked());

    assertThat(said).contains(PendingText.KEYS_TAKEN);
    assertNewKeysOnly(newKeyFile);
  }

  @Test
  void settle_relayHoldsTheOldKey_removesThePendingFiles() throws Exception {
    pending.stage(profile, newKeys, newKeyFile);

    Optional<String> said = pending.settle(profile, relayHolds(oldKeys), noBackupAsked());

    assertThat(said).contains(PendingText.NOT_TAKEN);
    assertOldKeysOnly();
  }

  @Test
  void settle_aStagingCutBeforeThePublicFile_removesIt() throws Exception {
    // a crash while staging (not a failure, which cleans up): the key file alone is left
    Files.write(profile.pendingKeyFile(), newKeyFile);

    Optional<String> said = pending.settle(profile, relayHolds(newKeys), noBackupAsked());

    assertThat(said).contains(PendingText.NOT_TAKEN);
    assertOldKeysOnly();
  }

  @Test
  void settle_damagedPendingPublicFile_removesIt() throws Exception {
    pending.stage(profile, newKeys, newKeyFile);
    Files.write(profile.pendingPublicFile(), "-----BEGIN CHAT IDENTITY-----\nAAA".getBytes());

    assertThat(pending.settle(profile, relayHolds(newKeys), noBackupAsked()))
        .contains(PendingText.NOT_TAKEN);
    assertOldKeysOnly();
  }

  @Test
  void settle_passphraseChange_keepsItOnlyIfTheRelaysBackupIsThePendingFile() throws Exception {
    byte[] resealed = KeyFile.seal(oldKeys, NEW_PASSPHRASE.clone(), FAST, RANDOM);
    pending.stage(profile, oldKeys, resealed);
    assertThat(pending.settle(profile, relayHolds(oldKeys), () -> Optional.of(oldKeyFile)))
        .contains(PendingText.PASSPHRASE_NOT_TAKEN);
    assertOldKeysOnly();

    pending.stage(profile, oldKeys, resealed);
    assertThat(pending.settle(profile, relayHolds(oldKeys), Optional::empty))
        .contains(PendingText.PASSPHRASE_NOT_TAKEN);
    assertOldKeysOnly();

    pending.stage(profile, oldKeys, resealed);
    assertThat(pending.settle(profile, relayHolds(oldKeys), () -> Optional.of(resealed.clone())))
        .contains(PendingText.PASSPHRASE_TAKEN);
    assertThat(Files.readAllBytes(profile.keyFile())).isEqualTo(resealed);
    assertThat(pending.exists(profile)).isFalse();
  }

  @Test
  void settle_nothingPending_asksNothing() {
    assertThat(
            pending.settle(
                profile,
                () -> {
                  throw new AssertionError("not asked");
                },
                noBackupAsked()))
        .isEmpty();
    assertThat(files.steps).isEmpty();
  }
}
