package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

/** The frame tests' check that a JSON text is refused as {@code BAD_FRAME}. */
final class BadFrames {
  private BadFrames() {}

  /**
   * {@code codec} refuses {@code json} with {@code BAD_FRAME}, naming {@code expectedId} (null for
   * a reply, which has no id to name).
   */
  static void assertBad(FrameCodec codec, String json, String expectedId) {
    assertThatThrownBy(() -> codec.fromJson(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            FrameException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
              assertThat(e.requestId().orElse(null)).isEqualTo(expectedId);
            });
  }
}
