package chat.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * The message text every system carries: {@code k=<index> } then filler up to the payload size, in
 * printable ASCII (IRC lines allow nothing else). Receivers of plain-text systems find the index in
 * the first bytes.
 */
public final class TextPayload {
  private TextPayload() {}

  /** The text of message {@code k}, exactly {@code bytes} long (at least 16). */
  public static String text(int k, int bytes) {
    if (bytes < 16) {
      throw new IllegalArgumentException("payloads are at least 16 bytes");
    }
    return padded("k=" + k + " ", bytes);
  }

  /**
   * {@code text} followed by filler up to {@code bytes} (at least 16, and no shorter than the
   * text): the same text, carried in more bytes.
   */
  public static String padded(String text, int bytes) {
    if (bytes < 16 || bytes < text.length()) {
      throw new IllegalArgumentException("payloads are at least 16 bytes and hold their text");
    }
    StringBuilder out = new StringBuilder(bytes).append(text);
    while (out.length() < bytes) {
      out.append((char) ('a' + out.length() % 26));
    }
    return out.toString();
  }

  /** The index in a text that starts at {@code offset} of {@code bytes} with {@code k=}; or -1. */
  public static int index(byte[] bytes, int offset, int end) {
    if (end - offset < 3 || bytes[offset] != 'k' || bytes[offset + 1] != '=') {
      return -1;
    }
    int value = 0;
    int i = offset + 2;
    while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
      value = value * 10 + (bytes[i] - '0');
      i++;
    }
    return i == offset + 2 ? -1 : value;
  }

  /** ASCII bytes of {@code text}. */
  public static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
