package chat.protocol;

import java.util.regex.Pattern;

/**
 * The rule for file ids: 32 lowercase hex digits (a random 128-bit value the uploading client
 * chooses), like message ids. A file id names one upload on one relay.
 */
public final class FileIds {
  /** Length of a file id in hex digits. */
  public static final int HEX_LENGTH = 32;

  private static final Pattern VALID = Pattern.compile("[0-9a-f]{32}");

  private FileIds() {}

  /** True if {@code fileId} is 32 lowercase hex digits. */
  public static boolean isValid(String fileId) {
    return fileId != null && VALID.matcher(fileId).matches();
  }

  /**
   * Returns {@code fileId} if valid.
   *
   * @throws IllegalArgumentException if not
   */
  public static String require(String fileId) {
    if (!isValid(fileId)) {
      throw new IllegalArgumentException("fileId must be 32 lowercase hex digits");
    }
    return fileId;
  }
}
