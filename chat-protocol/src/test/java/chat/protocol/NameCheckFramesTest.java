package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exact JSON of {@code check_username} and {@code username_free} (wire version 16). */
class NameCheckFramesTest {
  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  private String json(Frame frame) {
    return new String(codec.toJson(frame), StandardCharsets.UTF_8);
  }

  @Test
  void toJson_checkUsername_andReadsBack() throws Exception {
    CheckUsernameRequest request = new CheckUsernameRequest("1", "Alice");

    assertThat(json(request))
        .isEqualTo("{\"type\":\"check_username\",\"id\":\"1\",\"username\":\"Alice\"}");
    assertThat(codec.fromJson(codec.toJson(request))).isEqualTo(request);
  }

  @Test
  void toJson_usernameFree_andReadsBack() throws Exception {
    UsernameFreeReply reply = new UsernameFreeReply("1", "Alice");

    assertThat(json(reply))
        .isEqualTo("{\"type\":\"username_free\",\"re\":\"1\",\"username\":\"Alice\"}");
    assertThat(codec.fromJson(codec.toJson(reply))).isEqualTo(reply);
  }

  @Test
  void fromJson_checkUsernameWithoutAName_orWithAnUnknownField_isRefused() {
    assertThatThrownBy(
            () ->
                codec.fromJson(
                    "{\"type\":\"check_username\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FrameException.class);
    assertThatThrownBy(
            () ->
                codec.fromJson(
                    "{\"type\":\"check_username\",\"id\":\"1\",\"username\":\"a\",\"password\":\"x\"}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FrameException.class);
  }
}
