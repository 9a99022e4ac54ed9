package chat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact JSON of a mute (wire version 12), and its error code on older connections. */
class MuteFramesTest {
  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  private String json(Frame frame) {
    return new String(codec.toJson(frame), StandardCharsets.UTF_8);
  }

  @Test
  void toJson_muteFrames_haveExactFields_andReadBack() throws Exception {
    GroupMemberRequest mute =
        new GroupMemberRequest("g1", "#team", GroupAction.MUTE, "carol", "calm down", 30);
    assertThat(json(mute))
        .isEqualTo(
            "{\"type\":\"group_member\",\"id\":\"g1\",\"room\":\"#team\",\"action\":\"mute\","
                + "\"username\":\"carol\",\"reason\":\"calm down\",\"minutes\":30}");
    GroupMemberRequest unmute = new GroupMemberRequest("g2", "#team", GroupAction.UNMUTE, "carol");
    assertThat(json(unmute))
        .isEqualTo(
            "{\"type\":\"group_member\",\"id\":\"g2\",\"room\":\"#team\",\"action\":\"unmute\","
                + "\"username\":\"carol\"}");
    GroupEvent muted =
        new GroupEvent(
            "#team", "alice", GroupChange.MUTED, "carol", null, "calm down", 1794301800000L);
    assertThat(json(muted))
        .isEqualTo(
            "{\"type\":\"event.group\",\"conversation\":\"#team\",\"actor\":\"alice\","
                + "\"change\":\"muted\",\"username\":\"carol\",\"reason\":\"calm down\","
                + "\"untilMillis\":1794301800000}");
    GroupEvent unmuted = new GroupEvent("#team", "alice", GroupChange.UNMUTED, "carol", null);
    assertThat(json(unmuted))
        .isEqualTo(
            "{\"type\":\"event.group\",\"conversation\":\"#team\",\"actor\":\"alice\","
                + "\"change\":\"unmuted\",\"username\":\"carol\"}");
    ErrorReply refused = new ErrorReply("s1", ErrorCode.MUTED, "you are muted in #team");
    assertThat(json(refused))
        .isEqualTo(
            "{\"type\":\"error\",\"re\":\"s1\",\"code\":\"MUTED\","
                + "\"message\":\"you are muted in #team\"}");
    for (Frame frame : List.of(mute, unmute, muted, unmuted, refused)) {
      assertThat(codec.fromJson(codec.toJson(frame))).isEqualTo(frame);
    }
  }

  @Test
  void memberEntry_mutedAndItsEnd_onlyWhenMuted() throws Exception {
    String key = "ab".repeat(32);
    MemberInfo plain =
        new MemberInfo("carol", true, key, PresenceStatus.ONLINE, null, GroupRole.MEMBER);
    MembersReply reply =
        new MembersReply(
            "m1",
            "#team",
            List.of(
                plain.mutedUntil(1794301800000L),
                new MemberInfo("dave", true, key, PresenceStatus.ONLINE, null, GroupRole.ADMIN)
                    .mutedUntil(null),
                new MemberInfo("erin", true, key, PresenceStatus.ONLINE, null, GroupRole.OWNER)));
    String text = json(reply);
    assertThat(text)
        .contains(
            "\"username\":\"carol\",\"online\":true,\"keyFingerprint\":\""
                + key
                + "\",\"status\":\"online\",\"role\":\"member\",\"muted\":true,"
                + "\"mutedUntilMillis\":1794301800000}")
        .contains("\"role\":\"admin\",\"muted\":true}")
        .contains("\"role\":\"owner\"}");
    assertThat(codec.fromJson(codec.toJson(reply))).isEqualTo(reply);
    assertThatThrownBy(
            () ->
                new MemberInfo("carol", true, key, PresenceStatus.ONLINE, null, null, false, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new MemberInfo("carol", true, key, PresenceStatus.ONLINE, null, null, null, 5L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructors_reasonAndEndOnlyWithAMute() {
    assertThatThrownBy(
            () -> new GroupMemberRequest("g1", "#team", GroupAction.UNMUTE, "carol", "x", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new GroupMemberRequest("g2", "#team", GroupAction.UNMUTE, "carol", null, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new GroupMemberRequest("g3", "#team", GroupAction.MUTE, "carol", null, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new GroupEvent("#team", "alice", GroupChange.UNMUTED, "carol", null, "x", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new GroupEvent("#team", "alice", GroupChange.UNMUTED, "carol", null, null, 5L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mutedCode_isNotGroupAdminBeforeVersion12_andNoSuchConversationForVersion1() {
    assertThat(ErrorCode.MUTED.forVersion(ProtocolVersions.MUTE)).isEqualTo(ErrorCode.MUTED);
    for (int version = ProtocolVersions.SOCIAL; version < ProtocolVersions.MUTE; version++) {
      assertThat(ErrorCode.MUTED.forVersion(version)).isEqualTo(ErrorCode.NOT_GROUP_ADMIN);
    }
    assertThat(ErrorCode.MUTED.forVersion(1)).isEqualTo(ErrorCode.NO_SUCH_CONVERSATION);
  }
}
