package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exact JSON of {@code event.friend} with {@code own} (wire version 14). */
class OwnFriendFramesTest {
  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  private String json(Frame frame) {
    return new String(codec.toJson(frame), StandardCharsets.UTF_8);
  }

  @Test
  void toJson_ownFriendChange_hasOwnTrue_anotherUsersHasNoOwn_bothReadBack() throws Exception {
    FriendEvent own = new FriendEvent("bob", FriendChange.REMOVED, true);
    FriendEvent theirs = new FriendEvent("bob", FriendChange.REMOVED);

    assertThat(json(own))
        .isEqualTo(
            "{\"type\":\"event.friend\",\"username\":\"bob\",\"change\":\"removed\",\"own\":true}");
    assertThat(json(theirs))
        .isEqualTo("{\"type\":\"event.friend\",\"username\":\"bob\",\"change\":\"removed\"}");
    assertThat(codec.fromJson(codec.toJson(own))).isEqualTo(own);
    assertThat(((FriendEvent) codec.fromJson(codec.toJson(own))).ownChange()).isTrue();
    assertThat(((FriendEvent) codec.fromJson(codec.toJson(theirs))).ownChange()).isFalse();
  }

  @Test
  void fromJson_ownFalseOrNotABoolean_badFrame() {
    for (String own : new String[] {"false", "\"yes\"", "1"}) {
      byte[] frame =
          ("{\"type\":\"event.friend\",\"username\":\"bob\",\"change\":\"removed\",\"own\":"
                  + own
                  + "}")
              .getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> codec.fromJson(frame)).as(own).isInstanceOf(FrameException.class);
    }
    assertThatThrownBy(() -> new FriendEvent("bob", FriendChange.ACCEPTED, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
