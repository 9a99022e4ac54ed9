package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exact JSON of {@code login_ok} and {@code resume_ok} with a conversation's {@code lastId}
 * (wire version 15), and the same entries without it.
 */
class NewestIdFramesTest {
  private static final String ID = "00112233445566778899aabbccddeeff";

  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  private String json(Frame frame) {
    return new String(codec.toJson(frame), StandardCharsets.UTF_8);
  }

  @Test
  void toJson_resumeOk_namesTheNewestIdWhereThereIsOne_andReadsBack() throws Exception {
    ResumeReply reply =
        new ResumeReply(
            "4",
            "alice",
            99,
            List.of(new ConversationState("#a", 7, ID), new ConversationState("#b", 0)));

    assertThat(json(reply))
        .isEqualTo(
            "{\"type\":\"resume_ok\",\"re\":\"4\",\"username\":\"alice\",\"expiresAtMillis\":99,"
                + "\"conversations\":[{\"conversation\":\"#a\",\"lastSeq\":7,\"lastId\":\""
                + ID
                + "\"},{\"conversation\":\"#b\",\"lastSeq\":0}]}");
    assertThat(codec.fromJson(codec.toJson(reply))).isEqualTo(reply);
  }

  @Test
  void withoutLastId_leavesOnlyTheIdOut() {
    ConversationState state = new ConversationState("#a", 7, ID);

    assertThat(state.withoutLastId()).isEqualTo(new ConversationState("#a", 7));
    assertThat(new ConversationState("#b", 0).withoutLastId())
        .isEqualTo(new ConversationState("#b", 0));
  }

  @Test
  void fromJson_anIdThatIsNotOneOrWithoutANumber_badFrame() {
    for (String entry :
        new String[] {
          "{\"conversation\":\"#a\",\"lastSeq\":7,\"lastId\":\"" + ID.toUpperCase() + "\"}",
          "{\"conversation\":\"#a\",\"lastSeq\":7,\"lastId\":\"0011\"}",
          "{\"conversation\":\"#a\",\"lastSeq\":7,\"lastId\":5}",
          "{\"conversation\":\"#a\",\"lastSeq\":0,\"lastId\":\"" + ID + "\"}"
        }) {
      byte[] frame =
          ("{\"type\":\"resume_ok\",\"re\":\"4\",\"username\":\"alice\",\"expiresAtMillis\":99,"
                  + "\"conversations\":["
                  + entry
                  + "]}")
              .getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> codec.fromJson(frame)).as(entry).isInstanceOf(FrameException.class);
    }
  }
}
