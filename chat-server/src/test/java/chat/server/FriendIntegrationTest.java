package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.IdentityKeyPair;
import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FriendAction;
import chat.protocol.FriendChange;
import chat.protocol.FriendEvent;
import chat.protocol.FriendInfo;
import chat.protocol.FriendState;
import chat.protocol.FriendUpdateReply;
import chat.protocol.FriendUpdateRequest;
import chat.protocol.FriendsReply;
import chat.protocol.GroupAction;
import chat.protocol.GroupChange;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupEvent;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupReply;
import chat.protocol.JoinReply;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.ListFriendsRequest;
import chat.protocol.ListMembersRequest;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import chat.protocol.PresenceEvent;
import chat.protocol.PresenceStatus;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.SetPresenceReply;
import chat.protocol.SetPresenceRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Friends and presence over real connections: offline requests, answers, away, v1 peers. */
class FriendIntegrationTest {
  @TempDir static Path dataDir;
  static Relay relay;

  @BeforeAll
  static void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
    try (TestClient client = RelayFixture.connect(relay, dataDir)) {
      for (String name :
          List.of("fay", "finn", "flo", "fred", "pam", "pete", "sol", "sam", "sue", "stu")) {
        IdentityKeyPair identity = RelayFixture.identity(name);
        register(client, identity);
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

  private static ErrorCode error(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return ((ErrorReply) reply).code();
  }

  private static Reply friend(TestClient client, FriendAction action, String user)
      throws Exception {
    return client.call(new FriendUpdateRequest(client.nextId(), user, action));
  }

  private static List<FriendInfo> friends(TestClient client) throws Exception {
    return client.ok(new ListFriendsRequest(client.nextId()), FriendsReply.class).friends();
  }

  @Test
  void friendRequest_toOfflineUser_isDeliveredAtTheirNextLogin() throws Exception {
    try (TestClient fay = as("fay", 2)) {
      FriendUpdateReply sent =
          fay.ok(
              new FriendUpdateRequest(fay.nextId(), "finn", FriendAction.ADD),
              FriendUpdateReply.class);
      assertThat(sent.state()).isEqualTo(FriendState.OUTGOING);
      try (TestClient finn = as("finn", 2)) {
        FriendEvent request = finn.nextEvent(FriendEvent.class, e -> true);
        assertThat(request).isEqualTo(new FriendEvent("fay", FriendChange.REQUESTED));
        assertThat(friends(finn))
            .containsExactly(new FriendInfo("fay", FriendState.INCOMING, null, null));
        finn.ok(
            new FriendUpdateRequest(finn.nextId(), "fay", FriendAction.ACCEPT),
            FriendUpdateReply.class);
        assertThat(fay.nextEvent(FriendEvent.class, e -> true))
            .isEqualTo(new FriendEvent("finn", FriendChange.ACCEPTED));
        assertThat(friends(fay))
            .containsExactly(
                new FriendInfo("finn", FriendState.FRIENDS, PresenceStatus.ONLINE, null));
      }
    }
  }

  /**
   * Away is the user's: every connection of theirs from version 9 hears it, one logging in later
   * too; one of an older version, whose client would take it for someone else's, hears nothing.
   */
  @Test
  void away_isTheUsers_toldToTheirOtherConnections_andToOneLoggingInLater() throws Exception {
    int own = ProtocolVersions.OWN_AWAY;
    try (TestClient first = as("sol", own);
        TestClient older = as("sol", own - 1);
        TestClient second = as("sol", own)) {
      first.ok(
          new SetPresenceRequest(first.nextId(), PresenceStatus.AWAY, "lunch"),
          SetPresenceReply.class);
      assertThat(second.nextEvent(PresenceEvent.class, e -> e.username().equals("sol")))
          .isEqualTo(new PresenceEvent("sol", PresenceStatus.AWAY, "lunch"));
      try (TestClient third = as("sol", own)) {
        assertThat(third.nextEvent(PresenceEvent.class, e -> e.username().equals("sol")))
            .isEqualTo(new PresenceEvent("sol", PresenceStatus.AWAY, "lunch"));
        second.ok(
            new SetPresenceRequest(second.nextId(), PresenceStatus.ONLINE, null),
            SetPresenceReply.class);
        assertThat(third.nextEvent(PresenceEvent.class, e -> e.username().equals("sol")))
            .isEqualTo(new PresenceEvent("sol", PresenceStatus.ONLINE));
        assertThat(first.nextEvent(PresenceEvent.class, e -> e.username().equals("sol")))
            .as("the first hears the second's back, not its own away")
            .isEqualTo(new PresenceEvent("sol", PresenceStatus.ONLINE));
        assertThat(older.eventsSoFar(PresenceEvent.class))
            .as("an older connection hears nothing of its own user's away")
            .noneMatch(e -> e.username().equals("sol"));
      }
    }
  }

  /**
   * A friend change is the user's, on every device: their other connections from version 14 hear it
   * as their own ({@code own}), the one that made it only its reply, an older one nothing (it would
   * read it as the other user's).
   */
  @Test
  void ownFriendChanges_toldToTheUsersOtherConnections_fromVersion14() throws Exception {
    int own = ProtocolVersions.OWN_FRIENDS;
    try (TestClient laptop = as("pam", own);
        TestClient phone = as("pam", own);
        TestClient older = as("pam", own - 1);
        TestClient pete = as("pete", own)) {
      friend(phone, FriendAction.ADD, "pete");
      assertThat(laptop.nextEvent(FriendEvent.class, e -> true))
          .isEqualTo(new FriendEvent("pete", FriendChange.REQUESTED, true));
      assertThat(pete.nextEvent(FriendEvent.class, e -> true))
          .isEqualTo(new FriendEvent("pam", FriendChange.REQUESTED));
      friend(pete, FriendAction.ACCEPT, "pam");
      assertThat(laptop.nextEvent(FriendEvent.class, e -> true))
          .isEqualTo(new FriendEvent("pete", FriendChange.ACCEPTED));

      friend(phone, FriendAction.REMOVE, "pete");

      assertThat(laptop.nextEvent(FriendEvent.class, e -> true))
          .isEqualTo(new FriendEvent("pete", FriendChange.REMOVED, true));
      assertThat(pete.nextEvent(FriendEvent.class, e -> true))
          .isEqualTo(new FriendEvent("pam", FriendChange.REMOVED));
      assertThat(phone.eventsSoFar(FriendEvent.class))
          .as("the connection that made them hears only the other side's answer")
          .containsExactly(new FriendEvent("pete", FriendChange.ACCEPTED));
      assertThat(older.eventsSoFar(FriendEvent.class))
          .as("an older connection hears no change of its own user's")
          .containsExactly(new FriendEvent("pete", FriendChange.ACCEPTED));
    }
  }

  @Test
  void friends_seeEachOthersPresence_withoutASharedConversation() throws Exception {
    TestClient fred = as("fred", 2);
    try (TestClient flo = as("flo", 2)) {
      friend(flo, FriendAction.ADD, "fred");
      friend(fred, FriendAction.ADD, "flo");
      flo.ok(new LeaveRequest(flo.nextId(), "#lobby"), LeaveReply.class);
      fred.ok(new LeaveRequest(fred.nextId(), "#lobby"), LeaveReply.class);
      fred.ok(
          new SetPresenceRequest(fred.nextId(), PresenceStatus.AWAY, "walking the dog"),
          SetPresenceReply.class);
      PresenceEvent away =
          flo.nextEvent(PresenceEvent.class, e -> e.status() == PresenceStatus.AWAY);
      assertThat(away).isEqualTo(new PresenceEvent("fred", PresenceStatus.AWAY, "walking the dog"));
      assertThat(friends(flo))
          .containsExactly(
              new FriendInfo("fred", FriendState.FRIENDS, PresenceStatus.AWAY, "walking the dog"));
      fred.ok(
          new SetPresenceRequest(fred.nextId(), PresenceStatus.ONLINE, null),
          SetPresenceReply.class);
      assertThat(flo.nextEvent(PresenceEvent.class, e -> true))
          .isEqualTo(new PresenceEvent("fred", PresenceStatus.ONLINE));
      fred.close();
      assertThat(flo.nextEvent(PresenceEvent.class, e -> true))
          .isEqualTo(new PresenceEvent("fred", PresenceStatus.OFFLINE));
    } finally {
      fred.close();
    }
  }

  /**
   * Anyone may list the members of a private conversation with anyone, started or not (a first
   * message is sealed to them): a stranger's presence is not shown there, only a friend's or a
   * peer's, as it is pushed.
   */
  @Test
  void privateConversationNeverStarted_showsAStrangerOffline_aFriendAsTheyAre() throws Exception {
    try (TestClient sue = as("sue", 2);
        TestClient stu = as("stu", 2);
        TestClient older = as("sue", 1)) {
      sue.ok(new LeaveRequest(sue.nextId(), "#lobby"), LeaveReply.class);
      stu.ok(new LeaveRequest(stu.nextId(), "#lobby"), LeaveReply.class);
      stu.ok(
          new SetPresenceRequest(stu.nextId(), PresenceStatus.AWAY, "at the dentist"),
          SetPresenceReply.class);
      String direct = ConversationIds.direct("stu", "sue");

      MemberInfo stranger = directMember(sue, direct, "stu");
      assertThat(stranger.online()).isFalse();
      assertThat(stranger.status()).isEqualTo(PresenceStatus.OFFLINE);
      assertThat(stranger.message()).isNull();
      assertThat(directMember(sue, direct, "sue").status()).isEqualTo(PresenceStatus.ONLINE);
      assertThat(directMember(older, direct, "stu").online()).isFalse();

      friend(sue, FriendAction.ADD, "stu");
      friend(stu, FriendAction.ACCEPT, "sue");
      MemberInfo friend = directMember(sue, direct, "stu");
      assertThat(friend.online()).isTrue();
      assertThat(friend.status()).isEqualTo(PresenceStatus.AWAY);
      assertThat(friend.message()).isEqualTo("at the dentist");
      assertThat(directMember(older, direct, "stu").online()).isTrue();
      friend(sue, FriendAction.REMOVE, "stu");
    }
  }

  private static MemberInfo directMember(TestClient client, String direct, String name)
      throws Exception {
    return client
        .ok(new ListMembersRequest(client.nextId(), direct), MembersReply.class)
        .members()
        .stream()
        .filter(m -> m.username().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void friendRequests_wrongStates_getClearCodes() throws Exception {
    try (TestClient pam = as("pam", 2);
        TestClient pete = as("pete", 2)) {
      assertThat(error(friend(pam, FriendAction.ACCEPT, "pete")))
          .isEqualTo(ErrorCode.NO_FRIEND_REQUEST);
      assertThat(error(friend(pam, FriendAction.DECLINE, "pete")))
          .isEqualTo(ErrorCode.NO_FRIEND_REQUEST);
      assertThat(error(friend(pam, FriendAction.REMOVE, "pete"))).isEqualTo(ErrorCode.NOT_FRIENDS);
      assertThat(error(friend(pam, FriendAction.ADD, "pam"))).isEqualTo(ErrorCode.INVALID_TARGET);
      assertThat(error(friend(pam, FriendAction.ADD, "nobody"))).isEqualTo(ErrorCode.NO_SUCH_USER);
      friend(pam, FriendAction.ADD, "pete");
      friend(pete, FriendAction.DECLINE, "pam");
      assertThat(pam.nextEvent(FriendEvent.class, e -> true).change())
          .isEqualTo(FriendChange.DECLINED);
      assertThat(friends(pam)).isEmpty();
      FriendUpdateReply mutual =
          pete.ok(
              new FriendUpdateRequest(pete.nextId(), "pam", FriendAction.ADD),
              FriendUpdateReply.class);
      assertThat(mutual.state()).isEqualTo(FriendState.OUTGOING);
      FriendUpdateReply both =
          pam.ok(
              new FriendUpdateRequest(pam.nextId(), "pete", FriendAction.ADD),
              FriendUpdateReply.class);
      assertThat(both.state())
          .as("adding someone who asked accepts")
          .isEqualTo(FriendState.FRIENDS);
      assertThat(error(friend(pam, FriendAction.ADD, "pete"))).isEqualTo(ErrorCode.ALREADY_FRIENDS);
      friend(pete, FriendAction.REMOVE, "pam");
      assertThat(friends(pam)).isEmpty();
    }
  }

  @Test
  void away_showsInMemberLists_forVersionTwoOnly_andVersionOneHearsNothing() throws Exception {
    try (TestClient sol = as("sol", 2);
        TestClient newer = as("sam", 2);
        TestClient older = as("sam", 1)) {
      sol.ok(
          new SetPresenceRequest(sol.nextId(), PresenceStatus.AWAY, "lunch"),
          SetPresenceReply.class);
      newer.nextEvent(PresenceEvent.class, e -> e.status() == PresenceStatus.AWAY);
      MemberInfo detailed = member(newer, "sol");
      assertThat(detailed.status()).isEqualTo(PresenceStatus.AWAY);
      assertThat(detailed.message()).isEqualTo("lunch");
      assertThat(detailed.online()).isTrue();
      MemberInfo plain = member(older, "sol");
      assertThat(plain).isEqualTo(new MemberInfo("sol", true, plain.keyFingerprint()));
      sol.ok(
          new SetPresenceRequest(sol.nextId(), PresenceStatus.ONLINE, null),
          SetPresenceReply.class);
      newer.nextEvent(PresenceEvent.class, e -> e.status() == PresenceStatus.ONLINE);
      assertThat(older.events)
          .noneMatch(e -> e instanceof PresenceEvent p && p.username().equals("sol"));
    }
  }

  @Test
  void invitation_toOfflineUser_isDeliveredAtTheirNextLogin() throws Exception {
    try (TestClient sol = as("sol", 2)) {
      sol.ok(new GroupCreateRequest(sol.nextId(), "#f-later"), JoinReply.class);
      sol.ok(
          new GroupMemberRequest(sol.nextId(), "#f-later", GroupAction.INVITE, "flo"),
          GroupReply.class);
    }
    try (TestClient flo = as("flo", 2)) {
      GroupEvent invited =
          flo.nextEvent(GroupEvent.class, e -> e.conversation().equals("#f-later"));
      assertThat(invited)
          .isEqualTo(new GroupEvent("#f-later", "sol", GroupChange.INVITED, "flo", null));
    }
  }

  private static MemberInfo member(TestClient client, String name) throws Exception {
    return client
        .ok(new ListMembersRequest(client.nextId(), "#lobby"), MembersReply.class)
        .members()
        .stream()
        .filter(m -> m.username().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
