package chat.cli.client.internal;

import chat.cli.CommandException;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * What an envelope's plaintext holds between clients (content v1): a UTF-8 JSON object whose {@code
 * "kind"} names the variant. The relay never sees it. Unknown kinds from newer clients are shown as
 * such, not dropped silently.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = Content.Text.class, name = "text")})
sealed interface Content {
  /** Longest text message, in characters. */
  int MAX_TEXT_CHARS = 65_536;

  /** A text message. */
  record Text(String text) implements Content {
    public Text {
      Objects.requireNonNull(text, "text");
      if (text.length() > MAX_TEXT_CHARS) {
        throw new IllegalArgumentException("text longer than " + MAX_TEXT_CHARS + " characters");
      }
    }
  }

  /** The mapper for content; tolerant of fields added by newer clients. */
  ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The plaintext bytes of {@code content}. */
  static byte[] encode(Content content) {
    try {
      return JSON.writerFor(Content.class).writeValueAsBytes(content);
    } catch (IOException e) {
      throw new IllegalStateException("content cannot be encoded", e);
    }
  }

  /**
   * Reads content from an opened envelope's plaintext.
   *
   * @throws CommandException.EnvelopeRejected if it is not content v1 this client knows
   */
  static Content decode(byte[] plaintext) {
    try {
      return JSON.readValue(plaintext, Content.class);
    } catch (IOException | RuntimeException e) {
      throw new CommandException.EnvelopeRejected(
          "a message in a format this client does not know (a newer client?)", e);
    }
  }
}
