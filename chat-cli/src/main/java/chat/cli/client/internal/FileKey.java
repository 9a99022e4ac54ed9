package chat.cli.client.internal;

import chat.crypto.FileStreamCipher;
import chat.protocol.CanonicalBase64;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The 32-byte key of one shared file, as it travels inside a file offer's end-to-end content
 * (standard base64 in JSON). A secret: no {@code equals}, a redacted {@code toString}, and {@link
 * #destroy} zeroes it.
 */
final class FileKey {
  private final byte[] key;

  private FileKey(byte[] key) {
    this.key = key;
  }

  /**
   * A key holding a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if not 32 bytes
   */
  static FileKey of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != FileStreamCipher.KEY_SIZE_BYTES) {
      throw new IllegalArgumentException("a file key is 32 bytes");
    }
    return new FileKey(bytes.clone());
  }

  /**
   * Reads the base64 form.
   *
   * @throws IllegalArgumentException if it is not standard padded base64 of 32 bytes, in its one
   *     form (a form another client would read otherwise, or not at all, is refused)
   */
  @JsonCreator
  static FileKey fromBase64(String text) {
    Objects.requireNonNull(text, "text");
    byte[] decoded = CanonicalBase64.decode(text);
    try {
      return of(decoded);
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }

  /** The base64 form, for the content encoder only. */
  @JsonValue
  String base64() {
    return Base64.getEncoder().encodeToString(key);
  }

  /** A cipher for this key; the caller destroys it when done. */
  FileStreamCipher cipher() {
    return new FileStreamCipher(key);
  }

  /** Overwrites the key with zeros. */
  void destroy() {
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public String toString() {
    return "FileKey[redacted]";
  }
}
