package chat.protocol.internal;

import chat.crypto.Bytes;
import chat.protocol.CanonicalBase64;
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
        return Bytes.of(CanonicalBase64.decode(parser.getText()));
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
        return Bytes.of(CanonicalBase64.decode(Arrays.copyOfRange(input, start, end)));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
