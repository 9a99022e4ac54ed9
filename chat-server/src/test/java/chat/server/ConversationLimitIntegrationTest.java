package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static chat.server.RelayFixture.seal;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ConversationState;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FrameCodec;
import chat.protocol.GroupCreateRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.LoginReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.Secret;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.MemberRepository;
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
 * The conversations one user may be in ({@link RoomLimits#conversationsFitting}): the {@code
 * login_ok} lists every one, so a user who could join without bound, or be drawn into direct
 * conversations without bound, could end up unable to log in. On the smallest frame (64 KiB).
 *
 * <p>All but the last {@link #JOINED_BY_WIRE} of ann's rooms are stored while the relay is stopped,
 * as rows the relay itself writes for a join (a room she created, her membership), in one
 * transaction: joined one by one over the wire, each in its own durable commit, they took most of
 * this test's time. The joins that reach the limit, and everything refused at it, go over the wire.
 */
class ConversationLimitIntegrationTest {
  private static final int FRAME_BYTES = 64 * 1024;
  private static final int LIMIT = RoomLimits.conversationsFitting(FRAME_BYTES);

  /** Rooms ann joins over the wire, the last of them reaching the limit. */
  private static final int JOINED_BY_WIRE = 3;

  @TempDir static Path dataDir;
  static Relay relay;
  static IdentityKeyPair annIdentity;
  static IdentityKeyPair bobIdentity;

  @BeforeAll
  static void startRelay() throws Exception {
    relay = start();
    try (TestClient client = RelayFixture.connect(relay, dataDir)) {
      annIdentity = RelayFixture.identity("ann");
      bobIdentity = RelayFixture.identity("bob");
      register(client, annIdentity);
      register(client, bobIdentity);
    }
    relay.close();
    seedRoomsOfAnn(LIMIT - 1 - JOINED_BY_WIRE);
    relay = start();
  }

  private static Relay start() throws Exception {
    RelayConfig config =
        RelayFixture.builder(dataDir)
            .requestsPerSecond(1_000_000)
            .requestBurst(1_000_000)
            .maxFrameBytes(FRAME_BYTES)
            .maxPendingBytes(16L << 20)
            .rooms(new RoomLimits(LIMIT + 10, 1000, 50))
            .build();
    return Relay.start(config, java.time.Clock.systemUTC(), RelayFixture.RANDOM);
  }

  /** Rooms {@code longRoom(0)} to {@code longRoom(rooms - 1)}, each created and joined by ann. */
  private static void seedRoomsOfAnn(int rooms) throws Exception {
    ConversationRepository conversations = new ConversationRepository();
    MemberRepository members = new MemberRepository();
    long now = System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("relay.db"))) {
      c.setAutoCommit(false);
      for (int i = 0; i < rooms; i++) {
        assertThat(conversations.create(c, longRoom(i), "ann", now)).isTrue();
        assertThat(members.add(c, longRoom(i), "ann", now)).isTrue();
      }
      c.commit();
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  @Test
  void conversationsFitting_theDocumentedNumbers() {
    assertThat(RoomLimits.conversationsFitting(64 * 1024)).isEqualTo(504);
    assertThat(RoomLimits.conversationsFitting(4 << 20)).isEqualTo(32_760);
  }

  @Test
  void newestIdsFitting_theDocumentedNumbers() {
    assertThat(RoomLimits.newestIdsFitting(64 * 1024, 375)).isEqualTo(375);
    assertThat(RoomLimits.newestIdsFitting(64 * 1024, 376)).isLessThan(376);
    assertThat(RoomLimits.newestIdsFitting(64 * 1024, 504)).isZero();
    assertThat(RoomLimits.newestIdsFitting(4 << 20, 24_379)).isEqualTo(24_379);
    assertThat(RoomLimits.newestIdsFitting(4 << 20, 24_380)).isLessThan(24_380);
    assertThat(RoomLimits.newestIdsFitting(4 << 20, 32_761)).isZero();
  }

  /**
   * A {@code login_ok} with the longest of every field, whose conversations carry as many {@code
   * lastId}s as {@link RoomLimits#newestIdsFitting} allows, fits the frame: at that number of
   * conversations and at every number past it up to the limit.
   */
  @Test
  void loginReply_longestEntriesWithTheIdsThatFit_fitsTheFrame() {
    FrameCodec codec = new FrameCodec(FRAME_BYTES);
    String longest = "@" + "a".repeat(32) + "+" + "b".repeat(32);
    ConversationState entry =
        new ConversationState(longest, Long.MAX_VALUE, "0123456789abcdef".repeat(2));
    for (int count : new int[] {375, 376, 450, LIMIT}) {
      int withId = RoomLimits.newestIdsFitting(FRAME_BYTES, count);
      List<ConversationState> states = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        states.add(i < withId ? entry : entry.withoutLastId());
      }
      LoginReply reply =
          new LoginReply(
              "r".repeat(64), "c".repeat(32), Secret.of("t".repeat(43)), Long.MAX_VALUE, states);
      assertThat(codec.toJson(reply).length)
          .as("%d conversations", count)
          .isLessThanOrEqualTo(FRAME_BYTES);
    }
  }

  @Test
  void joinAndDirectMessage_userInTheMostConversations_limitReachedAndTheLoginStillFits()
      throws Exception {
    try (TestClient ann = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED);
        TestClient bob = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED)) {
      int in = login(ann, "ann").conversations().size();
      assertThat(in).as("#lobby and the seeded rooms").isEqualTo(LIMIT - JOINED_BY_WIRE);
      login(bob, "bob");
      for (int i = in - 1; in < LIMIT; i++, in++) {
        ann.ok(new JoinRequest(ann.nextId(), longRoom(i)), JoinReply.class);
      }

      ErrorReply join = refused(ann.call(new JoinRequest(ann.nextId(), "#one-more")));
      assertThat(join.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(join.message()).contains("you are in " + LIMIT + " rooms and direct");
      ErrorReply group = refused(ann.call(new GroupCreateRequest(ann.nextId(), "#ann-group")));
      assertThat(group.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
      String direct = "@ann+bob";
      byte[] envelope = seal(bobIdentity, direct, List.of(annIdentity.bundle()), "hello").encode();
      ErrorReply dm = refused(bob.call(new SendRequest(bob.nextId(), direct, Bytes.of(envelope))));
      assertThat(dm.code())
          .as("a first direct message would add one to ann's list")
          .isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(dm.message()).contains("ann is in " + LIMIT);

      try (TestClient again = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED)) {
        LoginReply full = login(again, "ann");
        assertThat(full.conversations()).as("the login that lists them all fits").hasSize(LIMIT);
      }

      ann.ok(new LeaveRequest(ann.nextId(), longRoom(0)), LeaveReply.class);
      bob.ok(new SendRequest(bob.nextId(), direct, Bytes.of(envelope)), SendReply.class);
      ErrorReply stillFull = refused(ann.call(new JoinRequest(ann.nextId(), "#one-more")));
      assertThat(stillFull.code())
          .as("the direct conversation took the freed place")
          .isEqualTo(ErrorCode.LIMIT_REACHED);

      try (TestClient closer =
          RelayFixture.connect(relay, dataDir, ProtocolVersions.CLOSE_DIRECT)) {
        login(closer, "ann");
        closer.ok(new LeaveRequest(closer.nextId(), direct), LeaveReply.class);
      }
      ann.ok(new JoinRequest(ann.nextId(), "#one-more"), JoinReply.class);
      byte[] next = seal(bobIdentity, direct, List.of(annIdentity.bundle()), "again").encode();
      bob.ok(new SendRequest(bob.nextId(), direct, Bytes.of(next)), SendReply.class);
      annPastTheLimitByWhatBobOpenedAgain(direct);
    }
  }

  /**
   * Ann closed {@code direct}, used the freed place, and bob wrote there: his message was taken as
   * it would be in an open conversation (a refusal would tell him she closed it), which takes her
   * one past the limit. Her login still fits; she can add nothing until she is below it, and
   * opening a conversation again by writing there herself is checked as a join is.
   */
  private static void annPastTheLimitByWhatBobOpenedAgain(String direct) throws Exception {
    try (TestClient ann = RelayFixture.connect(relay, dataDir, ProtocolVersions.CLOSE_DIRECT)) {
      LoginReply past = login(ann, "ann");
      assertThat(past.conversations()).as("the login that lists them all fits").hasSize(LIMIT + 1);
      ErrorReply join = refused(ann.call(new JoinRequest(ann.nextId(), "#two-more")));
      assertThat(join.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(join.message())
          .contains("you are in " + (LIMIT + 1) + " rooms and direct conversations, past");
      assertThat(firstMessageFromCarol())
          .as("a first message to her from someone new says how far past she is")
          .startsWith(
              "ann is in "
                  + (LIMIT + 1)
                  + " rooms and direct conversations, past this relay's limit (");

      ann.ok(new LeaveRequest(ann.nextId(), direct), LeaveReply.class);
      byte[] hers = seal(annIdentity, direct, List.of(bobIdentity.bundle()), "me").encode();
      ErrorReply own = refused(ann.call(new SendRequest(ann.nextId(), direct, Bytes.of(hers))));
      assertThat(own.code())
          .as("her own message would open it again for her, past the limit")
          .isEqualTo(ErrorCode.LIMIT_REACHED);
      assertThat(own.message()).contains("ann is in " + LIMIT).contains("closed first");
    }
  }

  /** The refusal of a first direct message to ann from carol, a new account. */
  private static String firstMessageFromCarol() throws Exception {
    IdentityKeyPair carolIdentity = RelayFixture.identity("carol");
    try (TestClient carol = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED)) {
      register(carol, carolIdentity);
      login(carol, "carol");
      String direct = "@ann+carol";
      byte[] first = seal(carolIdentity, direct, List.of(annIdentity.bundle()), "hi").encode();
      ErrorReply refused =
          refused(carol.call(new SendRequest(carol.nextId(), direct, Bytes.of(first))));
      assertThat(refused.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
      return refused.message();
    }
  }

  /** A room id of the longest form (65 characters), as the limit's arithmetic assumes. */
  private static String longRoom(int i) {
    return "#" + "r".repeat(61) + String.format("%03d", i);
  }

  private static ErrorReply refused(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return (ErrorReply) reply;
  }
}
