package chat.protocol.internal;

import chat.crypto.Bytes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Jackson module that writes {@link Bytes} as standard padded base64 and reads it strictly.
 *
 * <p>Reading a large value (an envelope of hundreds of KiB) through the parser's text would build a
 * {@code String} of it character by character. When the caller reads through {@link #readFromRaw}
 * and the value is a plain ASCII string with no escapes, the base64 is decoded straight from the
 * raw JSON bytes instead; the result is exactly what decoding the text gives, and anything else
 * (escapes, non-ASCII, invalid base64, a replayed token) takes the text path.
 *
 * <p>The raw bytes are handed over in a thread-local for the length of one call, not as a reader
 * attribute: Jackson may keep the configuration a deserializer was first built under, and with it
 * the first frame of each type (a password, a session token) for the life of the process.
 */
public final class BytesJsonModule extends SimpleModule {
  /** The raw UTF-8 JSON being read by {@link #readFromRaw} on this thread, else null. */
  private static final ThreadLocal<byte[]> RAW_INPUT = new ThreadLocal<>();

  private static final long serialVersionUID = 1L;

  /**
   * Reads {@code json} with {@code reader}, letting {@link Bytes} values be decoded straight from
   * {@code json}. Nothing refers to {@code json} once this returns.
   */
  public static <T> T readFromRaw(ObjectReader reader, byte[] json) throws IOException {
    RAW_INPUT.set(json);
    try {
      return reader.readValue(json);
    } finally {
      RAW_INPUT.remove();
    }
  }

  /** The module. */
  public BytesJsonModule() {
    super("chat-bytes");
    addSerializer(Bytes.class, new BytesSerializer());
    addDeserializer(Bytes.class, new BytesDeserializer());
  }

  /**
   * {@code base64} (ASCII) decoded, only if it is standard base64 with its padding and in the one
   * form that encodes its bytes: {@link Base64#getDecoder()} alone also reads a value without its
   * padding, and one whose last character before the padding carries bits beyond the bytes.
   *
   * @throws IllegalArgumentException otherwise
   */
  static byte[] decodeStrict(byte[] base64) {
    if (base64.length % 4 != 0) {
      throw new IllegalArgumentException("base64 without its padding");
    }
    byte[] bytes = Base64.getDecoder().decode(base64);
    int n = base64.length;
    if (n > 0 && base64[n - 1] == '=') {
      boolean twoPads = base64[n - 2] == '=';
      int last = sextet(base64[twoPads ? n - 3 : n - 2]);
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

  private static final class BytesSerializer extends StdSerializer<Bytes> {
    private static final long serialVersionUID = 1L;

    BytesSerializer() {
      super(Bytes.class);
    }

    @Override
    public void serialize(Bytes value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(Base64.getEncoder().encodeToString(value.toByteArray()));
    }
  }

  private static final class BytesDeserializer extends StdDeserializer<Bytes> {
    private static final long serialVersionUID = 1L;

    BytesDeserializer() {
      super(Bytes.class);
    }

    @Override
    public Bytes deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return (Bytes) context.handleUnexpectedToken(Bytes.class, parser);
      }
      Bytes raw = fromRawInput(parser);
      if (raw != null) {
        return raw;
      }
      try {
        return Bytes.of(decodeStrict(parser.getText().getBytes(StandardCharsets.US_ASCII)));
      } catch (IllegalArgumentException e) {
        return (Bytes) context.handleWeirdStringValue(Bytes.class, parser.getText(), "not base64");
      }
    }

    /**
     * The value decoded from the raw input bytes, or null to take the text path: only for the byte
     * parser itself (not a replay buffer), a token that starts with a quote where the parser says,
     * and ASCII content without escapes that is valid base64. The token is left unread; the parser
     * skips it when it moves on.
     */
    private static Bytes fromRawInput(JsonParser parser) {
      byte[] input = RAW_INPUT.get();
      if (input == null || !(parser instanceof UTF8StreamJsonParser)) {
        return null;
      }
      long quote = parser.currentTokenLocation().getByteOffset();
      if (quote < 0 || quote >= input.length || input[(int) quote] != '"') {
        return null;
      }
      int start = (int) quote + 1;
      int end = start;
      while (end < input.length && input[end] != '"') {
        if (input[end] == '\\' || input[end] < 0x20) {
          return null;
        }
        end++;
      }
      if (end == input.length) {
        return null;
      }
      try {
        return Bytes.of(decodeStrict(Arrays.copyOfRange(input, start, end)));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
