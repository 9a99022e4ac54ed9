package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FrameCodec;
import chat.protocol.FriendAction;
import chat.protocol.FriendInfo;
import chat.protocol.FriendState;
import chat.protocol.FriendUpdateReply;
import chat.protocol.FriendUpdateRequest;
import chat.protocol.FriendsReply;
import chat.protocol.ListFriendsRequest;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.server.internal.relay.Storage;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.FriendshipRepository;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.WriteQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The friends list and its limit over real connections, on a relay with the smallest frame (64 KiB)
 * and {@code --max-friends 2}: a list larger than a frame comes in pages on a wire version 6
 * connection and is refused as before on an older one; a request or an acceptance past the limit is
 * {@code LIMIT_REACHED}, saying whose list is full.
 */
class FriendLimitsIntegrationTest {
  private static final int FRAME_BYTES = 64 * 1024;
  private static final int MAX_FRIENDS = 2;

  /**
   * Friends of {@code many}, made in the database past the limit (as on a relay whose limit was
   * lowered): with 32-character names their unpaged list is larger than a frame.
   */
  private static final int MANY = 800;

  @TempDir static Path dataDir;
  static Relay relay;
  static final List<String> manyFriends = new ArrayList<>();

  @BeforeAll
  static void startRelay() throws Exception {
    RelayConfig config =
        RelayFixture.builder(dataDir)
            .maxFrameBytes(FRAME_BYTES)
            .maxPendingBytes(16L << 20)
            .maxFriends(MAX_FRIENDS)
            .build();
    relay = Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM);
    try (TestClient client = RelayFixture.connect(relay, dataDir)) {
      for (String name : List.of("many", "ann", "bea", "cyd", "dee", "eve")) {
        register(client, RelayFixture.identity(name));
      }
    }
    relay.close();
    befriendMany();
    relay = Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM);
  }

  /** Gives {@code many} {@link #MANY} friends, accounts without a key that only get listed. */
  private static void befriendMany() throws Exception {
    try (Database database = Database.open(dataDir);
        WriteQueue writes = new WriteQueue(database)) {
      Storage storage = new Storage(database, writes);
      UserRepository users = new UserRepository();
      FriendshipRepository friendships = new FriendshipRepository();
      storage.write(
          c -> {
            for (int i = 0; i < MANY; i++) {
              String name = String.format("f%04d-", i) + "y".repeat(26);
              users.insert(c, name, name, "skeleton-" + name, "unused", new byte[] {1}, 1L);
              friendships.add(c, "many", name, 1L);
              manyFriends.add(name);
            }
            return null;
          });
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

  private static Reply friend(TestClient client, FriendAction action, String user)
      throws Exception {
    return client.call(new FriendUpdateRequest(client.nextId(), user, action));
  }

  private static ErrorReply refusal(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    ErrorReply error = (ErrorReply) reply;
    assertThat(error.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
    return error;
  }

  @Test
  void listFriends_largerThanAFrame_pagesListEveryFriendOnce() throws Exception {
    FrameCodec codec = new FrameCodec(FRAME_BYTES);
    try (TestClient many = as("many", ProtocolVersions.PAGED_FRIENDS)) {
      List<String> listed = new ArrayList<>();
      int pages = 0;
      String after = null;
      do {
        FriendsReply page =
            many.ok(new ListFriendsRequest(many.nextId(), after), FriendsReply.class);
        assertThat(codec.toJson(page).length).isLessThanOrEqualTo(FRAME_BYTES);
        page.friends().forEach(f -> listed.add(f.username()));
        assertThat(page.friends()).extracting(FriendInfo::state).containsOnly(FriendState.FRIENDS);
        after = page.next();
        pages++;
      } while (after != null);
      assertThat(pages).isGreaterThan(1);
      assertThat(listed).containsExactlyElementsOf(manyFriends);
    }
  }

  @Test
  void listFriends_olderWireVersion_stillWholeAndRefusedClearlyWhenTooLarge() throws Exception {
    try (TestClient many = as("many", ProtocolVersions.PAGED)) {
      Reply reply = many.call(new ListFriendsRequest(many.nextId()));
      assertThat(reply).isInstanceOf(ErrorReply.class);
      assertThat(((ErrorReply) reply).code()).isEqualTo(ErrorCode.REPLY_TOO_LARGE);
      assertThat(many.ok(new PingRequest(many.nextId()), PongReply.class))
          .as("the connection survives")
          .isNotNull();
    }
    try (TestClient eve = as("eve", ProtocolVersions.PAGED)) {
      FriendsReply whole = eve.ok(new ListFriendsRequest(eve.nextId()), FriendsReply.class);
      assertThat(whole.next()).isNull();
    }
  }

  @Test
  void friendLimit_bothSidesOfARequest_refusedSayingWhoseListIsFull() throws Exception {
    try (TestClient ann = as("ann", ProtocolVersions.CURRENT);
        TestClient bea = as("bea", ProtocolVersions.CURRENT);
        TestClient cyd = as("cyd", ProtocolVersions.CURRENT);
        TestClient dee = as("dee", ProtocolVersions.SOCIAL);
        TestClient eve = as("eve", ProtocolVersions.CURRENT)) {
      friend(dee, FriendAction.ADD, "ann");
      for (TestClient other : List.of(bea, cyd)) {
        friend(ann, FriendAction.ADD, other == bea ? "bea" : "cyd");
        other.ok(
            new FriendUpdateRequest(other.nextId(), "ann", FriendAction.ACCEPT),
            FriendUpdateReply.class);
      }

      assertThat(refusal(friend(eve, FriendAction.ADD, "ann")).message())
          .isEqualTo(
              "ann has 2 friends, this relay's limit: ann must remove a friend before you can be"
                  + " friends");
      assertThat(refusal(friend(ann, FriendAction.ADD, "eve")).message())
          .isEqualTo("you have 2 friends, this relay's limit: remove a friend first");
      assertThat(refusal(friend(ann, FriendAction.ACCEPT, "dee")).message())
          .isEqualTo("you have 2 friends, this relay's limit: remove a friend first");
      assertThat(refusal(friend(dee, FriendAction.ADD, "many")).message())
          .as("a limit lowered below a user's friends: they keep them, and add none")
          .startsWith("many has " + MANY + " friends, this relay's limit");
      assertThat(ann.ok(new ListFriendsRequest(ann.nextId()), FriendsReply.class).friends())
          .as("dee's request waits for an answer still")
          .contains(new FriendInfo("dee", FriendState.INCOMING, null, null));

      friend(ann, FriendAction.REMOVE, "cyd");
      FriendUpdateReply accepted =
          ann.ok(
              new FriendUpdateRequest(ann.nextId(), "dee", FriendAction.ACCEPT),
              FriendUpdateReply.class);
      assertThat(accepted.state()).isEqualTo(FriendState.FRIENDS);
    }
  }
}
