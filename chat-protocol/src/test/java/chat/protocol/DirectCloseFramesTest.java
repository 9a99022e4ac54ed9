package chat.protocol;

import static chat.protocol.JsonFrames.json;
import static chat.protocol.JsonFrames.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wire version 7: {@code leave} and {@code join} of a direct conversation, their replies, and the
 * {@code event.membership} the closer's other connections get. No field is new.
 */
class DirectCloseFramesTest {
  @Test
  void leaveAndJoin_directConversation_theDocumentedBytes() throws Exception {
    String leave = "{\"type\":\"leave\",\"id\":\"7\",\"room\":\"@alice+bob\"}";
    String join = "{\"type\":\"join\",\"id\":\"8\",\"room\":\"@alice+bob\"}";

    assertThat(json(new LeaveRequest("7", "@alice+bob"))).isEqualTo(leave);
    assertThat(parse(leave)).isEqualTo(new LeaveRequest("7", "@alice+bob"));
    assertThat(parse(join)).isEqualTo(new JoinRequest("8", "@alice+bob"));
    assertThat(json(new LeaveReply("7", "@alice+bob")))
        .isEqualTo("{\"type\":\"leave_ok\",\"re\":\"7\",\"conversation\":\"@alice+bob\"}");
    JoinReply opened = new JoinReply("8", "@alice+bob", 12, List.of("alice", "Bob"));
    assertThat(json(opened))
        .isEqualTo(
            "{\"type\":\"join_ok\",\"re\":\"8\",\"conversation\":\"@alice+bob\",\"lastSeq\":12,"
                + "\"members\":[\"alice\",\"Bob\"]}");
    assertThat(parse(json(opened))).isEqualTo(opened);
    MembershipEvent closed = new MembershipEvent("@alice+bob", "alice", MembershipChange.LEFT);
    assertThat(json(closed))
        .isEqualTo(
            "{\"type\":\"event.membership\",\"conversation\":\"@alice+bob\",\"username\":\"alice\","
                + "\"change\":\"left\"}");
  }

  @Test
  void leave_directConversationNotSortedOrWithOneself_badFrame() {
    assertThatThrownBy(() -> parse("{\"type\":\"leave\",\"id\":\"7\",\"room\":\"@bob+alice\"}"))
        .isInstanceOf(FrameException.class);
    assertThatThrownBy(() -> parse("{\"type\":\"join\",\"id\":\"7\",\"room\":\"@bob+bob\"}"))
        .isInstanceOf(FrameException.class);
    assertThatThrownBy(() -> parse("{\"type\":\"leave\",\"id\":\"7\",\"room\":\"bob\"}"))
        .isInstanceOf(FrameException.class);
  }

  @Test
  void pick_version7Client_closeDirect() {
    assertThat(ProtocolVersions.pick(List.of(7, 6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.CLOSE_DIRECT);
  }
}
