package chat.cli;

import chat.cli.client.ChatMessage;
import chat.cli.client.Deletion;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.HeldMessages;
import chat.cli.client.LeftOutMessages;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One JSON object per line for scripts ({@code --json}). Text from the network is kept exact, but
 * every control character (C0, DEL, C1), line separator and bidirectional control is written as a
 * {@code \\uXXXX} escape, so the output is safe to print on a terminal and a parser still gets the
 * original string.
 */
final class JsonLines {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    MAPPER.getFactory().setCharacterEscapes(new TerminalEscapes());
    MAPPER.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  private JsonLines() {}

  /**
   * The form of every time in a JSON line: UTC, always with three digits of milliseconds ({@code
   * 2026-11-30T00:32:33.000Z}), where {@link Instant#toString} leaves them out when they are zero
   * and a parser told the form the other lines have would fail on one line in a thousand.
   */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** {@code time} as a JSON line writes it ({@link #TIME}). */
  static String time(Instant time) {
    return TIME.format(time);
  }

  /** {@code epochMillis} as a JSON line writes it. */
  static String time(long epochMillis) {
    return time(Instant.ofEpochMilli(epochMillis));
  }

  /** A new object with {@code "type": type}. */
  static ObjectNode object(String type) {
    return MAPPER.createObjectNode().put("type", type);
  }

  /** The JSON line of {@code node} (no newline). */
  static String line(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode JSON", e);
    }
  }

  /**
   * A message as {@code {"type":"message",...}}; an action ({@code /me waves}) also has {@code
   * "action":true} before its text.
   */
  static ObjectNode message(ChatMessage message) {
    ObjectNode node =
        object("message")
            .put("conversation", message.conversation())
            .put("seq", message.seq())
            .put("id", message.messageId())
            .put("sender", message.sender())
            .put("sent", time(message.sentAtMillis()))
            .put("stored", time(message.storedAtMillis()))
            .put("direct", message.isDirect())
            .put("own", message.own());
    if (message.action()) {
      node.put("action", true);
    }
    if (message.reply() != null) {
      ObjectNode reply =
          node.putObject(
                  switch (message.reply().relation()) {
                    case REPLY -> "replyTo";
                    case EDIT -> "edits";
                    case REACTION -> "reactsTo";
                  })
              .put("id", message.reply().messageId());
      if (message.reply().known()) {
        reply.put("sender", message.reply().sender());
      }
      if (message.reply().deleted()) {
        reply.put("deleted", true);
      }
    }
    return node.put("text", message.text());
  }

  /**
   * A deletion as {@code {"type":"deleted",...}}: the conversation, who deleted ({@code actor}),
   * whose messages ({@code sender}) and their {@code ids}, newest first.
   */
  static ObjectNode deleted(Deletion deletion) {
    ObjectNode node =
        object("deleted")
            .put("conversation", deletion.conversation())
            .put("actor", deletion.actor())
            .put("sender", deletion.sender());
    deletion.messageIds().forEach(node.putArray("ids")::add);
    return node;
  }

  /** A shared file as {@code {"type":"file",...}}. */
  static ObjectNode file(FileTransfer file) {
    ObjectNode node =
        object("file")
            .put("fileId", file.fileId())
            .put("direction", file.outgoing() ? "sent" : "received")
            .put("conversation", file.conversation())
            .put("sender", file.sender())
            .put("name", file.name())
            .put("size", file.size())
            .put("state", file.state().name().toLowerCase(java.util.Locale.ROOT))
            .put("percent", file.percent())
            .put("path", file.savedPath())
            .put("detail", file.detail())
            .put("updated", time(file.updatedAtMillis()));
    if (file.state() == chat.cli.client.TransferState.DONE) {
      // what is at "path" now: "as_saved", "changed" (another size, or not a file) or "gone"
      node.put("saved", file.savedFile().name().toLowerCase(java.util.Locale.ROOT));
    }
    return node;
  }

  /** A file offer as {@code {"type":"file_offer",...}}. */
  static ObjectNode offer(FileOffer offer) {
    return object("file_offer")
        .put("conversation", offer.conversation())
        .put("seq", offer.seq())
        .put("id", offer.messageId())
        .put("fileId", offer.fileId())
        .put("sender", offer.sender())
        .put("name", offer.name())
        .put("size", offer.size())
        .put("sent", time(offer.sentAtMillis()))
        .put("stored", time(offer.storedAtMillis()))
        .put("direct", offer.isDirect())
        .put("own", offer.own());
  }

  /**
   * Adds to {@code node} what {@code left} counts: {@code sender} (null for damaged messages, which
   * name none), {@code reason}, {@code count} and {@code seqs}, the messages' sequence numbers in
   * ascending order.
   */
  static ObjectNode leftOut(ObjectNode node, LeftOutMessages left) {
    node.put("sender", left.sender().isEmpty() ? null : left.sender())
        .put("reason", left.reason().label());
    return counted(node, left.seqs());
  }

  /**
   * Adds to {@code node} what {@code held} counts: {@code sender}, {@code count} and {@code seqs},
   * the messages' sequence numbers in ascending order.
   */
  static ObjectNode held(ObjectNode node, HeldMessages held) {
    return counted(node.put("sender", held.sender()), held.seqs());
  }

  /** Adds {@code count} and {@code seqs} to {@code node}. */
  private static ObjectNode counted(ObjectNode node, java.util.List<Long> seqNumbers) {
    node.put("count", seqNumbers.size());
    ArrayNode seqs = node.putArray("seqs");
    seqNumbers.forEach(seqs::add);
    return node;
  }

  /** Escapes what a terminal could act on. */
  private static final class TerminalEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    TerminalEscapes() {
      ascii = standardAsciiEscapesForJSON();
      ascii[0x7F] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      boolean c1 = ch >= 0x80 && ch <= 0x9F;
      boolean separator = ch == 0x2028 || ch == 0x2029;
      boolean bidi =
          ch == 0x061C
              || ch == 0x200E
              || ch == 0x200F
              || (ch >= 0x202A && ch <= 0x202E)
              || (ch >= 0x2066 && ch <= 0x2069);
      if (c1 || separator || bidi) {
        return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04X", ch));
      }
      return null;
    }
  }
}
