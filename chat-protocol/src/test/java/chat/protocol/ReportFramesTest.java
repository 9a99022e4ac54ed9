package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exact JSON of {@code report} and {@code reported} (wire version 17). */
class ReportFramesTest {
  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  private String json(Frame frame) {
    return new String(codec.toJson(frame), StandardCharsets.UTF_8);
  }

  private Frame read(String json) throws Exception {
    return codec.fromJson(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void toJson_report_withAndWithoutConversation_andReadsBack() throws Exception {
    ReportRequest inRoom = new ReportRequest("7", "mallory", "#team", "spam links");
    ReportRequest alone = new ReportRequest("8", "mallory", null, "threats");

    assertThat(json(inRoom))
        .isEqualTo(
            "{\"type\":\"report\",\"id\":\"7\",\"username\":\"mallory\",\"conversation\":\"#team\","
                + "\"reason\":\"spam links\"}");
    assertThat(json(alone))
        .isEqualTo(
            "{\"type\":\"report\",\"id\":\"8\",\"username\":\"mallory\",\"reason\":\"threats\"}");
    assertThat(codec.fromJson(codec.toJson(inRoom))).isEqualTo(inRoom);
    assertThat(codec.fromJson(codec.toJson(alone))).isEqualTo(alone);
  }

  @Test
  void toJson_reported_andReadsBack() throws Exception {
    ReportedReply reply = new ReportedReply("7", "mallory");

    assertThat(json(reply))
        .isEqualTo("{\"type\":\"reported\",\"re\":\"7\",\"username\":\"mallory\"}");
    assertThat(codec.fromJson(codec.toJson(reply))).isEqualTo(reply);
  }

  @Test
  void fromJson_reportWithoutAReason_blank_tooLong_controls_orABadConversation_isRefused() {
    String head = "{\"type\":\"report\",\"id\":\"1\",\"username\":\"mallory\"";
    for (String tail :
        new String[] {
          "}",
          ",\"reason\":\"  \"}",
          ",\"reason\":\"" + "x".repeat(ErrorCode.MAX_REASON_CHARS + 1) + "\"}",
          ",\"reason\":\"a\\u001b[31mred\"}",
          ",\"conversation\":\"team\",\"reason\":\"spam\"}",
          ",\"reason\":\"spam\",\"seq\":4}"
        }) {
      assertThatThrownBy(() -> read(head + tail)).as(tail).isInstanceOf(FrameException.class);
    }
  }
}
