package chat.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Standard base64 (RFC 4648 §4) read strictly, as the wire and content v1 write it: padded, and in
 * the one form that encodes its bytes. {@link Base64#getDecoder()} alone also reads a value without
 * its padding, and one whose last character before the padding carries bits beyond the bytes; two
 * readers of one value, one strict and one not, could then disagree on whether it is valid.
 */
public final class CanonicalBase64 {
  private CanonicalBase64() {}

  /**
   * {@code text} decoded.
   *
   * @throws IllegalArgumentException if it is not canonical padded standard base64
   */
  public static byte[] decode(String text) {
    return decode(text.getBytes(StandardCharsets.US_ASCII)); // anything else becomes '?': refused
  }

  /**
   * {@code ascii} (the characters of the value) decoded.
   *
   * @throws IllegalArgumentException if it is not canonical padded standard base64
   */
  public static byte[] decode(byte[] ascii) {
    if (ascii.length % 4 != 0) {
      throw new IllegalArgumentException("base64 without its padding");
    }
    byte[] bytes = Base64.getDecoder().decode(ascii);
    int n = ascii.length;
    if (n > 0 && ascii[n - 1] == '=') {
      boolean twoPads = ascii[n - 2] == '=';
      int last = sextet(ascii[twoPads ? n - 3 : n - 2]);
      if ((last & (twoPads ? 0x0F : 0x03)) != 0) {
        throw new IllegalArgumentException("base64 with bits beyond its bytes");
      }
    }
    return bytes;
  }

  /** The six bits of a character of the standard alphabet (the decoder checked it is one). */
  private static int sextet(byte c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' ? 62 : 63;
  }
}
