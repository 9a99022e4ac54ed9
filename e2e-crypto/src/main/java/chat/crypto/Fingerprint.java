package chat.crypto;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * The SHA-256 fingerprint of an identity bundle (see PacketDiagram.md, "Fingerprint").
 *
 * <p>{@link #toDisplayString()} is the form people compare: 64 hex digits in 16 groups of 4. {@link
 * #shortForm()} (the first 8 hex digits) is the only form that may appear in logs.
 */
public record Fingerprint(Bytes value) {
  /** Length in bytes. */
  public static final int SIZE_BYTES = 32;

  /** Validates the length. */
  public Fingerprint {
    Objects.requireNonNull(value, "value");
    if (value.length() != SIZE_BYTES) {
      throw new IllegalArgumentException("fingerprint must be 32 bytes");
    }
  }

  /** A fingerprint from raw bytes (copied). */
  public static Fingerprint of(byte[] raw) {
    return new Fingerprint(Bytes.of(raw));
  }

  /**
   * Parses the display form or plain hex (spaces and colons ignored, any case).
   *
   * @throws MalformedDataException if it is not 64 hex digits
   */
  public static Fingerprint parse(String text) throws MalformedDataException {
    String hex = text.replaceAll("[\\s:]", "").toLowerCase(java.util.Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new MalformedDataException("a fingerprint is 64 hex digits");
    }
    return new Fingerprint(Bytes.fromHex(hex));
  }

  /** 64 lowercase hex digits in 16 space-separated groups of 4. */
  public String toDisplayString() {
    String hex = value.hex();
    StringBuilder out = new StringBuilder(80);
    for (int i = 0; i < hex.length(); i += 4) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(hex, i, i + 4);
    }
    return out.toString();
  }

  /** The first 8 hex digits: enough to tell keys apart in a log, too short to pin one. */
  public String shortForm() {
    return value.hex().substring(0, 8);
  }

  /** Constant-time comparison. */
  public boolean matches(Fingerprint other) {
    return MessageDigest.isEqual(value.toByteArray(), other.value.toByteArray());
  }

  @Override
  public String toString() {
    return "Fingerprint[" + shortForm() + "…]";
  }
}
