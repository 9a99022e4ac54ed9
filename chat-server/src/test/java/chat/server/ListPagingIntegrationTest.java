package chat.server;

import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FrameCodec;
import chat.protocol.GetBundlesRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.ListMembersRequest;
import chat.protocol.ListRoomsRequest;
import chat.protocol.MembersReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.RoomInfo;
import chat.protocol.RoomsReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists longer than a frame, on a relay with the smallest frame (64 KiB): {@code list_rooms} comes
 * in pages that together list every room, each page within the frame; a connection older than wire
 * version 5 gets a clear refusal instead of an internal error; {@code get_bundles} takes at most
 * {@link GetBundlesRequest#MAX_USERS} names from version 5.
 */
class ListPagingIntegrationTest {
  private static final int FRAME_BYTES = 64 * 1024;

  /** Enough rooms with long names that their list is larger than one frame. */
  private static final int ROOMS = 600;

  @TempDir static Path dataDir;
  static Relay relay;
  static IdentityKeyPair creator;
  static final List<String> created = new ArrayList<>();

  @BeforeAll
  static void startRelay() throws Exception {
    RelayConfig config =
        RelayFixture.builder(dataDir)
            .maxFrameBytes(FRAME_BYTES)
            .maxPendingBytes(16L << 20)
            .requestsPerSecond(1_000_000)
            .requestBurst(1_000_000)
            .rooms(new RoomLimits(ROOMS, 1000, 50))
            .build();
    relay = Relay.start(config, java.time.Clock.systemUTC(), RelayFixture.RANDOM);
    creator = RelayFixture.identity("carla");
    // Two creators, half each: one user may be in only as many conversations as a login reply
    // can list (RoomLimits.conversationsFitting: 504 on this frame).
    try (TestClient client = RelayFixture.connect(relay, dataDir);
        TestClient other = RelayFixture.connect(relay, dataDir)) {
      register(client, creator);
      register(other, RelayFixture.identity("dana"));
      login(client, "carla");
      login(other, "dana");
      List<CompletableFuture<Reply>> joins = new ArrayList<>();
      for (int i = 0; i < ROOMS; i++) {
        String room = String.format("#room-%04d-", i) + "x".repeat(53);
        created.add(room);
        TestClient by = i < ROOMS / 2 ? client : other;
        joins.add(by.sendAsync(new JoinRequest(by.nextId(), room)));
      }
      for (CompletableFuture<Reply> join : joins) {
        assertThat(join.get(60, TimeUnit.SECONDS)).isInstanceOf(JoinReply.class);
      }
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  @Test
  void listRooms_largerThanAFrame_pagesListEveryRoomOnce() throws Exception {
    FrameCodec codec = new FrameCodec(FRAME_BYTES);
    try (TestClient client = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED)) {
      login(client, "carla");
      List<String> listed = new ArrayList<>();
      int pages = 0;
      String after = null;
      do {
        RoomsReply page = client.ok(new ListRoomsRequest(client.nextId(), after), RoomsReply.class);
        assertThat(codec.toJson(page).length).isLessThanOrEqualTo(FRAME_BYTES);
        page.rooms().stream().map(RoomInfo::room).forEach(listed::add);
        after = page.next();
        pages++;
      } while (after != null);
      assertThat(pages).isGreaterThan(1);
      List<String> expected = new ArrayList<>(created);
      expected.add("#lobby");
      Collections.sort(expected);
      assertThat(listed).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void listRooms_olderWireVersion_refusedClearlyNotInternal() throws Exception {
    try (TestClient client = RelayFixture.connect(relay, dataDir, ProtocolVersions.STORE_TIME)) {
      login(client, "carla");
      Reply reply = client.call(new ListRoomsRequest(client.nextId()));
      assertThat(reply).isInstanceOf(ErrorReply.class);
      ErrorReply error = (ErrorReply) reply;
      assertThat(error.code())
          .as("a version 4 client knows no newer code")
          .isEqualTo(ErrorCode.INTERNAL);
      assertThat(error.message()).isEqualTo(ErrorCode.REPLY_TOO_LARGE.defaultMessage());
      assertThat(client.ok(new chat.protocol.PingRequest(client.nextId()), Reply.class))
          .as("the connection survives")
          .isNotNull();
    }
  }

  @Test
  void listMembers_lastPage_hasNoNext() throws Exception {
    try (TestClient client = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED)) {
      login(client, "carla");
      MembersReply reply =
          client.ok(
              new ListMembersRequest(client.nextId(), created.get(0), null), MembersReply.class);
      assertThat(reply.members()).hasSize(1);
      assertThat(reply.next()).isNull();
    }
  }

  @Test
  void getBundles_overTheLimitOnVersion5_badFrameWithTheLimit() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i <= GetBundlesRequest.MAX_USERS; i++) {
      names.add("nobody" + i);
    }
    try (TestClient client = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED)) {
      login(client, "carla");
      Reply reply = client.call(new GetBundlesRequest(client.nextId(), names));
      assertThat(reply).isInstanceOf(ErrorReply.class);
      assertThat(((ErrorReply) reply).code()).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(((ErrorReply) reply).message()).contains("at most " + GetBundlesRequest.MAX_USERS);
      assertThat(
              client.ok(
                  new GetBundlesRequest(
                      client.nextId(), names.subList(0, GetBundlesRequest.MAX_USERS)),
                  chat.protocol.BundlesReply.class))
          .isNotNull();
    }
  }
}
