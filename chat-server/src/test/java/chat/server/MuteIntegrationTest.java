package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static chat.server.RelayFixture.seal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import chat.crypto.Bytes;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FileUploadRequest;
import chat.protocol.GroupAction;
import chat.protocol.GroupChange;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupDisbandRequest;
import chat.protocol.GroupEvent;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupReply;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.ListMembersRequest;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutes (wire version 12): a group's owner or an admin keeps a member from posting while they still
 * read it, for a time or until lifted; the member's sends and uploads are refused with {@code
 * MUTED}, an older connection's with {@code NOT_GROUP_ADMIN} and the same words.
 */
class MuteIntegrationTest {
  private static final Map<String, IdentityKeyPair> PEOPLE = new HashMap<>();

  @TempDir static Path dataDir;
  static Relay relay;
  static final MutableClock clock = new MutableClock();

  @BeforeAll
  static void startRelay() throws Exception {
    RelayConfig config =
        RelayFixture.builder(dataDir).requestsPerSecond(1_000_000).requestBurst(1_000_000).build();
    relay = Relay.start(config, clock, RelayFixture.RANDOM);
    try (TestClient client = RelayFixture.connect(relay, dataDir)) {
      for (String name : List.of("olivia", "adam", "mia", "oscar")) {
        PEOPLE.put(name, RelayFixture.identity(name));
        register(client, PEOPLE.get(name));
      }
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static TestClient as(String who, int version) throws Exception {
    TestClient client = RelayFixture.connect(relay, dataDir, version);
    login(client, who);
    return client;
  }

  private static TestClient as(String who) throws Exception {
    return as(who, ProtocolVersions.MUTE);
  }

  private static ErrorReply error(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return (ErrorReply) reply;
  }

  /** #room owned by olivia, with adam ({@code a}) an admin and mia ({@code m}) a member. */
  private static void staffed(String room, TestClient o, TestClient a, TestClient m)
      throws Exception {
    o.ok(new GroupCreateRequest(o.nextId(), room), JoinReply.class);
    invite(o, room, a, "adam");
    invite(o, room, m, "mia");
    act(o, room, GroupAction.ADMIN, "adam");
  }

  private static void invite(TestClient o, String room, TestClient joiner, String name)
      throws Exception {
    act(o, room, GroupAction.INVITE, name);
    joiner.ok(new JoinRequest(joiner.nextId(), room), JoinReply.class);
  }

  /** {@code who}'s envelope of {@code text} to the members {@code to} of {@code room}. */
  private static Bytes envelope(String who, String room, List<String> to, String text) {
    List<IdentityBundle> bundles = to.stream().map(name -> PEOPLE.get(name).bundle()).toList();
    return Bytes.of(seal(PEOPLE.get(who), room, bundles, text).encode());
  }

  /** {@code who}'s message to the members {@code to} of {@code room}. */
  private static Reply send(TestClient client, String who, String room, List<String> to)
      throws Exception {
    return client.call(new SendRequest(client.nextId(), room, envelope(who, room, to, "hello")));
  }

  private static GroupReply act(TestClient client, String room, GroupAction action, String user)
      throws Exception {
    return client.ok(new GroupMemberRequest(client.nextId(), room, action, user), GroupReply.class);
  }

  @Test
  void aTimedMute_refusesTheMembersPosts_tellsEveryone_andEndsByItself() throws Exception {
    try (TestClient o = as("olivia");
        TestClient a = as("adam");
        TestClient m = as("mia");
        TestClient older = as("mia", ProtocolVersions.BAN_LIST)) {
      staffed("#g-mute", o, a, m);
      List<String> everyone = List.of("olivia", "adam", "mia");
      long until = clock.millis() + 30 * 60_000L;
      a.ok(
          new GroupMemberRequest(a.nextId(), "#g-mute", GroupAction.MUTE, "mia", "calm down", 30),
          GroupReply.class);

      for (TestClient member : List.of(o, a, m)) {
        GroupEvent told = member.nextEvent(GroupEvent.class, e -> e.change() == GroupChange.MUTED);
        assertThat(told.actor()).isEqualTo("adam");
        assertThat(told.username()).isEqualTo("mia");
        assertThat(told.reason()).isEqualTo("calm down");
        assertThat(told.untilMillis()).isEqualTo(until);
      }
      // the member list says who is muted, and until when; an older connection's does not
      assertThat(o.ok(new ListMembersRequest(o.nextId(), "#g-mute"), MembersReply.class).members())
          .extracting(MemberInfo::username, MemberInfo::muted, MemberInfo::mutedUntilMillis)
          .containsExactlyInAnyOrder(
              tuple("olivia", null, null), tuple("adam", null, null), tuple("mia", true, until));
      assertThat(
              older
                  .ok(new ListMembersRequest(older.nextId(), "#g-mute"), MembersReply.class)
                  .members())
          .allMatch(member -> member.muted() == null && member.mutedUntilMillis() == null);
      ErrorReply refused = error(send(m, "mia", "#g-mute", everyone));
      assertThat(refused.code()).isEqualTo(ErrorCode.MUTED);
      assertThat(refused.message()).isEqualTo("you are muted in #g-mute for 30 more minutes");
      ErrorReply olderRefused = error(send(older, "mia", "#g-mute", everyone));
      assertThat(olderRefused.code()).isEqualTo(ErrorCode.NOT_GROUP_ADMIN);
      assertThat(olderRefused.message()).isEqualTo(refused.message());
      ErrorReply upload =
          error(m.call(new FileUploadRequest(m.nextId(), "00".repeat(16), "#g-mute", 1000)));
      assertThat(upload.code()).isEqualTo(ErrorCode.MUTED);
      // still a reader
      assertThat(send(o, "olivia", "#g-mute", everyone)).isInstanceOf(SendReply.class);
      assertThat(
              m.ok(new HistoryRequest(m.nextId(), "#g-mute", 0, 10), HistoryReply.class).messages())
          .hasSize(1);

      clock.advance(Duration.ofMinutes(29).plusSeconds(1));
      assertThat(error(send(m, "mia", "#g-mute", everyone)).message())
          .isEqualTo("you are muted in #g-mute for 1 more minute");
      clock.advance(Duration.ofMinutes(1));
      assertThat(send(m, "mia", "#g-mute", everyone)).isInstanceOf(SendReply.class);
      assertThat(older.eventsSoFar(GroupEvent.class))
          .as("a version 11 connection hears of no mute")
          .noneMatch(e -> e.change() == GroupChange.MUTED);
    }
  }

  @Test
  void whoMayMuteWhom() throws Exception {
    try (TestClient o = as("olivia");
        TestClient a = as("adam");
        TestClient m = as("mia");
        TestClient x = as("oscar");
        TestClient older = as("olivia", ProtocolVersions.BAN_LIST)) {
      staffed("#g-who", o, a, m);
      assertThat(error(m.call(mute(m, "#g-who", "adam"))).code())
          .isEqualTo(ErrorCode.NOT_GROUP_ADMIN);
      ErrorReply owner = error(a.call(mute(a, "#g-who", "olivia")));
      assertThat(owner.code()).isEqualTo(ErrorCode.NOT_GROUP_OWNER);
      assertThat(owner.message()).isEqualTo("nobody can mute the owner of #g-who");
      ErrorReply self = error(a.call(mute(a, "#g-who", "adam")));
      assertThat(self.code()).isEqualTo(ErrorCode.INVALID_TARGET);
      assertThat(self.message()).isEqualTo("that is you: name someone else");
      ErrorReply outsider = error(o.call(mute(o, "#g-who", "oscar")));
      assertThat(outsider.code()).isEqualTo(ErrorCode.INVALID_TARGET);
      assertThat(outsider.message()).isEqualTo("oscar is not a member of #g-who");
      assertThat(error(x.call(mute(x, "#g-who", "mia"))).code()).isEqualTo(ErrorCode.NOT_MEMBER);
      assertThat(error(o.call(mute(o, "#lobby", "mia"))).code()).isEqualTo(ErrorCode.NOT_A_GROUP);
      ErrorReply tooOld = error(older.call(mute(older, "#g-who", "mia")));
      assertThat(tooOld.code()).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(tooOld.message()).isEqualTo("a mute needs wire version 12");

      // the owner mutes an admin, without an end; the admin may not lift it
      act(o, "#g-who", GroupAction.MUTE, "adam");
      act(a, "#g-who", GroupAction.MUTE, "mia"); // a muted admin still moderates
      // muting again replaces the mute: here with one of three hours, then of two weeks
      o.ok(
          new GroupMemberRequest(o.nextId(), "#g-who", GroupAction.MUTE, "adam", null, 180),
          GroupReply.class);
      assertThat(error(send(a, "adam", "#g-who", List.of("olivia", "adam", "mia"))).message())
          .isEqualTo("you are muted in #g-who for 3 more hours");
      o.ok(
          new GroupMemberRequest(o.nextId(), "#g-who", GroupAction.MUTE, "adam", "x", 20_160),
          GroupReply.class);
      assertThat(error(send(a, "adam", "#g-who", List.of("olivia", "adam", "mia"))).message())
          .isEqualTo("you are muted in #g-who for 14 more days");
      act(o, "#g-who", GroupAction.MUTE, "adam");
      ErrorReply lift =
          error(a.call(new GroupMemberRequest(a.nextId(), "#g-who", GroupAction.UNMUTE, "adam")));
      assertThat(lift.message()).isEqualTo("that is you: only the owner can lift an admin's mute");
      assertThat(error(send(a, "adam", "#g-who", List.of("olivia", "adam", "mia"))).code())
          .isEqualTo(ErrorCode.MUTED);
      assertThat(error(send(a, "adam", "#g-who", List.of("olivia", "adam", "mia"))).message())
          .isEqualTo("you are muted in #g-who");

      act(o, "#g-who", GroupAction.UNMUTE, "adam");
      GroupEvent unmuted = a.nextEvent(GroupEvent.class, e -> e.change() == GroupChange.UNMUTED);
      assertThat(unmuted.actor()).isEqualTo("olivia");
      assertThat(send(a, "adam", "#g-who", List.of("olivia", "adam", "mia")))
          .isInstanceOf(SendReply.class);
      ErrorReply notMuted =
          error(o.call(new GroupMemberRequest(o.nextId(), "#g-who", GroupAction.UNMUTE, "adam")));
      assertThat(notMuted.message()).isEqualTo("adam is not muted in #g-who");
    }
  }

  /** A mute outlives leaving and coming back; disbanding the group ends it. */
  @Test
  void aMute_staysThroughLeaveAndRejoin_andGoesWithTheGroup() throws Exception {
    try (TestClient o = as("olivia");
        TestClient a = as("adam");
        TestClient m = as("mia")) {
      staffed("#g-back", o, a, m);
      act(o, "#g-back", GroupAction.MUTE, "mia");
      m.ok(new LeaveRequest(m.nextId(), "#g-back"), LeaveReply.class);
      invite(o, "#g-back", m, "mia");
      assertThat(error(send(m, "mia", "#g-back", List.of("olivia", "adam", "mia"))).code())
          .isEqualTo(ErrorCode.MUTED);

      o.ok(new GroupDisbandRequest(o.nextId(), "#g-back"), GroupReply.class);
      staffed("#g-back", o, a, m);
      assertThat(send(m, "mia", "#g-back", List.of("olivia", "adam", "mia")))
          .isInstanceOf(SendReply.class);
    }
  }

  /**
   * Only the owner lifts an admin's mute, as only the owner acts on admins; nobody lifts their own;
   * and a muted member cannot be handed the group, as nobody could lift an owner's mute.
   */
  @Test
  void onlyTheOwnerLiftsAnAdminsMute_andAMutedMemberIsNotHandedTheGroup() throws Exception {
    try (TestClient o = as("olivia");
        TestClient a = as("adam");
        TestClient m = as("mia");
        TestClient x = as("oscar")) {
      staffed("#g-lift", o, a, m);
      invite(o, "#g-lift", x, "oscar");
      act(o, "#g-lift", GroupAction.ADMIN, "oscar");
      act(o, "#g-lift", GroupAction.MUTE, "oscar");
      act(a, "#g-lift", GroupAction.MUTE, "mia");

      ErrorReply byAdmin = error(a.call(unmute(a, "#g-lift", "oscar")));
      assertThat(byAdmin.code()).isEqualTo(ErrorCode.NOT_GROUP_OWNER);
      assertThat(byAdmin.message()).isEqualTo("only the owner can unmute an admin of #g-lift");
      assertThat(error(m.call(unmute(m, "#g-lift", "mia"))).message())
          .isEqualTo("that is you: only the owner or an admin can lift your mute");
      assertThat(error(a.call(unmute(a, "#g-lift", "adam"))).message())
          .isEqualTo("you are not muted in #g-lift");
      ErrorReply handOver =
          error(o.call(new GroupMemberRequest(o.nextId(), "#g-lift", GroupAction.TRANSFER, "mia")));
      assertThat(handOver.code()).isEqualTo(ErrorCode.INVALID_TARGET);
      assertThat(handOver.message())
          .isEqualTo("mia is muted in #g-lift: unmute them before handing it over");

      act(o, "#g-lift", GroupAction.UNMUTE, "oscar");
      act(a, "#g-lift", GroupAction.UNMUTE, "mia");
      act(o, "#g-lift", GroupAction.TRANSFER, "mia");
    }
  }

  /**
   * A member muted while away is told at the next login (a version 11 login is not), and one who
   * comes back to the group is told at the join.
   */
  @Test
  void theMuted_areToldAtLogin_andAtAJoin() throws Exception {
    try (TestClient o = as("olivia");
        TestClient a = as("adam");
        TestClient m = as("mia")) {
      staffed("#g-told", o, a, m);
      long until = clock.millis() + 90 * 60_000L;
      o.ok(
          new GroupMemberRequest(o.nextId(), "#g-told", GroupAction.MUTE, "mia", "cool off", 90),
          GroupReply.class);

      try (TestClient later = as("mia");
          TestClient older = as("mia", ProtocolVersions.BAN_LIST)) {
        GroupEvent told =
            later.nextEvent(
                GroupEvent.class,
                e -> e.change() == GroupChange.MUTED && e.conversation().equals("#g-told"));
        assertThat(told)
            .isEqualTo(
                new GroupEvent(
                    "#g-told", "olivia", GroupChange.MUTED, "mia", null, "cool off", until));
        older.ok(new ListMembersRequest(older.nextId(), "#g-told"), MembersReply.class);
        assertThat(older.eventsSoFar(GroupEvent.class)).isEmpty();
      }

      m.ok(new LeaveRequest(m.nextId(), "#g-told"), LeaveReply.class);
      try (TestClient back = as("mia")) {
        act(o, "#g-told", GroupAction.INVITE, "mia");
        back.ok(new JoinRequest(back.nextId(), "#g-told"), JoinReply.class);
        GroupEvent told =
            back.nextEvent(
                GroupEvent.class,
                e -> e.change() == GroupChange.MUTED && e.conversation().equals("#g-told"));
        assertThat(told.untilMillis()).isEqualTo(until);
      }
    }
  }

  /** A copy of a message stored before the mute, sent again, gets the first copy's answer. */
  @Test
  void aCopyOfAMessageStoredBeforeTheMute_getsItsFirstAnswer() throws Exception {
    try (TestClient o = as("olivia");
        TestClient a = as("adam");
        TestClient m = as("mia")) {
      staffed("#g-copy", o, a, m);
      Bytes envelope =
          envelope("mia", "#g-copy", List.of("olivia", "adam", "mia"), "sent just before");
      SendReply first = m.ok(new SendRequest(m.nextId(), "#g-copy", envelope), SendReply.class);
      act(o, "#g-copy", GroupAction.MUTE, "mia");

      SendReply again = m.ok(new SendRequest(m.nextId(), "#g-copy", envelope), SendReply.class);

      assertThat(again.seq()).isEqualTo(first.seq());
      assertThat(error(send(m, "mia", "#g-copy", List.of("olivia", "adam", "mia"))).code())
          .isEqualTo(ErrorCode.MUTED);
    }
  }

  /** A mute is stored: a relay started again on the same data refuses the muted member still. */
  @Test
  void aMute_outlivesARestartOfTheRelay(@TempDir Path ownData) throws Exception {
    try (Relay first = RelayFixture.start(ownData);
        TestClient setup = RelayFixture.connect(first, ownData)) {
      for (String name : List.of("olivia", "mia")) {
        register(setup, PEOPLE.get(name));
      }
      try (TestClient o = RelayFixture.connect(first, ownData, ProtocolVersions.MUTE);
          TestClient m = RelayFixture.connect(first, ownData, ProtocolVersions.MUTE)) {
        login(o, "olivia");
        login(m, "mia");
        o.ok(new GroupCreateRequest(o.nextId(), "#g-kept"), JoinReply.class);
        invite(o, "#g-kept", m, "mia");
        act(o, "#g-kept", GroupAction.MUTE, "mia");
      }
    }
    try (Relay again = RelayFixture.start(ownData);
        TestClient m = RelayFixture.connect(again, ownData, ProtocolVersions.MUTE)) {
      login(m, "mia");
      ErrorReply refused = error(send(m, "mia", "#g-kept", List.of("olivia", "mia")));
      assertThat(refused.code()).isEqualTo(ErrorCode.MUTED);
    }
  }

  private static GroupMemberRequest unmute(TestClient client, String room, String user) {
    return new GroupMemberRequest(client.nextId(), room, GroupAction.UNMUTE, user);
  }

  private static GroupMemberRequest mute(TestClient client, String room, String user) {
    return new GroupMemberRequest(client.nextId(), room, GroupAction.MUTE, user);
  }
}
