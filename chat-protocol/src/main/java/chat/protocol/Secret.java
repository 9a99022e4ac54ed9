package chat.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret string on the wire: a password or a session token. It has no {@code equals}, a redacted
 * {@code toString}, and its characters can be wiped with {@link #destroy()}.
 */
public final class Secret {
  /** Longest secret accepted, in characters. */
  public static final int MAX_CHARS = 1024;

  private final char[] value;

  private Secret(char[] value) {
    this.value = value;
  }

  /**
   * A secret from {@code text}.
   *
   * @throws IllegalArgumentException if longer than {@link #MAX_CHARS}
   */
  @JsonCreator
  public static Secret of(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_CHARS) {
      throw new IllegalArgumentException("secret too long");
    }
    return new Secret(text.toCharArray());
  }

  /**
   * A secret holding a copy of {@code chars} (the caller still wipes its own array).
   *
   * @throws IllegalArgumentException if longer than {@link #MAX_CHARS}
   */
  public static Secret ofChars(char[] chars) {
    Objects.requireNonNull(chars, "chars");
    if (chars.length > MAX_CHARS) {
      throw new IllegalArgumentException("secret too long");
    }
    return new Secret(chars.clone());
  }

  /** A copy of the characters; the caller wipes it. */
  public char[] chars() {
    return value.clone();
  }

  /** The UTF-8 encoding; the caller wipes it. */
  public byte[] utf8() {
    java.nio.ByteBuffer buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(value));
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), (byte) 0);
    }
    return out;
  }

  /** The number of characters. */
  public int length() {
    return value.length;
  }

  /** The text, for the JSON encoder only. */
  @JsonValue
  String reveal() {
    return new String(value);
  }

  /** Overwrites the characters with zeros. */
  public void destroy() {
    Arrays.fill(value, '\0');
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
