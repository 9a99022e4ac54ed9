package chat.cli;

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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * An identity directory: {@code identity.key} (the encrypted {@link KeyFile}) and {@code
 * identity.pub} (the armored public bundle), both owner-only.
 */
final class IdentityHome {
  /** File name of the encrypted private keys. */
  static final String KEY_FILE_NAME = "identity.key";

  /** File name of the armored public bundle. */
  static final String PUBLIC_FILE_NAME = "identity.pub";

  /** A key change staged here and not yet settled: the new key file. */
  static final String PENDING_KEY_FILE_NAME = "identity.key.pending";

  /** A key change staged here and not yet settled: the new public bundle, put in place last. */
  static final String PENDING_PUBLIC_FILE_NAME = "identity.pub.pending";

  private final Path dir;

  /** What to do when the folder holds no identity, as the line that says so ends. */
  private final String whenMissing;

  /** An identity folder of the offline commands ({@code --home DIR}). */
  IdentityHome(Path dir) {
    this(dir, "create one with 'chat identity new --home " + dir + "'");
  }

  /** An identity folder; {@code whenMissing} says what to do when it holds none. */
  IdentityHome(Path dir, String whenMissing) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.whenMissing = Objects.requireNonNull(whenMissing, "whenMissing");
  }

  Path dir() {
    return dir;
  }

  Path keyFile() {
    return dir.resolve(KEY_FILE_NAME);
  }

  Path publicFile() {
    return dir.resolve(PUBLIC_FILE_NAME);
  }

  /**
   * What a key change of this profile that was cut short (a pending file left here, see {@code chat
   * keys replace}) means for a command that reads its files, if one was: which file holds what, and
   * that the next login settles it. Empty when none is pending.
   */
  Optional<String> keyChangeCutShort() {
    Path pendingKey = dir.resolve(PENDING_KEY_FILE_NAME);
    Path pendingPublic = dir.resolve(PENDING_PUBLIC_FILE_NAME);
    boolean keyPending = Files.exists(pendingKey);
    if (!keyPending && !Files.exists(pendingPublic)) {
      return Optional.empty();
    }
    return Optional.of(
        "a key change of this profile was cut short ("
            + (keyPending ? pendingKey : pendingPublic)
            + " is there): the next login, or command that reaches the relay, finishes it (or"
            + " undoes it, if the relay never took it). Until then "
            + PUBLIC_FILE_NAME
            + " holds the key from before the change, and "
            + KEY_FILE_NAME
            + (keyPending
                ? " the key file from before it"
                : " already the new key file (the change was being put in place)"));
  }

  /** True if either file of an identity is present. */
  boolean hasIdentity() {
    return Files.exists(keyFile()) || Files.exists(publicFile());
  }

  /** The verified public bundle from {@code identity.pub}; needs no passphrase. */
  IdentityBundle bundle() {
    requirePresent(publicFile());
    return BundleFiles.load(publicFile());
  }

  /** The raw bytes of {@code identity.key}. */
  byte[] keyFileBytes() {
    requirePresent(keyFile());
    byte[] data = FileIo.read(keyFile(), KeyFile.MAX_FILE_BYTES);
    if (data.length > KeyFile.MAX_FILE_BYTES) {
      throw new CommandException.Auth(keyFile() + " is not a valid key file (too large)", null);
    }
    return data;
  }

  /**
   * Decrypts {@code keyFile}, the bytes of this directory's {@code identity.key}, with the
   * passphrase.
   *
   * @throws CommandException.Auth on a wrong passphrase or a damaged key file
   */
  IdentityKeyPair unlock(byte[] keyFile, Passphrase passphrase) {
    return unlock(keyFile, passphrase, keyFile());
  }

  /**
   * Decrypts {@code keyFile}, the bytes read from {@code source}, with the passphrase.
   *
   * @throws CommandException.Auth naming {@code source} on a wrong passphrase or a damaged key file
   */
  static IdentityKeyPair unlock(byte[] keyFile, Passphrase passphrase, Path source) {
    try {
      return KeyFileMemory.open(keyFile, passphrase.chars(), source.toString());
    } catch (WrongPassphraseException e) {
      throw new CommandException.Auth(
          "wrong passphrase ("
              + passphrase.source()
              + ") for "
              + source
              + ", or the key file is damaged",
          e);
    } catch (MalformedDataException e) {
      throw new CommandException.Auth(
          source + " is not a valid key file (" + e.getMessage() + ")", e);
    } catch (CryptoException e) {
      throw new CommandException.Auth(source + " could not be unlocked", e);
    }
  }

  /** Creates the directory (0700) and writes both files (0600), key file first. */
  void create(IdentityBundle bundle, byte[] keyFile) {
    PrivateFiles.createDirectory(dir);
    PrivateFiles.write(keyFile(), keyFile);
    byte[] armored =
        Armor.encode(Armor.IDENTITY, bundle.encode()).getBytes(StandardCharsets.US_ASCII);
    PrivateFiles.write(publicFile(), armored);
  }

  /** Replaces {@code identity.key} atomically (0600). */
  void replaceKeyFile(byte[] keyFile) {
    PrivateFiles.write(keyFile(), keyFile);
  }

  private void requirePresent(Path file) {
    if (Files.exists(file)) {
      return;
    }
    if (!Files.notExists(file)) {
      // neither: the folder keeps this user out, or loops, which a new identity would not mend
      try {
        Files.readAttributes(file, BasicFileAttributes.class);
      } catch (IOException e) {
        throw new CommandException.FileAccess("cannot read " + file + ": " + FileIo.reason(e), e);
      }
    }
    if (file.equals(publicFile()) && Files.exists(keyFile())) {
      // not "no identity": a new one would replace the private key that is still here
      throw new CommandException.FileAccess(
          file
              + " is missing, but "
              + KEY_FILE_NAME
              + " is there: do not make a new identity, which would replace that key; put "
              + PUBLIC_FILE_NAME
              + " back from a copy (it is public: the contacts you gave it to have it). Only if"
              + " it was never given to anyone (a chat identity new cut short) make a new one"
              + " with --force",
          null);
    }
    throw new CommandException.FileAccess(
        "no identity in " + dir + " (" + file.getFileName() + " not found); " + whenMissing, null);
  }
}
