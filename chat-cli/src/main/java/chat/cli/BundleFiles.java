package chat.cli;

import chat.crypto.Armor;
import chat.crypto.AuthenticationException;
import chat.crypto.CryptoException;
import chat.crypto.IdentityBundle;
import chat.crypto.KeyFile;
import java.nio.file.Path;

/** Reads identity bundle files, armored or raw, and fully verifies them. */
final class BundleFiles {
  /** Largest bundle file read: an armored 2,048-byte bundle is under 3,000 bytes. */
  static final int MAX_FILE_BYTES = 8 * 1024;

  private BundleFiles() {}

  /**
   * Loads and verifies the bundle in {@code path} (keys, sizes and self-signature).
   *
   * @throws CommandException.FileAccess if it cannot be read
   * @throws CommandException.KeyRejected if it is not a valid, self-signed bundle
   */
  static IdentityBundle load(Path path) {
    byte[] data = FileIo.read(path, MAX_FILE_BYTES);
    if (KeyFile.startsAsKeyFile(data)) {
      throw new CommandException.KeyRejected(
          path
              + " is a private key file (as identity.key), not an identity bundle: give the public"
              + " bundle (identity.pub, or what chat identity export wrote), and keep this file"
              + " to yourself",
          null);
    }
    if (data.length > MAX_FILE_BYTES) {
      throw new CommandException.KeyRejected(path + " is too large to be an identity bundle", null);
    }
    try {
      return IdentityBundle.parse(Armor.decodeAny(Armor.IDENTITY, data));
    } catch (AuthenticationException e) {
      throw new CommandException.KeyRejected(
          path + ": the identity bundle's self-signature does not verify (forged or damaged)", e);
    } catch (CryptoException e) {
      throw new CommandException.KeyRejected(
          path + " is not a valid identity bundle (" + e.getMessage() + ")", e);
    }
  }
}
