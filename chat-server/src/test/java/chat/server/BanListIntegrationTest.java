package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.IdentityKeyPair;
import chat.protocol.BanInfo;
import chat.protocol.BansReply;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FrameCodec;
import chat.protocol.GroupAction;
import chat.protocol.GroupChange;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupEvent;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupReply;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.ListBansRequest;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.server.internal.storage.GroupBanRepository;
import chat.server.internal.storage.UserRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list_bans} (wire version 11): a group's owner and admins read who is banned, by whom, when
 * and why; nobody else does; a long list comes in pages that each fit the smallest frame.
 */
class BanListIntegrationTest {
  private static final int FRAME_BYTES = 64 * 1024;

  @TempDir static Path dataDir;
  static Relay relay;
  static final MutableClock clock = new MutableClock();

  @BeforeAll
  static void startRelay() throws Exception {
    RelayConfig config =
        RelayFixture.builder(dataDir)
            .maxFrameBytes(FRAME_BYTES)
            .maxPendingBytes(16L << 20)
            .requestsPerSecond(1_000_000)
            .requestBurst(1_000_000)
            .build();
    relay = Relay.start(config, clock, RelayFixture.RANDOM);
    try (TestClient client = RelayFixture.connect(relay, dataDir)) {
      for (String name : List.of("olivia", "adam", "mia", "oscar")) {
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

  private static TestClient as(String who) throws Exception {
    return as(who, ProtocolVersions.BAN_LIST);
  }

  private static ErrorCode error(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return ((ErrorReply) reply).code();
  }

  /** #room owned by olivia, with adam an admin and mia a member. */
  private static void staffed(String room, TestClient o, TestClient a, TestClient m)
      throws Exception {
    o.ok(new GroupCreateRequest(o.nextId(), room), JoinReply.class);
    for (TestClient joiner : List.of(a, m)) {
      String name = joiner == a ? "adam" : "mia";
      o.ok(new GroupMemberRequest(o.nextId(), room, GroupAction.INVITE, name), GroupReply.class);
      joiner.ok(new JoinRequest(joiner.nextId(), room), JoinReply.class);
    }
    o.ok(new GroupMemberRequest(o.nextId(), room, GroupAction.ADMIN, "adam"), GroupReply.class);
  }

  @Test
  void ownerAndAdmins_readWhoWhenAndWhy_othersAreRefused() throws Exception {
    try (TestClient o = as("olivia");
        TestClient a = as("adam");
        TestClient m = as("mia");
        TestClient x = as("oscar");
        TestClient older = as("adam", ProtocolVersions.MODERATION);
        TestClient first = as("olivia", 1)) {
      staffed("#g-bans", o, a, m);
      assertThat(a.ok(new ListBansRequest(a.nextId(), "#g-bans"), BansReply.class).bans())
          .isEmpty();

      clock.advance(java.time.Duration.ofSeconds(1));
      long bannedAt = clock.millis();
      o.ok(
          new GroupMemberRequest(o.nextId(), "#g-bans", GroupAction.BAN, "oscar", "spam links"),
          GroupReply.class);
      a.ok(new GroupMemberRequest(a.nextId(), "#g-bans", GroupAction.BAN, "mia"), GroupReply.class);

      for (TestClient staff : List.of(o, a)) {
        BansReply reply = staff.ok(new ListBansRequest(staff.nextId(), "#g-bans"), BansReply.class);
        assertThat(reply.room()).isEqualTo("#g-bans");
        assertThat(reply.next()).isNull();
        assertThat(reply.bans())
            .containsExactly(
                new BanInfo("mia", "adam", bannedAt, null),
                new BanInfo("oscar", "olivia", bannedAt, "spam links"));
      }
      // mia is out now; oscar never was in
      assertThat(error(m.call(new ListBansRequest(m.nextId(), "#g-bans"))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      assertThat(error(x.call(new ListBansRequest(x.nextId(), "#g-bans"))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      assertThat(error(older.call(new ListBansRequest(older.nextId(), "#g-bans"))))
          .isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(error(first.call(new ListBansRequest(first.nextId(), "#g-bans"))))
          .isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(error(o.call(new ListBansRequest(o.nextId(), "#lobby"))))
          .isEqualTo(ErrorCode.NOT_A_GROUP);
      assertThat(error(o.call(new ListBansRequest(o.nextId(), "#g-nothing"))))
          .isEqualTo(ErrorCode.NO_SUCH_CONVERSATION);

      // an admin no longer is one
      o.ok(
          new GroupMemberRequest(o.nextId(), "#g-bans", GroupAction.DEADMIN, "adam"),
          GroupReply.class);
      assertThat(error(a.call(new ListBansRequest(a.nextId(), "#g-bans"))))
          .isEqualTo(ErrorCode.NOT_GROUP_ADMIN);

      o.ok(
          new GroupMemberRequest(o.nextId(), "#g-bans", GroupAction.UNBAN, "oscar"),
          GroupReply.class);
      assertThat(o.ok(new ListBansRequest(o.nextId(), "#g-bans"), BansReply.class).bans())
          .extracting(BanInfo::username)
          .containsExactly("mia");
    }
  }

  /**
   * A ban for 60 minutes: listed with its end, told to the members with it (a version 10 member
   * hears the ban without it, and may not give one); once it ends, the user may be invited and join
   * again, and the list no longer names them.
   */
  @Test
  void aTimedBan_endsByItself() throws Exception {
    try (TestClient o = as("olivia");
        TestClient a = as("adam", ProtocolVersions.MODERATION);
        TestClient m = as("mia");
        TestClient x = as("oscar")) {
      staffed("#g-timed", o, a, m);
      assertThat(
              error(
                  a.call(
                      new GroupMemberRequest(
                          a.nextId(), "#g-timed", GroupAction.BAN, "oscar", null, 60))))
          .isEqualTo(ErrorCode.BAD_FRAME);

      long until = clock.millis() + 60 * 60_000L;
      o.ok(
          new GroupMemberRequest(o.nextId(), "#g-timed", GroupAction.BAN, "oscar", "cool off", 60),
          GroupReply.class);

      GroupEvent told = x.nextEvent(GroupEvent.class, e -> e.change() == GroupChange.BANNED);
      assertThat(told.untilMillis()).isEqualTo(until);
      assertThat(told.reason()).isEqualTo("cool off");
      GroupEvent older = a.nextEvent(GroupEvent.class, e -> e.change() == GroupChange.BANNED);
      assertThat(older.untilMillis()).isNull();
      assertThat(older.reason()).isEqualTo("cool off");
      assertThat(o.ok(new ListBansRequest(o.nextId(), "#g-timed"), BansReply.class).bans())
          .extracting(BanInfo::username, BanInfo::untilMillis)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("oscar", until));
      assertThat(
              error(
                  o.call(
                      new GroupMemberRequest(o.nextId(), "#g-timed", GroupAction.INVITE, "oscar"))))
          .isEqualTo(ErrorCode.BANNED);

      clock.advance(java.time.Duration.ofMinutes(60));

      assertThat(o.ok(new ListBansRequest(o.nextId(), "#g-timed"), BansReply.class).bans())
          .isEmpty();
      o.ok(
          new GroupMemberRequest(o.nextId(), "#g-timed", GroupAction.INVITE, "oscar"),
          GroupReply.class);
      x.ok(new JoinRequest(x.nextId(), "#g-timed"), JoinReply.class);
    }
  }

  @Test
  void aPlainMember_isRefused_andTheOwnerBanningThemselvesIsToldHowToLeave() throws Exception {
    try (TestClient o = as("olivia");
        TestClient a = as("adam");
        TestClient m = as("mia")) {
      staffed("#g-plain", o, a, m);
      assertThat(error(m.call(new ListBansRequest(m.nextId(), "#g-plain"))))
          .isEqualTo(ErrorCode.NOT_GROUP_ADMIN);
      Reply self =
          o.call(new GroupMemberRequest(o.nextId(), "#g-plain", GroupAction.BAN, "olivia"));
      assertThat(error(self)).isEqualTo(ErrorCode.INVALID_TARGET);
      assertThat(((ErrorReply) self).message())
          .isEqualTo(
              "that is you: the owner leaves only after handing the group over (transfer) or"
                  + " disbanding it");
      Reply admin = a.call(new GroupMemberRequest(a.nextId(), "#g-plain", GroupAction.BAN, "adam"));
      assertThat(((ErrorReply) admin).message()).isEqualTo("that is you: leave the group instead");
    }
  }

  /**
   * 250 bans without a reason, then 100 with the longest reason outside ASCII: the first page stops
   * at {@link BansReply#PAGE}, later ones at half the frame; every ban comes once, in order.
   */
  @Test
  void aLongList_comesInPagesThatFitTheFrame() throws Exception {
    try (TestClient o = as("olivia")) {
      o.ok(new GroupCreateRequest(o.nextId(), "#g-many"), JoinReply.class);
      List<String> banned = new ArrayList<>();
      try (Connection c =
          DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("relay.db"))) {
        c.setAutoCommit(false);
        UserRepository users = new UserRepository();
        GroupBanRepository bans = new GroupBanRepository(java.time.Clock.systemUTC());
        for (int i = 0; i < 350; i++) {
          String name = String.format(i < 250 ? "plain%03d" : "wordy%03d", i);
          users.insert(c, name, name, name, "unused", new byte[] {1}, 0);
          String reason = i < 250 ? "" : "\u00e9".repeat(200);
          assertThat(bans.add(c, "#g-many", name, "olivia", 1, reason, null)).isTrue();
          banned.add(name);
        }
        c.commit();
      }
      FrameCodec codec = new FrameCodec(FRAME_BYTES);
      List<String> listed = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      String after = null;
      do {
        BansReply page = o.ok(new ListBansRequest(o.nextId(), "#g-many", after), BansReply.class);
        // the entries within half a frame, the rest of the reply's JSON well under a kilobyte
        assertThat(codec.toJson(page).length).isLessThanOrEqualTo(FRAME_BYTES / 2 + 1024);
        page.bans().forEach(ban -> listed.add(ban.username()));
        sizes.add(page.bans().size());
        after = page.next();
      } while (after != null);
      assertThat(listed).containsExactlyElementsOf(banned);
      assertThat(sizes.get(0)).isEqualTo(BansReply.PAGE);
      assertThat(sizes.size()).isGreaterThan(3);
    }
  }
}
