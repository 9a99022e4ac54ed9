package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.cli.KeyFileMemory;
import chat.cli.PrivateFiles;
import chat.crypto.Armor;
import chat.crypto.CryptoException;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KeyFile;
import chat.crypto.MalformedDataException;
import chat.crypto.WrongPassphraseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads, unlocks and writes the identity files of a {@link Profile}. */
final class IdentityFiles {
  private IdentityFiles() {}

  /** Whether the profile holds a key file. */
  static boolean exists(Profile profile) {
    return Files.exists(profile.keyFile());
  }

  /** The key file's bytes. */
  static byte[] read(Profile profile) {
    // Bounded: a key file named by a link to /dev/zero, say, is refused, not read to the end.
    byte[] data = FileIo.read(profile.keyFile(), KeyFile.MAX_FILE_BYTES);
    if (data.length > KeyFile.MAX_FILE_BYTES) {
      throw new CommandException.Auth(profile.keyFile() + " is not a valid key file", null);
    }
    return data;
  }

  /**
   * Unlocks a key file with the passphrase.
   *
   * @param where what to call the file in messages
   * @throws CommandException.Auth on a wrong passphrase or a damaged file
   */
  static IdentityKeyPair unlock(byte[] keyFile, char[] passphrase, String where) {
    try {
      return KeyFileMemory.open(keyFile, passphrase, where);
    } catch (WrongPassphraseException e) {
      throw new CommandException.Auth(
          "wrong passphrase for " + where, e, CommandException.Auth.Refused.PASSPHRASE);
    } catch (MalformedDataException e) {
      throw new CommandException.Auth(where + " is not a valid key file", e);
    } catch (CryptoException e) {
      throw new CommandException.Auth(where + " could not be unlocked", e);
    }
  }

  /**
   * The public bundle of the keys in the profile's key file as it is now, read from the armored
   * bundle written with it ({@code identity.pub}; the key file seals its own copy under the
   * passphrase); empty if either file is missing or the bundle is damaged.
   */
  static Optional<IdentityBundle> currentBundle(Profile profile) {
    return exists(profile) ? bundle(profile.publicFile()) : Optional.empty();
  }

  /** The bundle armored in {@code file}; empty if it is missing or damaged (a write cut short). */
  static Optional<IdentityBundle> bundle(Path file) {
    try {
      return Optional.of(
          IdentityBundle.parse(Armor.decode(Armor.IDENTITY, Files.readAllBytes(file))));
    } catch (IOException | CryptoException e) {
      return Optional.empty();
    }
  }

  /** Writes the key file and the armored public bundle (0600, atomically). */
  static void write(Profile profile, IdentityKeyPair identity, byte[] keyFile) {
    profile.create();
    PrivateFiles.write(profile.keyFile(), keyFile);
    PrivateFiles.write(
        profile.publicFile(),
        Armor.encode(Armor.IDENTITY, identity.bundle().encode())
            .getBytes(StandardCharsets.US_ASCII));
  }

  /** Removes the identity files (after a registration the relay refused). */
  static void delete(Profile profile) {
    try {
      Files.deleteIfExists(profile.keyFile());
      Files.deleteIfExists(profile.publicFile());
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot remove " + profile.keyFile(), e);
    }
  }
}
