package chat.server.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads of the relay's small files (its config, keys and certificate), each bounded: a file far
 * larger than it can be (a device such as {@code /dev/zero}, or the wrong file named) is refused
 * after that many bytes, where reading it whole would run out of memory.
 */
public final class SmallFiles {
  private SmallFiles() {}

  /**
   * The whole of {@code file}.
   *
   * @param what what the file should hold, for the message
   * @throws IOException if it cannot be read, or holds more than {@code maxBytes}
   */
  public static byte[] read(Path file, int maxBytes, String what) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes(maxBytes + 1);
      if (data.length > maxBytes) {
        throw new IOException(
            file + " is too large to be " + what + " (more than " + maxBytes + " bytes)");
      }
      return data;
    }
  }
}
