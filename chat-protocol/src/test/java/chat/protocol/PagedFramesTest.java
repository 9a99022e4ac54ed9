package chat.protocol;

import static chat.protocol.JsonFrames.json;
import static chat.protocol.JsonFrames.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The paged list frames: the {@code after} and {@code next} cursors of rooms and members (wire
 * version 5) and of friends (wire version 6), the bundle cap.
 */
class PagedFramesTest {
  @Test
  void toJson_withoutCursor_omitsAfterAndNext_asOlderPeersExpect() {
    assertThat(json(new ListRoomsRequest("1"))).isEqualTo("{\"type\":\"list_rooms\",\"id\":\"1\"}");
    assertThat(json(new ListMembersRequest("1", "#a")))
        .isEqualTo("{\"type\":\"list_members\",\"id\":\"1\",\"conversation\":\"#a\"}");
    assertThat(json(new RoomsReply("1", List.of()))).doesNotContain("next");
  }

  @Test
  void roundTrip_cursors_keptExactly() throws Exception {
    assertThat(json(new ListRoomsRequest("1", "#kiln")))
        .isEqualTo("{\"type\":\"list_rooms\",\"id\":\"1\",\"after\":\"#kiln\"}");
    assertThat(parse("{\"type\":\"list_rooms\",\"id\":\"1\",\"after\":\"#kiln\"}"))
        .isEqualTo(new ListRoomsRequest("1", "#kiln"));
    RoomsReply rooms = new RoomsReply("2", List.of(new RoomInfo("#kiln", 2, false)), "#kiln");
    assertThat(parse(json(rooms))).isEqualTo(rooms);
    MembersReply members =
        new MembersReply("3", "#a", List.of(new MemberInfo("Bob", false, "ab".repeat(32))), "Bob");
    assertThat(json(members)).endsWith(",\"next\":\"Bob\"}");
    assertThat(parse(json(members))).isEqualTo(members);
    assertThat(
            parse(
                "{\"type\":\"list_members\",\"id\":\"4\",\"conversation\":\"#a\",\"after\":\"bob\"}"))
        .isEqualTo(new ListMembersRequest("4", "#a", "bob"));
  }

  @Test
  void friends_cursors_absentWithoutOne_keptExactlyWithOne() throws Exception {
    assertThat(json(new ListFriendsRequest("1")))
        .as("a version 2 to 5 relay refuses any field it does not know")
        .isEqualTo("{\"type\":\"list_friends\",\"id\":\"1\"}");
    assertThat(json(new FriendsReply("1", List.of()))).doesNotContain("next");
    assertThat(json(new ListFriendsRequest("2", "Bob")))
        .isEqualTo("{\"type\":\"list_friends\",\"id\":\"2\",\"after\":\"Bob\"}");
    assertThat(parse("{\"type\":\"list_friends\",\"id\":\"2\",\"after\":\"Bob\"}"))
        .isEqualTo(new ListFriendsRequest("2", "Bob"));
    FriendsReply page =
        new FriendsReply(
            "3",
            List.of(
                new FriendInfo("alice", FriendState.INCOMING, null, null),
                new FriendInfo("Bob", FriendState.FRIENDS, PresenceStatus.AWAY, "lunch")),
            "Bob");
    assertThat(json(page))
        .isEqualTo(
            "{\"type\":\"friends\",\"re\":\"3\",\"friends\":["
                + "{\"username\":\"alice\",\"state\":\"incoming\"},"
                + "{\"username\":\"Bob\",\"state\":\"friends\",\"status\":\"away\","
                + "\"message\":\"lunch\"}],\"next\":\"Bob\"}");
    assertThat(parse(json(page))).isEqualTo(page);
  }

  @Test
  void friends_cursorNotAUsername_badFrame() {
    assertThatThrownBy(() -> parse("{\"type\":\"list_friends\",\"id\":\"1\",\"after\":\"#room\"}"))
        .isInstanceOf(FrameException.class)
        .extracting(e -> ((FrameException) e).code())
        .isEqualTo(ErrorCode.BAD_FRAME);
    assertThatThrownBy(
            () ->
                parse(
                    "{\"type\":\"friends\",\"re\":\"1\",\"friends\":[],"
                        + "\"next\":\"no spaces\"}"))
        .isInstanceOf(FrameException.class);
  }

  @Test
  void fromJson_cursorNotARoomOrUsername_badFrame() {
    assertThatThrownBy(() -> parse("{\"type\":\"list_rooms\",\"id\":\"1\",\"after\":\"kiln\"}"))
        .isInstanceOf(FrameException.class)
        .extracting(e -> ((FrameException) e).code())
        .isEqualTo(ErrorCode.BAD_FRAME);
    assertThatThrownBy(
            () ->
                parse(
                    "{\"type\":\"list_members\",\"id\":\"1\",\"conversation\":\"#a\","
                        + "\"after\":\"no spaces\"}"))
        .isInstanceOf(FrameException.class);
  }

  @Test
  void getBundles_upToTheOlderLimitDecodes_theRelayEnforcesTheNewOne() {
    assertThat(GetBundlesRequest.MAX_USERS).isEqualTo(20);
    new GetBundlesRequest("1", Collections.nCopies(GetBundlesRequest.LEGACY_MAX_USERS, "bob"));
    assertThatThrownBy(
            () ->
                new GetBundlesRequest(
                    "1", Collections.nCopies(GetBundlesRequest.LEGACY_MAX_USERS + 1, "bob")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toJson_overTheFrameSize_throwsFrameTooLarge() {
    FrameCodec small = new FrameCodec(1024);
    RoomsReply big = new RoomsReply("1", Collections.nCopies(40, new RoomInfo("#a", 1, true)));
    assertThatThrownBy(() -> small.toJson(big)).isInstanceOf(FrameTooLargeException.class);
  }

  @Test
  void replyTooLarge_olderConnections_getInternal() {
    assertThat(ErrorCode.REPLY_TOO_LARGE.forVersion(ProtocolVersions.PAGED))
        .isEqualTo(ErrorCode.REPLY_TOO_LARGE);
    assertThat(ErrorCode.REPLY_TOO_LARGE.forVersion(ProtocolVersions.STORE_TIME))
        .isEqualTo(ErrorCode.INTERNAL);
    assertThat(ProtocolVersions.pick(List.of(5, 4, 3, 2, 1))).isEqualTo(ProtocolVersions.PAGED);
    assertThat(ProtocolVersions.pick(List.of(6, 5, 4, 3, 2, 1)))
        .isEqualTo(ProtocolVersions.PAGED_FRIENDS);
  }
}
