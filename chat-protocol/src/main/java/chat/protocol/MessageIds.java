package chat.protocol;

import chat.crypto.Bytes;
import java.util.regex.Pattern;

/**
 * The rule for message ids on the wire: 32 lowercase hex digits, the envelope header's 16-byte
 * {@code messageId} (a random value the sending client chooses), as {@code chat listen --json} and
 * {@code chat history --json} print it.
 */
public final class MessageIds {
  /** Length of a message id in hex digits. */
  public static final int HEX_LENGTH = 32;

  private static final Pattern VALID = Pattern.compile("[0-9a-f]{32}");

  private MessageIds() {}

  /** True if {@code messageId} is 32 lowercase hex digits. */
  public static boolean isValid(String messageId) {
    return messageId != null && VALID.matcher(messageId).matches();
  }

  /**
   * Returns {@code messageId} if valid.
   *
   * @throws IllegalArgumentException if not
   */
  public static String require(String messageId) {
    if (!isValid(messageId)) {
      throw new IllegalArgumentException("message ids are 32 lowercase hex digits");
    }
    return messageId;
  }

  /** The 16 bytes a valid id names. */
  public static Bytes bytes(String messageId) {
    return Bytes.fromHex(require(messageId));
  }
}
