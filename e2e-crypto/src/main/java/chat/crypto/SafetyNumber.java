package chat.crypto;

import chat.crypto.internal.ByteWriter;
import chat.crypto.internal.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;

/**
 * The 60-digit number two people compare to check each other's keys (see PacketDiagram.md, "Safety
 * number"). It is the same whichever side computes it.
 */
public record SafetyNumber(String digits) {
  /** Digits in a safety number. */
  public static final int DIGITS = 60;

  /** Validates that {@code digits} is 60 decimal digits. */
  public SafetyNumber {
    Objects.requireNonNull(digits, "digits");
    if (!digits.matches("[0-9]{60}")) {
      throw new IllegalArgumentException("a safety number is 60 digits");
    }
  }

  /** The safety number of two identities. */
  public static SafetyNumber of(IdentityBundle a, IdentityBundle b) {
    String first = half(a);
    String second = half(b);
    return new SafetyNumber(first.compareTo(second) <= 0 ? first + second : second + first);
  }

  /**
   * Parses what a person typed: digits with any spaces.
   *
   * @throws MalformedDataException unless it is 60 digits
   */
  public static SafetyNumber parse(String text) throws MalformedDataException {
    String digits = text.replaceAll("\\s", "");
    if (!digits.matches("[0-9]{60}")) {
      throw new MalformedDataException("a safety number is 60 digits");
    }
    return new SafetyNumber(digits);
  }

  static String half(IdentityBundle bundle) {
    byte[] input =
        new ByteWriter(300)
            .raw(Hashes.context(Contexts.SAFETY_NUMBER))
            .string8(bundle.userId())
            .raw(bundle.fingerprint().value())
            .toByteArray();
    byte[] digest = Hashes.sha256(input);
    StringBuilder out = new StringBuilder(30);
    for (int chunk = 0; chunk < 6; chunk++) {
      long value = 0;
      for (int i = 0; i < 5; i++) {
        value = (value << 8) | (digest[chunk * 5 + i] & 0xFF);
      }
      out.append(String.format(Locale.ROOT, "%05d", value % 100_000));
    }
    return out.toString();
  }

  /** Twelve groups of five digits separated by spaces. */
  public String toDisplayString() {
    StringBuilder out = new StringBuilder(72);
    for (int i = 0; i < DIGITS; i += 5) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(digits, i, i + 5);
    }
    return out.toString();
  }

  /** Constant-time comparison with another safety number. */
  public boolean matches(SafetyNumber other) {
    return MessageDigest.isEqual(
        digits.getBytes(StandardCharsets.US_ASCII),
        other.digits.getBytes(StandardCharsets.US_ASCII));
  }
}
