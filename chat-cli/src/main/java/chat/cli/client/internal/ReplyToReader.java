package chat.cli.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import java.io.IOException;

/**
 * Reads a text message's {@code replyTo} (content v1): a JSON string, or the field left out for a
 * message that is no reply. An explicit {@code null} is refused, as for every field but {@code
 * action}, and so is any other type; the id's form is checked by {@link Content.Text}.
 */
final class ReplyToReader extends StdDeserializer<String> {
  ReplyToReader() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (!parser.hasToken(JsonToken.VALUE_STRING)) {
      return (String) context.handleUnexpectedToken(String.class, parser);
    }
    return parser.getText();
  }

  @Override
  public String getNullValue(DeserializationContext context) throws JsonMappingException {
    throw InvalidNullException.from(
        context, PropertyName.construct("replyTo"), context.constructType(String.class));
  }

  @Override
  public Object getAbsentValue(DeserializationContext context) {
    return null;
  }
}
