package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.FriendAction;
import chat.protocol.FriendState;
import chat.protocol.FriendUpdateRequest;
import chat.protocol.FriendsReply;
import chat.protocol.ListFriendsRequest;
import chat.server.MutableClock;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.FriendRequestRepository;
import chat.server.internal.storage.FriendshipRepository;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.WriteQueue;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FriendService}'s bound on the requests one user receives: strangers cannot make a user
 * store, hear at each login and list an unbounded number of them.
 */
class FriendServiceTest {
  private static final int LIMIT = FriendService.MAX_PENDING_REQUESTS;

  @TempDir Path dataDir;

  private Database database;
  private WriteQueue writes;
  private Storage storage;
  private FriendService service;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dataDir);
    writes = new WriteQueue(database);
    storage = new Storage(database, writes);
    LocalRouter router = new LocalRouter();
    PresenceBook presence = new PresenceBook();
    FriendshipRepository friendships = new FriendshipRepository();
    service =
        new FriendService(
            storage,
            new UserRepository(),
            new FriendRequestRepository(),
            friendships,
            router,
            presence,
            new Notifier(storage, new MemberRepository(), router, friendships, presence, 0),
            new MutableClock(),
            new LogIds(new byte[32]));
  }

  @AfterEach
  void close() throws Exception {
    writes.close();
    database.close();
  }

  @Test
  void add_targetHoldsTheMostRequests_refusedToTheSenderUntilOneIsAnswered() {
    account("popular");
    for (int i = 0; i <= LIMIT; i++) {
      account(asker(i));
    }
    for (int i = 0; i < LIMIT; i++) {
      assertThat(add(asker(i), "popular")).isEqualTo(FriendState.OUTGOING);
    }

    assertThatThrownBy(() -> add(asker(LIMIT), "popular"))
        .isInstanceOf(RelayException.class)
        .hasMessage(
            "popular has "
                + LIMIT
                + " friend requests waiting for an answer, this relay's limit: try again later")
        .extracting("code")
        .isEqualTo(ErrorCode.LIMIT_REACHED);
    assertThat(add(asker(0), "popular"))
        .as("asking again changes nothing and is not refused")
        .isEqualTo(FriendState.OUTGOING);
    assertThat(add("popular", asker(LIMIT)))
        .as("the user at the limit may still ask others")
        .isEqualTo(FriendState.OUTGOING);
    assertThat(add(asker(LIMIT), "popular"))
        .as("answering popular's own request is not a new one")
        .isEqualTo(FriendState.FRIENDS);

    update("popular", FriendAction.DECLINE, asker(0));
    account("latecomer");
    assertThat(add("latecomer", "popular")).isEqualTo(FriendState.OUTGOING);
    assertThat(list("popular").friends())
        .as("one friend, " + LIMIT + " requests")
        .hasSize(LIMIT + 1);
  }

  private static String asker(int i) {
    return String.format("asker%03d", i);
  }

  private void account(String name) {
    storage.write(
        c ->
            new UserRepository()
                .insert(c, name, name, "skeleton-" + name, "unused", new byte[] {1}, 1L));
  }

  private FriendState add(String from, String to) {
    return update(from, FriendAction.ADD, to);
  }

  private FriendState update(String from, FriendAction action, String to) {
    return service.update(as(from), new FriendUpdateRequest("1", to, action)).state();
  }

  private FriendsReply list(String name) {
    return service.list(as(name), new ListFriendsRequest("1"));
  }

  private static ClientConnection as(String name) {
    TestConnection stub = new TestConnection();
    stub.state.login(name, name, Bytes.of(new byte[32]));
    return stub;
  }
}
