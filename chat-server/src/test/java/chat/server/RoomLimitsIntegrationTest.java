package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Event;
import chat.protocol.GroupAction;
import chat.protocol.GroupChange;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupDisbandRequest;
import chat.protocol.GroupEvent;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupReply;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.LoginReply;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay's {@link RoomLimits}: rooms one user creates, members of one room ({@code #lobby}
 * included), pending invitations one user holds; and declining an invitation with {@code leave},
 * after which it is not offered again at login.
 */
class RoomLimitsIntegrationTest {
  private static final int ROOMS_PER_USER = 3;
  private static final int ROOM_MEMBERS = 3;
  private static final int INVITATIONS = 2;

  @TempDir static Path dataDir;
  static Relay relay;

  @BeforeAll
  static void startRelay() throws Exception {
    RelayConfig config =
        RelayFixture.builder(dataDir)
            .requestsPerSecond(1_000_000)
            .requestBurst(1_000_000)
            .rooms(new RoomLimits(ROOMS_PER_USER, ROOM_MEMBERS, INVITATIONS))
            .build();
    relay = Relay.start(config, java.time.Clock.systemUTC(), RelayFixture.RANDOM);
    try (TestClient client = RelayFixture.connect(relay, dataDir)) {
      for (String name :
          List.of(
              "rita", "sam", "tess", "uma", "vic", "wes", "xan", "yan", "zoe", "abe", "cal",
              "dee")) {
        IdentityKeyPair identity = RelayFixture.identity(name);
        register(client, identity);
      }
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static TestClient as(String name) throws Exception {
    TestClient client = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED);
    login(client, name);
    return client;
  }

  private static ErrorReply refused(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return (ErrorReply) reply;
  }

  @Test
  void register_lobbyFull_accountStillCreatedOutsideTheLobby() throws Exception {
    try (TestClient uma = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED)) {
      LoginReply loggedIn = login(uma, "uma");
      assertThat(loggedIn.conversations())
          .as("the lobby filled with the first three accounts")
          .isEmpty();
      ErrorReply full = refused(uma.call(new JoinRequest(uma.nextId(), "#lobby")));
      assertThat(full.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(full.message()).contains("#lobby is full").contains("" + ROOM_MEMBERS);
    }
  }

  @Test
  void join_roomFull_limitReached() throws Exception {
    try (TestClient rita = as("rita");
        TestClient sam = as("sam");
        TestClient tess = as("tess");
        TestClient vic = as("vic")) {
      for (TestClient each : List.of(rita, sam, tess)) {
        each.ok(new JoinRequest(each.nextId(), "#crowded"), JoinReply.class);
      }
      ErrorReply full = refused(vic.call(new JoinRequest(vic.nextId(), "#crowded")));
      assertThat(full.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(full.message())
          .isEqualTo("#crowded is full: it has 3 members, this relay's limit");
      tess.ok(new LeaveRequest(tess.nextId(), "#crowded"), LeaveReply.class);
      vic.ok(new JoinRequest(vic.nextId(), "#crowded"), JoinReply.class);
    }
  }

  @Test
  void join_createsMoreRoomsThanTheLimit_limitReachedUntilOneEmpties() throws Exception {
    try (TestClient sam = as("sam");
        TestClient tess = as("tess")) {
      tess.ok(new JoinRequest(tess.nextId(), "#tess-own"), JoinReply.class);
      for (int i = 0; i < ROOMS_PER_USER; i++) {
        sam.ok(new JoinRequest(sam.nextId(), "#sam-" + i), JoinReply.class);
      }
      ErrorReply limit = refused(sam.call(new JoinRequest(sam.nextId(), "#sam-extra")));
      assertThat(limit.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(limit.message()).contains("created " + ROOMS_PER_USER + " rooms");
      ErrorReply group = refused(sam.call(new GroupCreateRequest(sam.nextId(), "#sam-group")));
      assertThat(group.code()).as("groups count too").isEqualTo(ErrorCode.LIMIT_REACHED);
      sam.ok(new JoinRequest(sam.nextId(), "#tess-own"), JoinReply.class);
      sam.ok(new LeaveRequest(sam.nextId(), "#sam-0"), LeaveReply.class);
      sam.ok(new JoinRequest(sam.nextId(), "#sam-extra"), JoinReply.class);
    }
  }

  @Test
  void groupCreate_reusesAnEmptiedRoom_countsForTheNewCreatorOnly() throws Exception {
    try (TestClient wes = as("wes");
        TestClient xan = as("xan")) {
      xan.ok(new GroupCreateRequest(xan.nextId(), "#reborn"), JoinReply.class);
      xan.ok(new GroupDisbandRequest(xan.nextId(), "#reborn"), GroupReply.class);
      xan.ok(new JoinRequest(xan.nextId(), "#emptied"), JoinReply.class);
      xan.ok(new LeaveRequest(xan.nextId(), "#emptied"), LeaveReply.class);
      for (int i = 0; i < ROOMS_PER_USER; i++) {
        wes.ok(new JoinRequest(wes.nextId(), "#wes-" + i), JoinReply.class);
      }
      ErrorReply group = refused(wes.call(new GroupCreateRequest(wes.nextId(), "#reborn")));
      assertThat(group.code())
          .as("re-creating a disbanded group's id makes a room")
          .isEqualTo(ErrorCode.LIMIT_REACHED);
      ErrorReply join = refused(wes.call(new JoinRequest(wes.nextId(), "#emptied")));
      assertThat(join.code())
          .as("joining a room everyone left makes it again")
          .isEqualTo(ErrorCode.LIMIT_REACHED);

      wes.ok(new LeaveRequest(wes.nextId(), "#wes-0"), LeaveReply.class);
      wes.ok(new LeaveRequest(wes.nextId(), "#wes-1"), LeaveReply.class);
      wes.ok(new GroupCreateRequest(wes.nextId(), "#reborn"), JoinReply.class);
      wes.ok(new JoinRequest(wes.nextId(), "#emptied"), JoinReply.class);
      for (int i = 0; i < ROOMS_PER_USER; i++) {
        xan.ok(new JoinRequest(xan.nextId(), "#xan-" + i), JoinReply.class);
      }
      assertThat(refused(xan.call(new JoinRequest(xan.nextId(), "#xan-extra"))).message())
          .as("the re-created rooms count for wes, not for xan who made them first")
          .contains("created " + ROOMS_PER_USER + " rooms");
    }
  }

  /**
   * A group handed to another member counts for its new owner from then on: its creator, who no
   * longer owns it, could not free it by leaving while others are in it.
   */
  @Test
  void groupTransfer_countsForTheNewOwner_notItsCreator() throws Exception {
    try (TestClient cal = as("cal");
        TestClient dee = as("dee")) {
      cal.ok(new GroupCreateRequest(cal.nextId(), "#handed"), JoinReply.class);
      for (int i = 1; i < ROOMS_PER_USER; i++) {
        cal.ok(new JoinRequest(cal.nextId(), "#cal-" + i), JoinReply.class);
      }
      assertThat(refused(cal.call(new JoinRequest(cal.nextId(), "#cal-extra"))).code())
          .isEqualTo(ErrorCode.LIMIT_REACHED);
      cal.ok(
          new GroupMemberRequest(cal.nextId(), "#handed", GroupAction.INVITE, "dee"),
          GroupReply.class);
      dee.ok(new JoinRequest(dee.nextId(), "#handed"), JoinReply.class);
      cal.ok(
          new GroupMemberRequest(cal.nextId(), "#handed", GroupAction.TRANSFER, "dee"),
          GroupReply.class);

      cal.ok(new JoinRequest(cal.nextId(), "#cal-extra"), JoinReply.class);
      for (int i = 1; i < ROOMS_PER_USER; i++) {
        dee.ok(new JoinRequest(dee.nextId(), "#dee-" + i), JoinReply.class);
      }
      ErrorReply full = refused(dee.call(new JoinRequest(dee.nextId(), "#dee-extra")));
      assertThat(full.message())
          .as("#handed counts for dee now")
          .startsWith("you have created " + ROOMS_PER_USER + " rooms, this relay's limit: ");

      ErrorReply back =
          refused(
              dee.call(
                  new GroupMemberRequest(dee.nextId(), "#handed", GroupAction.TRANSFER, "cal")));
      assertThat(back.code())
          .as("cal, at the limit again, cannot take a group: else hand-overs would pass it")
          .isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(back.message())
          .isEqualTo(
              "cal cannot take #handed: they have "
                  + ROOMS_PER_USER
                  + " rooms of their own, as many as they may create (a group counts for its"
                  + " owner)");
      ErrorReply stillDees = refused(dee.call(new JoinRequest(dee.nextId(), "#dee-extra")));
      assertThat(stillDees.code())
          .as("the refused hand-over changed nothing")
          .isEqualTo(ErrorCode.LIMIT_REACHED);
    }
  }

  @Test
  void invite_inviteeHoldsTheLimit_refusedToInviterUntilOneIsDeclined() throws Exception {
    try (TestClient vic = as("vic")) {
      List<String> groups = new ArrayList<>();
      for (int i = 0; i <= INVITATIONS; i++) {
        String room = "#vic-g" + i;
        vic.ok(new GroupCreateRequest(vic.nextId(), room), JoinReply.class);
        groups.add(room);
      }
      for (int i = 0; i < INVITATIONS; i++) {
        vic.ok(
            new GroupMemberRequest(vic.nextId(), groups.get(i), GroupAction.INVITE, "rita"),
            GroupReply.class);
      }
      ErrorReply limit =
          refused(
              vic.call(
                  new GroupMemberRequest(
                      vic.nextId(), groups.get(INVITATIONS), GroupAction.INVITE, "rita")));
      assertThat(limit.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(limit.message()).contains("rita already holds " + INVITATIONS);

      try (TestClient rita = as("rita")) {
        assertThat(invitationsPushed(rita)).containsExactly(groups.get(0), groups.get(1));
        rita.ok(new LeaveRequest(rita.nextId(), groups.get(0)), LeaveReply.class);
        assertThat(refused(rita.call(new JoinRequest(rita.nextId(), groups.get(0)))).code())
            .as("a declined invitation is gone")
            .isEqualTo(ErrorCode.NOT_INVITED);
      }
      vic.ok(
          new GroupMemberRequest(vic.nextId(), groups.get(INVITATIONS), GroupAction.INVITE, "rita"),
          GroupReply.class);
      try (TestClient rita = as("rita")) {
        assertThat(invitationsPushed(rita))
            .as("the declined invitation is not offered at the next login")
            .containsExactly(groups.get(1), groups.get(INVITATIONS));
      }
    }
  }

  @Test
  void leave_declinesAnInvitation_membersAndTheInviteesOtherConnectionsHearIt() throws Exception {
    try (TestClient yan = as("yan");
        TestClient abe = as("abe");
        TestClient zoe = as("zoe");
        TestClient zoeElsewhere = as("zoe")) {
      yan.ok(new GroupCreateRequest(yan.nextId(), "#yan-g"), JoinReply.class);
      yan.ok(
          new GroupMemberRequest(yan.nextId(), "#yan-g", GroupAction.INVITE, "abe"),
          GroupReply.class);
      abe.ok(new JoinRequest(abe.nextId(), "#yan-g"), JoinReply.class);
      yan.ok(
          new GroupMemberRequest(yan.nextId(), "#yan-g", GroupAction.INVITE, "zoe"),
          GroupReply.class);

      zoe.ok(new LeaveRequest(zoe.nextId(), "#yan-g"), LeaveReply.class);

      GroupEvent declined = new GroupEvent("#yan-g", "zoe", GroupChange.UNINVITED, "zoe", null);
      for (TestClient told : List.of(yan, abe, zoeElsewhere)) {
        assertThat(told.nextEvent(GroupEvent.class, g -> g.change() == GroupChange.UNINVITED))
            .isEqualTo(declined);
      }
      zoe.ok(new PingRequest(zoe.nextId()), PongReply.class);
      assertThat(zoe.events)
          .as("the declining connection has its leave_ok")
          .noneMatch(e -> e instanceof GroupEvent g && g.change() == GroupChange.UNINVITED);
    }
  }

  @Test
  void leave_neitherMemberNorInvited_notMember() throws Exception {
    try (TestClient tess = as("tess")) {
      assertThat(refused(tess.call(new LeaveRequest(tess.nextId(), "#vic-g0"))).code())
          .isEqualTo(ErrorCode.NOT_MEMBER);
    }
  }

  /** The invitations the relay pushed after login (all arrive before the reply to a ping). */
  private static List<String> invitationsPushed(TestClient client) throws Exception {
    client.ok(new PingRequest(client.nextId()), PongReply.class);
    List<String> rooms = new ArrayList<>();
    for (Event event : client.events) {
      if (event instanceof GroupEvent group && group.change() == GroupChange.INVITED) {
        rooms.add(group.conversation());
      }
    }
    return rooms;
  }

  /**
   * An operator's own limit for one user ({@code chat-server users set-limit}), set while the relay
   * runs, counts from that user's next new room, and {@code default} gives them the relay's again.
   */
  @Test
  void setLimit_whileTheRelayRuns_countsFromTheUsersNextRoom() throws Exception {
    try (TestClient setup = RelayFixture.connect(relay, dataDir)) {
      register(setup, RelayFixture.identity("kim"));
    }
    try (TestClient kim = as("kim")) {
      for (int i = 0; i < ROOMS_PER_USER; i++) {
        kim.ok(new JoinRequest(kim.nextId(), "#kim-" + i), JoinReply.class);
      }
      assertThat(refused(kim.call(new JoinRequest(kim.nextId(), "#kim-extra"))).code())
          .isEqualTo(ErrorCode.LIMIT_REACHED);

      assertThat(setLimit("kim", "" + (ROOMS_PER_USER + 1))).isZero();
      kim.ok(new JoinRequest(kim.nextId(), "#kim-extra"), JoinReply.class);
      ErrorReply group = refused(kim.call(new GroupCreateRequest(kim.nextId(), "#kim-group")));
      assertThat(group.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(group.message())
          .startsWith(
              "you have created "
                  + (ROOMS_PER_USER + 1)
                  + " rooms, the limit this relay's operator set for you: disband a group you own");

      assertThat(setLimit("kim", "default")).isZero();
      kim.ok(new LeaveRequest(kim.nextId(), "#kim-0"), LeaveReply.class);
      ErrorReply again = refused(kim.call(new JoinRequest(kim.nextId(), "#kim-0")));
      assertThat(again.code())
          .as("at the relay's limit again with the rooms kim still has")
          .isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(again.message())
          .startsWith("you have created " + ROOMS_PER_USER + " rooms, this relay's limit: ");

      assertThat(setLimit("kim", "1")).isZero();
      assertThat(refused(kim.call(new JoinRequest(kim.nextId(), "#kim-0"))).message())
          .as("lowered below the rooms kim has")
          .startsWith(
              "you have created "
                  + ROOMS_PER_USER
                  + " rooms, past the limit this relay's operator set for you: ");
    }
  }

  /** A user whose own limit is one room is told of that one room, in the singular. */
  @Test
  void setLimit_ofOneRoom_refusalCountsOneRoom() throws Exception {
    try (TestClient setup = RelayFixture.connect(relay, dataDir)) {
      register(setup, RelayFixture.identity("lee"));
    }
    assertThat(setLimit("lee", "1")).isZero();
    try (TestClient lee = as("lee")) {
      lee.ok(new JoinRequest(lee.nextId(), "#lee-0"), JoinReply.class);
      assertThat(refused(lee.call(new JoinRequest(lee.nextId(), "#lee-1"))).message())
          .isEqualTo(
              "you have created 1 room, the limit this relay's operator set for you: disband a"
                  + " group you own or hand it over, leave a room you are the last member of, or"
                  + " join an existing room (a room counts for its creator, or a group's owner,"
                  + " while it has members)");
    }
  }

  /**
   * Runs {@code chat-server users set-limit USER --max-rooms VALUE} on the running relay's data.
   */
  private static int setLimit(String user, String value) {
    RelayCli cli = new RelayCli();
    int code =
        cli.run(
            java.util.Map.of(),
            "users",
            "set-limit",
            user,
            "--max-rooms",
            value,
            "--data-dir",
            dataDir.toString());
    assertThat(cli.err.toString()).isEmpty();
    return code;
  }
}
