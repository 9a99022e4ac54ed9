package chat.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A text form for bundles and envelopes: {@code -----BEGIN CHAT <LABEL>-----}, base64 in lines of
 * 64 characters, {@code -----END CHAT <LABEL>-----}.
 */
public final class Armor {
  /** Label of an armored identity bundle. */
  public static final String IDENTITY = "IDENTITY";

  /** Label of an armored envelope. */
  public static final String ENVELOPE = "ENVELOPE";

  private Armor() {}

  /** Armors {@code data} under {@code label}. */
  public static String encode(String label, byte[] data) {
    Objects.requireNonNull(label, "label");
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
    return "-----BEGIN CHAT " + label + "-----\n" + body + "\n-----END CHAT " + label + "-----\n";
  }

  /** True if {@code data} starts like an armored block (after any leading white space). */
  public static boolean isArmored(byte[] data) {
    int at = 0;
    while (at < data.length && data[at] >= 0 && Character.isWhitespace(data[at])) {
      at++;
    }
    byte[] marker = "-----BEGIN CHAT ".getBytes(StandardCharsets.US_ASCII);
    return data.length - at >= marker.length
        && Arrays.equals(data, at, at + marker.length, marker, 0, marker.length);
  }

  /**
   * Decodes an armored block with the expected label. Whitespace inside the body is ignored; the
   * base64 must be the canonical standard form (padded, no other characters, no stray bits).
   *
   * @throws MalformedDataException if the markers, label or base64 are wrong
   */
  public static byte[] decode(String label, byte[] armored) throws MalformedDataException {
    String text = new String(armored, StandardCharsets.US_ASCII).strip();
    String begin = "-----BEGIN CHAT " + label + "-----";
    String end = "-----END CHAT " + label + "-----";
    if (!text.startsWith(begin)
        || !text.endsWith(end)
        || text.length() < begin.length() + end.length()) {
      throw new MalformedDataException("not an armored CHAT " + label);
    }
    String body =
        text.substring(begin.length(), text.length() - end.length()).replaceAll("\\s", "");
    byte[] data;
    try {
      data = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new MalformedDataException("bad base64 in armored " + label);
    }
    // The JDK decoder accepts missing padding and stray low bits; only the canonical form is ours.
    if (!Base64.getEncoder().encodeToString(data).equals(body)) {
      throw new MalformedDataException("non-canonical base64 in armored " + label);
    }
    return data;
  }

  /** Decodes {@code data} whether armored or raw. */
  public static byte[] decodeAny(String label, byte[] data) throws MalformedDataException {
    return isArmored(data) ? decode(label, data) : data;
  }
}
