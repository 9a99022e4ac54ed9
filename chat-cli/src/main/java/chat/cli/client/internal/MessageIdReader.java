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
 * Reads a text message's field that names another message (content v1): a JSON string, or the field
 * left out. An explicit {@code null} is refused, as for every field but {@code action}, and so is
 * any other type; the id's form is checked by {@link Content.Text}.
 */
abstract class MessageIdReader extends StdDeserializer<String> {
  private final String field;

  private MessageIdReader(String field) {
    super(String.class);
    this.field = field;
  }

  /** {@code replyTo}: the message a reply answers. */
  static final class ReplyTo extends MessageIdReader {
    ReplyTo() {
      super("replyTo");
    }
  }

  /** {@code reactsTo}: the message a reaction is on. */
  static final class ReactsTo extends MessageIdReader {
    ReactsTo() {
      super("reactsTo");
    }
  }

  /** {@code edits}: the message an edit corrects. */
  static final class Edits extends MessageIdReader {
    Edits() {
      super("edits");
    }
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
        context, PropertyName.construct(field), context.constructType(String.class));
  }

  @Override
  public Object getAbsentValue(DeserializationContext context) {
    return null;
  }
}
