package chat.server.internal.storage;

import chat.crypto.AtRestSealer;
import chat.crypto.Bytes;
import chat.crypto.CryptoException;
import chat.crypto.MalformedDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The relay's at-rest keyset file {@code at-rest-keyset.json} in the data directory (Tink JSON,
 * owner-only): made on first start, rotated by {@code chat-server keys rotate}. The file is written
 * durably before any row is sealed under a new key.
 */
public final class AtRestKeys {
  /** The keyset file name inside the data directory. */
  public static final String FILE_NAME = "at-rest-keyset.json";

  private AtRestKeys() {}

  /**
   * Loads the keyset, or makes and persists a new one if the file does not exist.
   *
   * @throws IOException if the file cannot be read or written, or holds an invalid keyset
   */
  public static AtRestCipher loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    AtRestSealer sealer;
    if (Files.exists(file)) {
      sealer = load(file);
      FilePermissions.restrict(file);
    } else {
      sealer = AtRestSealer.generate();
      FilePermissions.writeOwnerOnly(file, sealer.serializedKeyset());
    }
    return cipher(sealer);
  }

  /**
   * Adds a new primary key to the existing keyset and persists it; returns the new key count.
   *
   * @throws IOException if there is no keyset or it cannot be rewritten
   */
  public static int rotate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      throw new IOException("no at-rest keyset in " + dataDir + "; start the relay once first");
    }
    DataDirectory.requireReadable(file);
    AtRestSealer rotated = load(file).rotate();
    FilePermissions.writeOwnerOnly(file, rotated.serializedKeyset());
    return rotated.keyCount();
  }

  /**
   * Checks that {@code file} holds a valid keyset, as a start would load it.
   *
   * @throws IOException naming {@code file} if it cannot be read or is not a valid keyset
   */
  static void check(Path file) throws IOException {
    load(file);
  }

  private static AtRestSealer load(Path file) throws IOException {
    try {
      return AtRestSealer.fromKeyset(SmallFiles.read(file, 1 << 20, "an at-rest keyset"));
    } catch (MalformedDataException e) {
      throw new IOException(
          "invalid at-rest keyset "
              + file
              + ": it is damaged; put back the copy from a backup of this data directory (a"
              + " chat-server backup holds it with relay.db): without it what the relay stored"
              + " cannot be read",
          e);
    }
  }

  private static AtRestCipher cipher(AtRestSealer sealer) {
    return new AtRestCipher() {
      @Override
      public byte[] seal(byte[] data, byte[] rowId) {
        return sealer.seal(data, rowId);
      }

      @Override
      public byte[] seal(Bytes data, byte[] rowId) {
        return sealer.seal(data, rowId);
      }

      @Override
      public byte[] open(byte[] sealed, byte[] rowId) throws CryptoException {
        return sealer.open(sealed, rowId);
      }

      @Override
      public boolean namesAnotherKey(byte[] sealed) {
        return sealer.namesAnotherKey(sealed);
      }
    };
  }
}
