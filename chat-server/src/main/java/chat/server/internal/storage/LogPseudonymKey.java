package chat.server.internal.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The secret that keys the user pseudonyms of the relay's log ({@code log-pseudonyms.key} in the
 * data directory: 32 random bytes, owner-only), made on first start like the relay's other secrets.
 * Keeping it keeps each user's pseudonym across restarts; losing it only changes them.
 */
public final class LogPseudonymKey {
  /** The key file name inside the data directory. */
  public static final String FILE_NAME = "log-pseudonyms.key";

  /** Bytes of the key. */
  public static final int BYTES = 32;

  private LogPseudonymKey() {}

  /**
   * Reads the key, or makes and persists a new one from {@code random} if the file does not exist.
   *
   * @throws IOException if the file cannot be read or written, or does not hold a key
   */
  public static byte[] loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      byte[] key = SmallFiles.read(file, 1 << 10, "a log pseudonym key");
      if (key.length != BYTES) {
        throw new IOException(
            file
                + " is not a log pseudonym key ("
                + BYTES
                + " bytes); remove it and a new one is made at start (users then get new"
                + " pseudonyms in the log)");
      }
      FilePermissions.restrict(file);
      return key;
    }
    byte[] key = new byte[BYTES];
    random.nextBytes(key);
    FilePermissions.writeOwnerOnly(file, key);
    return key;
  }
}
