package chat.protocol;

import static chat.protocol.JsonFrames.json;
import static chat.protocol.JsonFrames.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SocialFramesTest {
  @Test
  void toJson_versionOneShapes_omitTheNewFields() {
    assertThat(json(new PresenceEvent("bob", PresenceStatus.ONLINE)))
        .isEqualTo("{\"type\":\"event.presence\",\"username\":\"bob\",\"status\":\"online\"}");
    assertThat(json(new RoomsReply("1", List.of(new RoomInfo("#a", 1, true)))))
        .isEqualTo(
            "{\"type\":\"rooms\",\"re\":\"1\",\"rooms\":[{\"room\":\"#a\",\"members\":1,"
                + "\"joined\":true}]}");
    String fingerprint = "ab".repeat(32);
    assertThat(json(new MembersReply("1", "#a", List.of(new MemberInfo("bob", true, fingerprint)))))
        .isEqualTo(
            "{\"type\":\"members\",\"re\":\"1\",\"conversation\":\"#a\",\"members\":[{"
                + "\"username\":\"bob\",\"online\":true,\"keyFingerprint\":\""
                + fingerprint
                + "\"}]}");
  }

  @Test
  void fromJson_versionOnePresence_parsesWithoutMessage() throws Exception {
    assertThat(parse("{\"type\":\"event.presence\",\"username\":\"bob\",\"status\":\"offline\"}"))
        .isEqualTo(new PresenceEvent("bob", PresenceStatus.OFFLINE));
  }

  @Test
  void presence_messageWithoutAway_isRejected() {
    assertThatThrownBy(() -> new PresenceEvent("bob", PresenceStatus.ONLINE, "hi"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SetPresenceRequest("1", PresenceStatus.ONLINE, "hi"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SetPresenceRequest("1", PresenceStatus.OFFLINE, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void awayMessage_tooLongOrWithControls_isRejected() {
    assertThatThrownBy(() -> new SetPresenceRequest("1", PresenceStatus.AWAY, "x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SetPresenceRequest("1", PresenceStatus.AWAY, "a\u001b[2Jb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SetPresenceRequest("1", PresenceStatus.AWAY, "x".repeat(200)).message())
        .hasSize(200);
  }

  @Test
  void memberInfo_statusDisagreeingWithOnline_isRejected() {
    String fingerprint = "ab".repeat(32);
    assertThatThrownBy(
            () ->
                new MemberInfo(
                    "bob", false, fingerprint, PresenceStatus.AWAY, null, GroupRole.ADMIN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void groupEvent_fieldsMustMatchTheChange() {
    assertThatThrownBy(() -> new GroupEvent("#a", "alice", GroupChange.KICKED, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GroupEvent("#a", "alice", GroupChange.RENAMED, "bob", "T"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GroupEvent("#a", "alice", GroupChange.DISBANDED, null, "T"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kickOrBanReason_travelsOnlyWithThem_andIsLeftOutWhenAbsent() throws Exception {
    GroupMemberRequest kick =
        new GroupMemberRequest("k1", "#a", GroupAction.KICK, "bob", "being rude");
    assertThat(json(kick))
        .isEqualTo(
            "{\"type\":\"group_member\",\"id\":\"k1\",\"room\":\"#a\",\"action\":\"kick\","
                + "\"username\":\"bob\",\"reason\":\"being rude\"}");
    assertThat(parse(json(kick))).isEqualTo(kick);
    assertThat(json(new GroupMemberRequest("k2", "#a", GroupAction.BAN, "bob")))
        .doesNotContain("reason");
    GroupEvent banned = new GroupEvent("#a", "alice", GroupChange.BANNED, "bob", null, "spam");
    assertThat(json(banned)).endsWith(",\"reason\":\"spam\"}");
    assertThat(parse(json(banned))).isEqualTo(banned);
    assertThat(banned.withoutReason())
        .isEqualTo(new GroupEvent("#a", "alice", GroupChange.BANNED, "bob", null));

    assertThatThrownBy(() -> new GroupMemberRequest("k3", "#a", GroupAction.INVITE, "bob", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new GroupMemberRequest("k4", "#a", GroupAction.KICK, "bob", "two\nlines"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new GroupMemberRequest("k5", "#a", GroupAction.KICK, "bob", "x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new GroupEvent("#a", "alice", GroupChange.INVITED, "bob", null, "because"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void groupTitle_blankOrTooLong_isRejected() {
    assertThatThrownBy(() -> new GroupRenameRequest("1", "#a", "   "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GroupRenameRequest("1", "#a", "t".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJson_renameToATitleThatShowsNothing_isBadFrame() {
    for (String title : List.of("\\u200B\\u200B", "\\u0301".repeat(12), "\\u0301team")) {
      assertThatThrownBy(
              () ->
                  parse(
                      "{\"type\":\"group_rename\",\"id\":\"r1\",\"room\":\"#a\",\"title\":\""
                          + title
                          + "\"}"))
          .isInstanceOfSatisfying(
              FrameException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
    }
  }

  @Test
  void groupTitle_visibleWithAccentsOrEmoji_isAccepted() {
    assertThat(new GroupRenameRequest("1", "#a", "Cafe\u0301 \uD83D\uDE00").title())
        .isEqualTo("Cafe\u0301 \uD83D\uDE00");
  }

  @Test
  void roomInfo_titleStoredBeforeTheVisibilityRule_stillParses() {
    assertThat(new RoomInfo("#a", 1, true, true, "\u200B", false).title()).isEqualTo("\u200B");
  }

  @Test
  void friendInfo_presenceForNonFriends_isRejected() {
    assertThatThrownBy(
            () -> new FriendInfo("bob", FriendState.OUTGOING, PresenceStatus.ONLINE, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FriendInfo("bob", FriendState.FRIENDS, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromJson_unknownGroupAction_isBadFrame() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"type\":\"group_member\",\"id\":\"g1\",\"room\":\"#a\",\"action\":\"nuke\","
                        + "\"username\":\"bob\"}"))
        .isInstanceOfSatisfying(
            FrameException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
  }

  @Test
  void errorCode_newCodes_fallBackForVersionOne() {
    assertThat(ErrorCode.NOT_INVITED.forVersion(1)).isEqualTo(ErrorCode.NO_SUCH_CONVERSATION);
    assertThat(ErrorCode.NOT_INVITED.forVersion(2)).isEqualTo(ErrorCode.NOT_INVITED);
    assertThat(ErrorCode.NOT_MEMBER.forVersion(1)).isEqualTo(ErrorCode.NOT_MEMBER);
  }

  @Test
  void pick_offeringBothVersions_choosesTwo() {
    assertThat(ProtocolVersions.pick(List.of(1, 2))).isEqualTo(2);
    assertThat(ProtocolVersions.pick(List.of(1))).isEqualTo(1);
  }
}
