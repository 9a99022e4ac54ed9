package chat.protocol.internal;

import chat.crypto.Bytes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
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
 * {@code String} of it character by character. When the caller puts the raw JSON bytes in the
 * {@link #RAW_INPUT} attribute and the value is a plain ASCII string with no escapes, the base64 is
 * decoded straight from those bytes instead; the result is exactly what decoding the text gives,
 * and anything else (escapes, non-ASCII, invalid base64, a replayed token) takes the text path.
 */
public final class BytesJsonModule extends SimpleModule {
  /** Deserialization attribute holding the raw UTF-8 JSON being read (a {@code byte[]}). */
  public static final String RAW_INPUT = "chat.protocol.raw-input";

  private static final long serialVersionUID = 1L;

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
      Bytes raw = fromRawInput(parser, context);
      if (raw != null) {
        return raw;
      }
      try {
        return Bytes.of(Base64.getDecoder().decode(parser.getText()));
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
    private static Bytes fromRawInput(JsonParser parser, DeserializationContext context) {
      if (!(context.getAttribute(RAW_INPUT) instanceof byte[] input)
          || !(parser instanceof UTF8StreamJsonParser)) {
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
        return Bytes.of(Base64.getDecoder().decode(Arrays.copyOfRange(input, start, end)));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }
}
