package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.emoji.Graphemes;
import chat.protocol.MessageIds;
import chat.protocol.StrictJson;
import chat.protocol.Utf8;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Objects;

/**
 * What an envelope's plaintext holds between clients (content v1): a UTF-8 JSON object whose {@code
 * "kind"} names the variant. The relay never sees it. Unknown kinds from newer clients are shown as
 * such, not dropped silently.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Content.Text.class, name = "text"),
  @JsonSubTypes.Type(value = Content.File.class, name = "file")
})
sealed interface Content {
  /** Longest text message, in characters. */
  int MAX_TEXT_CHARS = 65_536;

  /**
   * A text message, or with {@code action} true an action ({@code /me waves}), shown as the sender
   * doing the text; with {@code replyTo} a reply to an earlier message of the conversation. An
   * older client reads an action as plain text and a reply as a message: it skips the fields. With
   * {@code edits} it is a new version of an earlier message of its sender, which an older client
   * shows as a message of its own.
   *
   * @param text the text
   * @param action true for an action; null (the field left out) for plain text, and false reads as
   *     null, so that one message has one encoding. Read it through {@link #describesAction()}:
   *     this accessor gives null for plain text
   * @param replyTo the message id (32 lowercase hex digits) of the message this one answers, or
   *     null. It names a message, never quotes one: each receiver shows the message it holds under
   *     that id in this conversation, so a reply cannot put words in another sender's mouth
   * @param edits the message id of the message this one corrects, or null: an earlier text message
   *     or action of the same sender in this conversation, which receivers check. Never with {@code
   *     replyTo}: an edit is a new version of a message, not an answer to one
   * @param reactsTo the message id of the message this one reacts to, or null: then {@code text} is
   *     the emoji, 1 to {@link #MAX_REACTION_CHARS} UTF-16 units with no white space or control
   *     character, and the message is neither an action, a reply nor an edit. The reference client
   *     sends one emoji of Unicode's list ({@link chat.cli.client.ChatClient#requireReaction});
   *     receivers check only this looser rule, which does not depend on how a JDK splits glyphs, so
   *     that every client reads one reaction alike
   */
  record Text(
      String text,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean action,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @JsonDeserialize(using = MessageIdReader.ReplyTo.class)
          String replyTo,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @JsonDeserialize(using = MessageIdReader.Edits.class)
          String edits,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @JsonDeserialize(using = MessageIdReader.ReactsTo.class)
          String reactsTo)
      implements Content {
    /** The most UTF-16 code units of a reaction's one glyph (a family emoji is 11). */
    static final int MAX_REACTION_CHARS = 64;

    public Text {
      Objects.requireNonNull(text, "text");
      if (text.length() > MAX_TEXT_CHARS) {
        throw new IllegalArgumentException("text longer than " + MAX_TEXT_CHARS + " characters");
      }
      action = Boolean.TRUE.equals(action) ? Boolean.TRUE : null;
      if (replyTo != null && !MessageIds.isValid(replyTo)) {
        throw new IllegalArgumentException("a reply names a message id of 32 lowercase hex digits");
      }
      if (edits != null && !MessageIds.isValid(edits)) {
        throw new IllegalArgumentException("an edit names a message id of 32 lowercase hex digits");
      }
      if (edits != null && replyTo != null) {
        throw new IllegalArgumentException("an edit cannot also be a reply");
      }
      if (reactsTo != null) {
        if (!MessageIds.isValid(reactsTo)) {
          throw new IllegalArgumentException(
              "a reaction names a message id of 32 lowercase hex digits");
        }
        if (action != null || replyTo != null || edits != null) {
          throw new IllegalArgumentException("a reaction is no action, reply or edit");
        }
        if (text.isEmpty()
            || text.length() > MAX_REACTION_CHARS
            || text.codePoints()
                .anyMatch(
                    c ->
                        Character.isWhitespace(c)
                            || Character.isSpaceChar(c)
                            || Character.isISOControl(c))) {
          throw new IllegalArgumentException("a reaction is one emoji");
        }
      }
    }

    /** A reaction: {@code emoji} on message {@code reactsTo}. */
    static Text reaction(String emoji, String reactsTo) {
      return new Text(emoji, null, null, null, reactsTo);
    }

    /** Plain text. */
    Text(String text) {
      this(text, null, null, null, null);
    }

    /** Text or an action, not a reply. */
    Text(String text, Boolean action) {
      this(text, action, null, null, null);
    }

    /** Text or an action, a reply if {@code replyTo} is not null; no edit. */
    Text(String text, Boolean action, String replyTo) {
      this(text, action, replyTo, null, null);
    }

    /**
     * Text or an action, a reply if {@code replyTo} is not null, an edit if {@code edits} is not.
     */
    Text(String text, Boolean action, String replyTo, String edits) {
      this(text, action, replyTo, edits, null);
    }

    /** Whether this is an action. */
    boolean describesAction() {
      return action != null;
    }
  }

  /**
   * A file offer: the encrypted upload {@code id} on the relay and everything needed to fetch,
   * decrypt and check it. The stream is file stream v1 ({@link FileStreams#CIPHER}) under {@code
   * key} with {@link FileStreams#associatedData} binding the id and the conversation.
   *
   * @param id the relay's file id, 32 lowercase hex digits
   * @param name the file name as the sender has it (sanitized by every receiver before use)
   * @param size the plaintext size in bytes
   * @param sha256 SHA-256 of the plaintext, 64 lowercase hex digits
   * @param key the file key (a secret)
   * @param cipher the stream format, {@link FileStreams#CIPHER}
   * @param segmentBytes the ciphertext segment size, {@link FileStreams#SEGMENT_BYTES}
   * @param ciphertextSize the exact encrypted size the relay holds
   * @param expiresAtMillis when the relay will delete the upload, as the relay told the sender
   */
  record File(
      String id,
      String name,
      long size,
      String sha256,
      FileKey key,
      String cipher,
      int segmentBytes,
      long ciphertextSize,
      long expiresAtMillis)
      implements Content {
    public File {
      FileStreams.checkOffer(id, name, size, sha256, cipher, segmentBytes, ciphertextSize);
      Objects.requireNonNull(key, "key");
    }

    /**
     * Whether {@code bytes} bytes whose SHA-256 {@code digest} finishes are this file's: its size
     * and hash, the hash compared in constant time. The one check of a download, and of a copy
     * saved before.
     */
    boolean describes(long bytes, java.security.MessageDigest digest) {
      byte[] hex =
          java.util.HexFormat.of()
              .formatHex(digest.digest())
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      return bytes == size
          && java.security.MessageDigest.isEqual(
              hex, sha256.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
  }

  /**
   * The mapper for content: tolerant of fields added by newer clients, strict about everything else
   * ({@link StrictJson}), so that no client shows what another refuses.
   */
  ObjectMapper JSON =
      StrictJson.reading(JsonMapper.builder())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** The plaintext bytes of {@code content}. */
  static byte[] encode(Content content) {
    try {
      return JSON.writerFor(Content.class).writeValueAsBytes(content);
    } catch (IOException e) {
      throw new IllegalStateException("content cannot be encoded", e);
    }
  }

  /** The most glyphs of an unknown kind that {@link #decode}'s failure quotes. */
  int MAX_QUOTED_KIND_GLYPHS = 32;

  /**
   * Reads content from an opened envelope's plaintext.
   *
   * @throws CommandException.EnvelopeRejected if it is not content v1 this client knows; its
   *     message says why in a few words, quoting what the sender wrote (an unknown kind, at most
   *     {@link #MAX_QUOTED_KIND_GLYPHS} glyphs of it, cut between glyphs), so a front end cleans it
   *     as remote text
   */
  static Content decode(byte[] plaintext) {
    if (!Utf8.isWellFormed(plaintext)) {
      throw new CommandException.EnvelopeRejected("content that is not valid UTF-8", null);
    }
    try {
      return JSON.readValue(plaintext, Content.class);
    } catch (InvalidTypeIdException e) {
      String kind = e.getTypeId();
      throw new CommandException.EnvelopeRejected(
          kind == null
              ? "content that names no kind"
              : "an unknown kind of content, \""
                  + Graphemes.prefix(kind, MAX_QUOTED_KIND_GLYPHS)
                  + "\" (from a newer client?)",
          e);
    } catch (IOException | RuntimeException e) {
      Throwable cause = e.getCause();
      throw new CommandException.EnvelopeRejected(
          cause instanceof IllegalArgumentException invalid
              ? "invalid content: " + invalid.getMessage()
              : "content in a format this client does not know (from a newer client?)",
          e);
    }
  }
}
