package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact JSON of a message deletion (wire version 13), and what its frames refuse. */
class DeleteFramesTest {
  private static final String ID_A = "3e7b53bd06443b44eb815a235e054c1c";
  private static final String ID_B = "bf647811b1b684a2dfa0ccb9e16b5f2d";

  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  private String json(Frame frame) {
    return new String(codec.toJson(frame), StandardCharsets.UTF_8);
  }

  @Test
  void toJson_deleteFrames_haveExactFields_andReadBack() throws Exception {
    DeleteMessagesRequest byId = DeleteMessagesRequest.messages("d1", "#team", List.of(ID_A, ID_B));
    assertThat(json(byId))
        .isEqualTo(
            "{\"type\":\"delete_messages\",\"id\":\"d1\",\"conversation\":\"#team\","
                + "\"messageIds\":[\""
                + ID_A
                + "\",\""
                + ID_B
                + "\"]}");
    DeleteMessagesRequest newest = DeleteMessagesRequest.newest("d2", "@alice+bob", "bob", 3);
    assertThat(json(newest))
        .isEqualTo(
            "{\"type\":\"delete_messages\",\"id\":\"d2\",\"conversation\":\"@alice+bob\","
                + "\"sender\":\"bob\",\"count\":3}");
    DeletedReply reply = new DeletedReply("d2", "#team", "Bob", List.of(ID_A));
    assertThat(json(reply))
        .isEqualTo(
            "{\"type\":\"deleted\",\"re\":\"d2\",\"conversation\":\"#team\",\"sender\":\"Bob\","
                + "\"messageIds\":[\""
                + ID_A
                + "\"]}");
    DeletedEvent event = new DeletedEvent("#team", "alice", "Bob", List.of(ID_B, ID_A));
    assertThat(json(event))
        .isEqualTo(
            "{\"type\":\"event.deleted\",\"conversation\":\"#team\",\"actor\":\"alice\","
                + "\"sender\":\"Bob\",\"messageIds\":[\""
                + ID_B
                + "\",\""
                + ID_A
                + "\"]}");
    ErrorReply refused =
        new ErrorReply("d1", ErrorCode.NOT_YOUR_MESSAGE, "only the owner can delete that");
    for (Frame frame : List.of(byId, newest, reply, event, refused)) {
      assertThat(codec.fromJson(codec.toJson(frame))).isEqualTo(frame);
    }
    assertThat(new DeletedReply("d3", "#team", "bob", List.of()).messageIds()).isEmpty();
  }

  @Test
  void request_takesExactlyOneForm_withinItsLimits() {
    assertThatThrownBy(() -> new DeleteMessagesRequest("d", "#team", List.of(ID_A), "bob", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeleteMessagesRequest("d", "#team", null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeleteMessagesRequest("d", "#team", null, "bob", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeleteMessagesRequest.newest("d", "#team", "bob", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeleteMessagesRequest.newest("d", "#team", "bob", 101))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeleteMessagesRequest.newest("d", "#team", "no one", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeleteMessagesRequest.messages("d", "#team", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeleteMessagesRequest.messages("d", "#team", List.of(ID_A, ID_A)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> DeleteMessagesRequest.messages("d", "#team", List.of(ID_A.toUpperCase())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeleteMessagesRequest.messages("d", "lobby", List.of(ID_A)))
        .isInstanceOf(IllegalArgumentException.class);
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      many.add(String.format("%032x", i));
    }
    assertThatThrownBy(() -> DeleteMessagesRequest.messages("d", "#team", many))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DeleteMessagesRequest.messages("d", "#team", many.subList(0, 100)).messageIds())
        .hasSize(100);
    assertThatThrownBy(() -> new DeletedEvent("#team", "alice", "bob", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJson_unknownOrBothForms_isRefused() {
    String both =
        "{\"type\":\"delete_messages\",\"id\":\"d1\",\"conversation\":\"#team\","
            + "\"messageIds\":[\""
            + ID_A
            + "\"],\"sender\":\"bob\",\"count\":1}";
    assertThatThrownBy(() -> codec.fromJson(both.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FrameException.class);
  }

  @Test
  void messageIds_areTheEnvelopesBytes() {
    assertThat(MessageIds.bytes(ID_A).hex()).isEqualTo(ID_A);
    assertThat(MessageIds.isValid(ID_A.substring(1))).isFalse();
  }

  @Test
  void aDeletedMessage_isAPageEntryWithoutEnvelope_inJsonAndBinary() throws Exception {
    StoredMessage deleted = new StoredMessage(7, 1_000, chat.crypto.Bytes.of(new byte[0]));
    HistoryReply page = new HistoryReply("h1", "#team", List.of(deleted), 0, false);

    assertThat(deleted.deleted()).isTrue();
    assertThat(json(page))
        .isEqualTo(
            "{\"type\":\"history_ok\",\"re\":\"h1\",\"conversation\":\"#team\","
                + "\"messages\":[{\"seq\":7,\"storedAtMillis\":1000,\"envelope\":\"\"}],"
                + "\"nextBefore\":0,\"more\":false}");
    assertThat(codec.fromJson(codec.toJson(page))).isEqualTo(page);
    assertThat(codec.decode(BinaryBodies.body(codec.encode(page, ProtocolVersions.DELETE)), true))
        .isEqualTo(page);
  }
}
