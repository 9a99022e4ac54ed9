package chat.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string for public values (keys, hashes, ids, ciphertexts) held by records.
 *
 * <p>Never use it for secrets: its {@code equals} is not constant-time and its {@code toString}
 * shows a hex prefix.
 */
public final class Bytes {
  private static final HexFormat HEX = HexFormat.of();
  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  /** Copies {@code value} into a new byte string. */
  public static Bytes of(byte[] value) {
    return new Bytes(Objects.requireNonNull(value, "value").clone());
  }

  /**
   * A byte string over {@code value} itself, not a copy: for arrays this package has just made and
   * hands over, never touching them again.
   */
  static Bytes adopt(byte[] value) {
    return new Bytes(Objects.requireNonNull(value, "value"));
  }

  /** Copies {@code value[from, to)} into a new byte string. */
  public static Bytes of(byte[] value, int from, int to) {
    Objects.requireNonNull(value, "value");
    Objects.checkFromToIndex(from, to, value.length);
    return new Bytes(Arrays.copyOfRange(value, from, to));
  }

  /** Parses lowercase or uppercase hex. */
  public static Bytes fromHex(String hex) {
    return new Bytes(HEX.parseHex(hex));
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return value.clone();
  }

  /**
   * The array itself, not a copy: for this package's code that only reads it (a parser, a writer
   * copying it on), never modifies it and never hands it out.
   */
  byte[] shared() {
    return value;
  }

  /** Number of bytes. */
  public int length() {
    return value.length;
  }

  /** Lowercase hex of all bytes. */
  public String hex() {
    return HEX.formatHex(value);
  }

  /** Copies the bytes into {@code destination} at {@code offset}. */
  public void copyTo(byte[] destination, int offset) {
    System.arraycopy(value, 0, destination, offset, value.length);
  }

  /**
   * Copies the bytes into {@code destination} at its position, which moves past them.
   *
   * @throws java.nio.BufferOverflowException if it has less room than {@link #length()}
   */
  public void copyTo(ByteBuffer destination) {
    destination.put(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes that && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    String hex = hex();
    return value.length <= 8 ? hex : hex.substring(0, 16) + "…(" + value.length + " bytes)";
  }
}
