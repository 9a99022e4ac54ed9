package chat.protocol.internal;

import chat.crypto.Bytes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Base64;

/** A Jackson module that writes {@link Bytes} as standard padded base64 and reads it strictly. */
public final class BytesJsonModule extends SimpleModule {
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
      try {
        return Bytes.of(Base64.getDecoder().decode(parser.getText()));
      } catch (IllegalArgumentException e) {
        return (Bytes) context.handleWeirdStringValue(Bytes.class, parser.getText(), "not base64");
      }
    }
  }
}
