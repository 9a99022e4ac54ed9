package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static chat.server.RelayFixture.seal;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.GroupAction;
import chat.protocol.GroupChange;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupDisbandRequest;
import chat.protocol.GroupEvent;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupRenameRequest;
import chat.protocol.GroupReply;
import chat.protocol.GroupRole;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.ListMembersRequest;
import chat.protocol.ListRoomsRequest;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import chat.protocol.MembershipChange;
import chat.protocol.MembershipEvent;
import chat.protocol.Reply;
import chat.protocol.RoomInfo;
import chat.protocol.RoomsReply;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.server.internal.storage.GroupInviteRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups over real connections: roles, invitations, bans, transfer, rename, disband, v1 peers. */
class GroupIntegrationTest {
  @TempDir static Path dataDir;
  static Relay relay;
  static IdentityKeyPair owner;
  static IdentityKeyPair admin;
  static IdentityKeyPair member;
  static IdentityKeyPair outsider;

  static MutableClock clock = new MutableClock();

  @BeforeAll
  static void startRelay() throws Exception {
    relay = Relay.start(RelayFixture.config(dataDir), clock, RelayFixture.RANDOM);
    owner = RelayFixture.identity("olivia");
    admin = RelayFixture.identity("adam");
    member = RelayFixture.identity("mia");
    outsider = RelayFixture.identity("oscar");
    try (TestClient client = RelayFixture.connect(relay, dataDir)) {
      for (IdentityKeyPair each : List.of(owner, admin, member, outsider)) {
        register(client, each);
      }
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static TestClient as(IdentityKeyPair who) throws Exception {
    return as(who, 2);
  }

  private static TestClient as(IdentityKeyPair who, int version) throws Exception {
    TestClient client = RelayFixture.connect(relay, dataDir, version);
    login(client, who.userId());
    return client;
  }

  private static ErrorCode error(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return ((ErrorReply) reply).code();
  }

  private static Reply act(TestClient client, String room, GroupAction action, String user)
      throws Exception {
    return client.call(new GroupMemberRequest(client.nextId(), room, action, user));
  }

  private static void ok(TestClient client, String room, GroupAction action, String user)
      throws Exception {
    assertThat(act(client, room, action, user)).isInstanceOf(GroupReply.class);
  }

  /** A group owned by olivia with adam as admin and mia as member; each client is logged in. */
  private static void staffed(String room, TestClient o, TestClient a, TestClient m)
      throws Exception {
    o.ok(new GroupCreateRequest(o.nextId(), room), JoinReply.class);
    for (TestClient joiner : List.of(a, m)) {
      String name = joiner == a ? "adam" : "mia";
      ok(o, room, GroupAction.INVITE, name);
      joiner.ok(new JoinRequest(joiner.nextId(), room), JoinReply.class);
    }
    ok(o, room, GroupAction.ADMIN, "adam");
  }

  private static Map<String, GroupRole> roles(TestClient client, String room) throws Exception {
    MembersReply reply =
        client.ok(new ListMembersRequest(client.nextId(), room), MembersReply.class);
    return reply.members().stream()
        .collect(Collectors.toMap(MemberInfo::username, MemberInfo::role));
  }

  /**
   * A kick's reason reaches the one kicked and the members of wire version 10; an older member
   * hears the kick without it (its decoder refuses unknown fields), and an older client may not
   * send one. The audit log records it.
   */
  @Test
  void kickWithAReason_reachesVersion10_olderMembersHearTheKickWithoutIt() throws Exception {
    int v10 = chat.protocol.ProtocolVersions.MODERATION;
    try (TestClient o = as(owner, v10);
        TestClient a = as(admin, v10 - 1);
        TestClient m = as(member, v10)) {
      staffed("#g-reason", o, a, m);

      assertThat(
              error(
                  a.call(
                      new GroupMemberRequest(
                          a.nextId(), "#g-reason", GroupAction.KICK, "mia", "too old to say"))))
          .isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(
              o.call(
                  new GroupMemberRequest(
                      o.nextId(), "#g-reason", GroupAction.KICK, "mia", "being rude")))
          .isInstanceOf(GroupReply.class);

      GroupEvent toTarget = m.nextEvent(GroupEvent.class, e -> e.change() == GroupChange.KICKED);
      assertThat(toTarget.reason()).isEqualTo("being rude");
      GroupEvent toOlder = a.nextEvent(GroupEvent.class, e -> e.change() == GroupChange.KICKED);
      assertThat(toOlder.username()).isEqualTo("mia");
      assertThat(toOlder.reason()).isNull();
    }
  }

  @Test
  void create_byAnyone_creatorIsOwnerAndAloneInIt() throws Exception {
    try (TestClient o = as(owner)) {
      JoinReply created = o.ok(new GroupCreateRequest(o.nextId(), "#g-create"), JoinReply.class);
      assertThat(created.members()).containsExactly("olivia");
      assertThat(roles(o, "#g-create")).containsExactly(Map.entry("olivia", GroupRole.OWNER));
      assertThat(error(o.call(new GroupCreateRequest(o.nextId(), "#g-create"))))
          .isEqualTo(ErrorCode.ROOM_EXISTS);
      assertThat(error(o.call(new GroupCreateRequest(o.nextId(), "#lobby"))))
          .isEqualTo(ErrorCode.ROOM_EXISTS);
    }
  }

  /** A new room or group whose name reads as an existing room's is refused, not named. */
  @Test
  void createOrJoin_aNewRoomNamedLikeAnExistingOne_isRefused() throws Exception {
    try (TestClient o = as(owner)) {
      o.ok(new GroupCreateRequest(o.nextId(), "#g-lookalike"), JoinReply.class);
      o.ok(new JoinRequest(o.nextId(), "#r-lookalike"), JoinReply.class);

      for (Reply refused :
          List.of(
              o.call(new GroupCreateRequest(o.nextId(), "#g_l00kalike")),
              o.call(new JoinRequest(o.nextId(), "#r--lookalike")),
              o.call(new JoinRequest(o.nextId(), "#g-1ookalike")),
              o.call(new JoinRequest(o.nextId(), "#l0bby")))) { // made at the first registration
        assertThat(error(refused)).isEqualTo(ErrorCode.ROOM_EXISTS);
        assertThat(((ErrorReply) refused).message())
            .matches("the name #[a-z0-9_-]+ is too like an existing room's name: pick another name")
            .doesNotContain("#g-lookalike", "#r-lookalike", "#lobby");
      }
      o.ok(new JoinRequest(o.nextId(), "#r-lookalike"), JoinReply.class); // the room itself
      o.ok(new JoinRequest(o.nextId(), "#r-lookalikes"), JoinReply.class); // another name
    }
  }

  @Test
  void join_uninvitedUser_isRefusedNotInvited_andInvitedJoins() throws Exception {
    try (TestClient o = as(owner);
        TestClient x = as(outsider)) {
      o.ok(new GroupCreateRequest(o.nextId(), "#g-invite"), JoinReply.class);
      assertThat(error(x.call(new JoinRequest(x.nextId(), "#g-invite"))))
          .isEqualTo(ErrorCode.NOT_INVITED);
      ok(o, "#g-invite", GroupAction.INVITE, "oscar");
      GroupEvent invited = x.nextEvent(GroupEvent.class, e -> e.conversation().equals("#g-invite"));
      assertThat(invited.change()).isEqualTo(GroupChange.INVITED);
      assertThat(invited.actor()).isEqualTo("olivia");
      RoomInfo listed =
          x.ok(new ListRoomsRequest(x.nextId()), RoomsReply.class).rooms().stream()
              .filter(r -> r.room().equals("#g-invite"))
              .findFirst()
              .orElseThrow();
      assertThat(listed.invited()).isTrue();
      assertThat(listed.group()).isTrue();
      x.ok(new JoinRequest(x.nextId(), "#g-invite"), JoinReply.class);
      MembershipEvent joined =
          o.nextEvent(MembershipEvent.class, e -> e.conversation().equals("#g-invite"));
      assertThat(joined.username()).isEqualTo("oscar");
      assertThat(roles(o, "#g-invite")).containsEntry("oscar", GroupRole.MEMBER);
    }
  }

  @Test
  void anInvitation_expiresAfterThirtyDays_andARenewedOneWorks() throws Exception {
    try (TestClient o = as(owner)) {
      o.ok(new GroupCreateRequest(o.nextId(), "#g-expiry"), JoinReply.class);
      ok(o, "#g-expiry", GroupAction.INVITE, "oscar");
    }
    clock.advance(GroupInviteRepository.LIFETIME.plusMinutes(1));
    try (TestClient o = as(owner);
        TestClient x = as(outsider)) {
      assertThat(x.ok(new ListRoomsRequest(x.nextId()), RoomsReply.class).rooms())
          .noneMatch(r -> r.room().equals("#g-expiry"));
      assertThat(error(x.call(new JoinRequest(x.nextId(), "#g-expiry"))))
          .isEqualTo(ErrorCode.NOT_INVITED);

      ok(o, "#g-expiry", GroupAction.INVITE, "oscar");
      x.ok(new JoinRequest(x.nextId(), "#g-expiry"), JoinReply.class);
    }
  }

  @Test
  void groups_areHiddenFromUsersWhoAreNotInvited() throws Exception {
    try (TestClient o = as(owner);
        TestClient x = as(outsider)) {
      o.ok(new GroupCreateRequest(o.nextId(), "#g-hidden"), JoinReply.class);
      assertThat(x.ok(new ListRoomsRequest(x.nextId()), RoomsReply.class).rooms())
          .noneMatch(r -> r.room().equals("#g-hidden"));
    }
  }

  @Test
  void banned_cannotJoinOrBeInvited_untilUnbanned() throws Exception {
    try (TestClient o = as(owner);
        TestClient x = as(outsider)) {
      o.ok(new GroupCreateRequest(o.nextId(), "#g-ban"), JoinReply.class);
      ok(o, "#g-ban", GroupAction.INVITE, "oscar");
      ok(o, "#g-ban", GroupAction.BAN, "oscar");
      assertThat(error(x.call(new JoinRequest(x.nextId(), "#g-ban")))).isEqualTo(ErrorCode.BANNED);
      assertThat(error(act(o, "#g-ban", GroupAction.INVITE, "oscar"))).isEqualTo(ErrorCode.BANNED);
      assertThat(error(act(o, "#g-ban", GroupAction.BAN, "oscar")))
          .isEqualTo(ErrorCode.INVALID_TARGET);
      ok(o, "#g-ban", GroupAction.UNBAN, "oscar");
      assertThat(error(x.call(new JoinRequest(x.nextId(), "#g-ban"))))
          .as("the ban also withdrew the invitation")
          .isEqualTo(ErrorCode.NOT_INVITED);
      ok(o, "#g-ban", GroupAction.INVITE, "oscar");
      x.ok(new JoinRequest(x.nextId(), "#g-ban"), JoinReply.class);
    }
  }

  @Test
  void adminRights_ofNonOwners_areRefusedWithTheRightCodes() throws Exception {
    try (TestClient o = as(owner);
        TestClient a = as(admin);
        TestClient m = as(member)) {
      staffed("#g-rights", o, a, m);
      assertThat(error(act(m, "#g-rights", GroupAction.INVITE, "oscar")))
          .isEqualTo(ErrorCode.NOT_GROUP_ADMIN);
      assertThat(error(act(m, "#g-rights", GroupAction.KICK, "adam")))
          .isEqualTo(ErrorCode.NOT_GROUP_ADMIN);
      assertThat(error(m.call(new GroupRenameRequest(m.nextId(), "#g-rights", "Mine"))))
          .isEqualTo(ErrorCode.NOT_GROUP_ADMIN);
      assertThat(error(act(a, "#g-rights", GroupAction.ADMIN, "mia")))
          .isEqualTo(ErrorCode.NOT_GROUP_OWNER);
      assertThat(error(act(a, "#g-rights", GroupAction.TRANSFER, "mia")))
          .isEqualTo(ErrorCode.NOT_GROUP_OWNER);
      assertThat(error(act(m, "#g-rights", GroupAction.TRANSFER, "mia")))
          .as("handing the group to oneself: owner-only first, not 'you already own it'")
          .isEqualTo(ErrorCode.NOT_GROUP_OWNER);
      assertThat(error(act(o, "#g-rights", GroupAction.TRANSFER, "olivia")))
          .isEqualTo(ErrorCode.INVALID_TARGET);
      assertThat(error(act(a, "#g-rights", GroupAction.KICK, "olivia")))
          .isEqualTo(ErrorCode.NOT_GROUP_OWNER);
      assertThat(error(act(a, "#g-rights", GroupAction.BAN, "olivia")))
          .isEqualTo(ErrorCode.NOT_GROUP_OWNER);
      assertThat(error(a.call(new GroupDisbandRequest(a.nextId(), "#g-rights"))))
          .isEqualTo(ErrorCode.NOT_GROUP_OWNER);
      assertThat(error(act(o, "#g-rights", GroupAction.KICK, "olivia")))
          .isEqualTo(ErrorCode.INVALID_TARGET);
      ok(a, "#g-rights", GroupAction.KICK, "mia");
      assertThat(roles(o, "#g-rights")).doesNotContainKey("mia");
    }
  }

  @Test
  void ownerOnlyActions_byAnAdmin_areRefusedInOneWording() throws Exception {
    try (TestClient o = as(owner);
        TestClient a = as(admin);
        TestClient m = as(member)) {
      staffed("#g-words", o, a, m);
      Reply disband = a.call(new GroupDisbandRequest(a.nextId(), "#g-words"));
      Reply transfer = act(a, "#g-words", GroupAction.TRANSFER, "mia");

      assertThat(((ErrorReply) disband).message())
          .isEqualTo("only the owner of #g-words can do that");
      assertThat(((ErrorReply) transfer).message())
          .isEqualTo("only the owner of #g-words can do that");
    }
  }

  @Test
  void admin_cannotActOnAnotherAdmin() throws Exception {
    try (TestClient o = as(owner);
        TestClient a = as(admin);
        TestClient m = as(member)) {
      staffed("#g-peers", o, a, m);
      ok(o, "#g-peers", GroupAction.ADMIN, "mia");
      assertThat(error(act(a, "#g-peers", GroupAction.KICK, "mia")))
          .isEqualTo(ErrorCode.NOT_GROUP_OWNER);
      ok(o, "#g-peers", GroupAction.DEADMIN, "mia");
      assertThat(roles(o, "#g-peers")).containsEntry("mia", GroupRole.MEMBER);
    }
  }

  @Test
  void owner_cannotLeave_untilOwnershipIsTransferred() throws Exception {
    try (TestClient o = as(owner);
        TestClient a = as(admin);
        TestClient m = as(member)) {
      staffed("#g-leave", o, a, m);
      assertThat(error(o.call(new LeaveRequest(o.nextId(), "#g-leave"))))
          .isEqualTo(ErrorCode.OWNER_MUST_TRANSFER);
      ok(o, "#g-leave", GroupAction.TRANSFER, "mia");
      GroupEvent transferred =
          a.nextEvent(
              GroupEvent.class,
              e -> e.conversation().equals("#g-leave") && e.change() == GroupChange.TRANSFERRED);
      assertThat(transferred.actor()).isEqualTo("olivia");
      assertThat(transferred.username()).isEqualTo("mia");
      assertThat(roles(o, "#g-leave"))
          .containsEntry("mia", GroupRole.OWNER)
          .containsEntry("olivia", GroupRole.ADMIN);
      o.ok(new LeaveRequest(o.nextId(), "#g-leave"), LeaveReply.class);
    }
  }

  @Test
  void kickedMember_isNotARecipientAnyMore_andCannotRead() throws Exception {
    try (TestClient o = as(owner);
        TestClient a = as(admin);
        TestClient m = as(member)) {
      staffed("#g-kick", o, a, m);
      ok(o, "#g-kick", GroupAction.KICK, "mia");
      GroupEvent kicked = m.nextEvent(GroupEvent.class, e -> e.change() == GroupChange.KICKED);
      assertThat(kicked.username()).isEqualTo("mia");
      assertThat(kicked.actor()).isEqualTo("olivia");
      Reply stale =
          o.call(
              new SendRequest(
                  o.nextId(),
                  "#g-kick",
                  Bytes.of(
                      seal(
                              owner,
                              "#g-kick",
                              List.of(owner.bundle(), admin.bundle(), member.bundle()),
                              "after the kick")
                          .encode())));
      assertThat(error(stale)).isEqualTo(ErrorCode.RECIPIENT_NOT_MEMBER);
      o.ok(
          new SendRequest(
              o.nextId(),
              "#g-kick",
              Bytes.of(
                  seal(owner, "#g-kick", List.of(owner.bundle(), admin.bundle()), "members only")
                      .encode())),
          SendReply.class);
      assertThat(error(m.call(new HistoryRequest(m.nextId(), "#g-kick", 0, 0))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      assertThat(error(m.call(new JoinRequest(m.nextId(), "#g-kick"))))
          .isEqualTo(ErrorCode.NOT_INVITED);
    }
  }

  @Test
  void rename_announcesTheTitle_andKeepsTheRoomId() throws Exception {
    try (TestClient o = as(owner);
        TestClient a = as(admin);
        TestClient m = as(member)) {
      staffed("#g-rename", o, a, m);
      a.ok(new GroupRenameRequest(a.nextId(), "#g-rename", "Weekend plans"), GroupReply.class);
      GroupEvent renamed = m.nextEvent(GroupEvent.class, e -> e.change() == GroupChange.RENAMED);
      assertThat(renamed.title()).isEqualTo("Weekend plans");
      assertThat(renamed.actor()).isEqualTo("adam");
      assertThat(renamed.conversation()).isEqualTo("#g-rename");
      RoomInfo room =
          m.ok(new ListRoomsRequest(m.nextId()), RoomsReply.class).rooms().stream()
              .filter(r -> r.room().equals("#g-rename"))
              .findFirst()
              .orElseThrow();
      assertThat(room.title()).isEqualTo("Weekend plans");
    }
  }

  @Test
  void disband_removesEveryone_andDeletesTheMessages() throws Exception {
    try (TestClient o = as(owner);
        TestClient a = as(admin);
        TestClient m = as(member)) {
      staffed("#g-disband", o, a, m);
      o.ok(
          new SendRequest(
              o.nextId(),
              "#g-disband",
              Bytes.of(
                  seal(
                          owner,
                          "#g-disband",
                          List.of(owner.bundle(), admin.bundle(), member.bundle()),
                          "bye")
                      .encode())),
          SendReply.class);
      o.ok(new GroupDisbandRequest(o.nextId(), "#g-disband"), GroupReply.class);
      assertThat(m.nextEvent(GroupEvent.class, e -> e.change() == GroupChange.DISBANDED).actor())
          .isEqualTo("olivia");
      assertThat(error(o.call(new HistoryRequest(o.nextId(), "#g-disband", 0, 0))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      assertThat(o.ok(new ListRoomsRequest(o.nextId()), RoomsReply.class).rooms())
          .noneMatch(r -> r.room().equals("#g-disband"));
      JoinReply reused = m.ok(new JoinRequest(m.nextId(), "#g-disband"), JoinReply.class);
      assertThat(reused.members()).containsExactly("mia");
      HistoryReply history =
          m.ok(new HistoryRequest(m.nextId(), "#g-disband", 0, 0), HistoryReply.class);
      assertThat(history.messages()).isEmpty();
    }
  }

  @Test
  void groupActions_onPublicRoom_areNotAGroup() throws Exception {
    try (TestClient o = as(owner)) {
      o.ok(new JoinRequest(o.nextId(), "#g-public"), JoinReply.class);
      assertThat(error(act(o, "#g-public", GroupAction.INVITE, "mia")))
          .isEqualTo(ErrorCode.NOT_A_GROUP);
      assertThat(error(o.call(new GroupRenameRequest(o.nextId(), "#g-public", "x"))))
          .isEqualTo(ErrorCode.NOT_A_GROUP);
      assertThat(error(o.call(new GroupCreateRequest(o.nextId(), "#g-public"))))
          .isEqualTo(ErrorCode.ROOM_EXISTS);
    }
  }

  @Test
  void create_theCreatorsOtherConnectionsHearTheirJoin_theCreatingOneOnlyItsReply()
      throws Exception {
    try (TestClient here = as(owner);
        TestClient there = as(owner);
        TestClient old = as(owner, 1);
        TestClient other = as(admin)) {
      here.ok(new GroupCreateRequest(here.nextId(), "#g-elsewhere"), JoinReply.class);

      MembershipEvent joined =
          new MembershipEvent("#g-elsewhere", "olivia", MembershipChange.JOINED);
      assertThat(there.nextEvent(MembershipEvent.class)).isEqualTo(joined);
      assertThat(old.nextEvent(MembershipEvent.class))
          .as("a version 1 connection takes the group for a room it is in")
          .isEqualTo(joined);
      assertThat(here.eventsSoFar(MembershipEvent.class)).as("its join_ok says it all").isEmpty();
      assertThat(other.eventsSoFar(MembershipEvent.class)).isEmpty();
    }
  }

  @Test
  void versionOneMember_hearsAKickAsLeft_andGetsOnlyCodesItKnows() throws Exception {
    try (TestClient o = as(owner);
        TestClient old = as(member, 1);
        TestClient x = as(outsider, 1)) {
      o.ok(new GroupCreateRequest(o.nextId(), "#g-v1"), JoinReply.class);
      ok(o, "#g-v1", GroupAction.INVITE, "mia");
      old.ok(new JoinRequest(old.nextId(), "#g-v1"), JoinReply.class);
      assertThat(error(x.call(new JoinRequest(x.nextId(), "#g-v1"))))
          .isEqualTo(ErrorCode.NO_SUCH_CONVERSATION);
      assertThat(error(x.call(new GroupCreateRequest(x.nextId(), "#g-v1-own"))))
          .isEqualTo(ErrorCode.BAD_FRAME);
      MembersReply seen = old.ok(new ListMembersRequest(old.nextId(), "#g-v1"), MembersReply.class);
      assertThat(seen.members()).allMatch(info -> info.role() == null && info.status() == null);
      ok(o, "#g-v1", GroupAction.KICK, "mia");
      MembershipEvent left =
          old.nextEvent(
              MembershipEvent.class,
              e -> e.conversation().equals("#g-v1") && e.change() == MembershipChange.LEFT);
      assertThat(left.username()).isEqualTo("mia");
    }
  }
}
