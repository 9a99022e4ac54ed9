package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
  private static final String HOSTILE =
      "a\u001b[2Jb\u009b31mc\u007fd\u202eevil\u2028e \ud83d\ude00 caf\u00e9";

  @Test
  void message_withControlAndBidiCharacters_escapesThemButRoundTripsExactly() throws Exception {
    ChatMessage message =
        new ChatMessage("#room", 3, "00".repeat(16), "mallory", 1000, 2000, HOSTILE, false);
    String line = JsonLines.line(JsonLines.message(message));
    assertThat(line)
        .doesNotContain("\u001b")
        .doesNotContain("\u009b")
        .doesNotContain("\u007f")
        .doesNotContain("\u202e")
        .doesNotContain("\u2028")
        .doesNotContain("\n")
        .containsIgnoringCase("\\u001b")
        .containsIgnoringCase("\\u009b")
        .containsIgnoringCase("\\u202e")
        .contains("\ud83d\ude00 caf\u00e9");
    JsonNode parsed = new ObjectMapper().readTree(line);
    assertThat(parsed.get("text").asText()).isEqualTo(HOSTILE);
    assertThat(parsed.get("type").asText()).isEqualTo("message");
    assertThat(parsed.get("seq").asLong()).isEqualTo(3);
  }

  /** Every time has three digits of milliseconds, also when they are zero. */
  @Test
  void message_times_alwaysHaveTheirMilliseconds() throws Exception {
    ChatMessage message =
        new ChatMessage(
            "#room",
            3,
            "00".repeat(16),
            "bob",
            1_764_462_753_000L,
            1_764_462_753_007L,
            "hi",
            false);

    JsonNode parsed = new ObjectMapper().readTree(JsonLines.line(JsonLines.message(message)));

    assertThat(parsed.get("sent").asText()).isEqualTo("2025-11-30T00:32:33.000Z");
    assertThat(parsed.get("stored").asText()).isEqualTo("2025-11-30T00:32:33.007Z");
  }

  @Test
  void message_aReply_namesTheAnsweredIdAndItsSenderIfKnown() {
    String id = "%032x".formatted(7);
    ChatMessage message =
        new ChatMessage("#a", 2, "%032x".formatted(2), "alice", 0, 0, "sure", false);

    assertThat(
            JsonLines.line(
                JsonLines.message(
                    message.withReply(
                        new ChatMessage.Reply(
                            id, "bob", "noon?", ChatMessage.Reply.Kind.TEXT, false)))))
        .contains(",\"replyTo\":{\"id\":\"" + id + "\",\"sender\":\"bob\"},\"text\":\"sure\"}");
    assertThat(JsonLines.line(JsonLines.message(message.withReply(ChatMessage.Reply.unknown(id)))))
        .contains(",\"replyTo\":{\"id\":\"" + id + "\"},");
    assertThat(
            JsonLines.line(
                JsonLines.message(
                    message.withReply(
                        new ChatMessage.Reply(id, "bob", "", ChatMessage.Reply.Kind.TEXT, true)))))
        .contains(",\"replyTo\":{\"id\":\"" + id + "\",\"sender\":\"bob\",\"deleted\":true},");
    assertThat(JsonLines.line(JsonLines.message(message))).doesNotContain("replyTo");
  }

  @Test
  void message_aReaction_namesTheMessageItIsOnAsReactsTo() {
    String id = "%032x".formatted(7);
    ChatMessage message =
        new ChatMessage("#a", 2, "%032x".formatted(2), "alice", 0, 0, "👍", false);

    assertThat(
            JsonLines.line(
                JsonLines.message(
                    message.withReply(
                        new ChatMessage.Reply(id, "bob", "noon", ChatMessage.Reply.Kind.TEXT, false)
                            .reacted()))))
        .contains(",\"reactsTo\":{\"id\":\"" + id + "\",\"sender\":\"bob\"},\"text\":\"👍\"}");
  }

  @Test
  void message_anEdit_namesTheCorrectedIdAsEdits_withItsSenderIfHeld() {
    String id = "%032x".formatted(7);
    ChatMessage message =
        new ChatMessage("#a", 2, "%032x".formatted(2), "alice", 0, 0, "at one", false);

    assertThat(
            JsonLines.line(
                JsonLines.message(
                    message.withReply(
                        new ChatMessage.Reply(
                                id, "alice", "noon", ChatMessage.Reply.Kind.TEXT, false)
                            .editBy("alice")))))
        .contains(",\"edits\":{\"id\":\"" + id + "\",\"sender\":\"alice\"},\"text\":\"at one\"}")
        .doesNotContain("replyTo");
    assertThat(
            JsonLines.line(
                JsonLines.message(
                    message.withReply(ChatMessage.Reply.unknown(id).editBy("alice")))))
        .contains(",\"edits\":{\"id\":\"" + id + "\"},");
  }

  @Test
  void message_anAction_hasActionTrueBeforeItsText_plainTextHasNoSuchField() {
    ChatMessage action =
        new ChatMessage("#room", 3, "00".repeat(16), "bob", 0, 0, "waves", false, true);
    ChatMessage plain = new ChatMessage("#room", 4, "00".repeat(16), "bob", 0, 0, "hi", false);

    assertThat(JsonLines.line(JsonLines.message(action)))
        .endsWith("\"own\":false,\"action\":true,\"text\":\"waves\"}");
    assertThat(JsonLines.line(JsonLines.message(plain))).doesNotContain("action");
  }
}
