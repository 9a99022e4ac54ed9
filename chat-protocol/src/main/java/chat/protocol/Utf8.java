package chat.protocol;

/**
 * Whether bytes are well-formed UTF-8 (RFC 3629): no overlong form, no encoded surrogate, nothing
 * above U+10FFFF, no sequence cut short. JSON (RFC 8259) is exchanged in UTF-8 so defined; a
 * decoder that takes an overlong form gives one character several encodings (an overlong {@code
 * ESC} passes a check of the bytes for {@code 0x1B}).
 */
public final class Utf8 {
  private Utf8() {}

  /** Whether {@code bytes} are well-formed UTF-8; checked without allocating. */
  public static boolean isWellFormed(byte[] bytes) {
    int at = 0;
    while (at < bytes.length) {
      int lead = bytes[at] & 0xFF;
      if (lead < 0x80) {
        at++;
        continue;
      }
      int length;
      int low = 0x80;
      int high = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
      } else if (lead == 0xE0) {
        length = 3;
        low = 0xA0; // below: overlong
      } else if (lead == 0xED) {
        length = 3;
        high = 0x9F; // above: a surrogate
      } else if (lead >= 0xE1 && lead <= 0xEF) {
        length = 3;
      } else if (lead == 0xF0) {
        length = 4;
        low = 0x90; // below: overlong
      } else if (lead >= 0xF1 && lead <= 0xF3) {
        length = 4;
      } else if (lead == 0xF4) {
        length = 4;
        high = 0x8F; // above: past U+10FFFF
      } else {
        return false; // a continuation byte, C0 or C1 (always overlong), or F5 and up
      }
      if (bytes.length - at < length) {
        return false;
      }
      int second = bytes[at + 1] & 0xFF;
      if (second < low || second > high) {
        return false;
      }
      for (int k = 2; k < length; k++) {
        int next = bytes[at + k] & 0xFF;
        if (next < 0x80 || next > 0xBF) {
          return false;
        }
      }
      at += length;
    }
    return true;
  }
}
