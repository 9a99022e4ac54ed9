package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.FrameCodec;
import chat.protocol.FriendAction;
import chat.protocol.FriendInfo;
import chat.protocol.FriendState;
import chat.protocol.FriendUpdateRequest;
import chat.protocol.FriendsReply;
import chat.protocol.ListFriendsRequest;
import chat.protocol.PresenceStatus;
import chat.protocol.ProtocolVersions;
import chat.protocol.Usernames;
import chat.server.MutableClock;
import chat.server.RelayConfig;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.FriendRequestRepository;
import chat.server.internal.storage.FriendshipRepository;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.WriteQueue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FriendService}'s bounds: on the requests one user receives (strangers cannot make a user
 * store, hear at each login and list an unbounded number of them), on the friends one user has
 * ({@code --max-friends}, for both sides of a request), and the list's pages (wire version 6).
 */
class FriendServiceTest {
  private static final int LIMIT = FriendService.MAX_PENDING_REQUESTS;

  /** The smallest frame a relay may use: a page of the friends list takes at most half. */
  private static final int FRAME_BYTES = 64 * 1024;

  /** The friends limit of {@link #service}. */
  private static final int MAX_FRIENDS = 3;

  @TempDir Path dataDir;

  private Database database;
  private WriteQueue writes;
  private Storage storage;
  private FriendService service;
  private final FriendshipRepository friendships = new FriendshipRepository();
  private final FriendRequestRepository requests = new FriendRequestRepository();

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dataDir);
    writes = new WriteQueue(database);
    storage = new Storage(database, writes);
    LocalRouter router = new LocalRouter();
    PresenceBook presence = new PresenceBook();
    service =
        new FriendService(
            storage,
            new UserRepository(),
            requests,
            friendships,
            router,
            presence,
            new Notifier(storage, new MemberRepository(), router, friendships, presence, 0),
            new MutableClock(),
            new LogIds(new byte[32]),
            MAX_FRIENDS,
            FRAME_BYTES);
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

  @Test
  void add_callerHasTheMostFriends_refusedSayingItIsTheCallersList() {
    friendsOf("full", MAX_FRIENDS);
    account("stranger");

    assertThatThrownBy(() -> add("full", "stranger"))
        .isInstanceOf(RelayException.class)
        .hasMessage("you have 3 friends, this relay's limit: remove a friend first")
        .extracting("code")
        .isEqualTo(ErrorCode.LIMIT_REACHED);
    assertThat(list("stranger").friends()).as("no request was stored").isEmpty();

    update("full", FriendAction.REMOVE, "full-friend0");
    assertThat(add("full", "stranger")).isEqualTo(FriendState.OUTGOING);
  }

  @Test
  void add_targetHasTheMostFriends_refusedSayingItIsTheirList() {
    friendsOf("full", MAX_FRIENDS);
    account("stranger");

    assertThatThrownBy(() -> add("stranger", "full"))
        .isInstanceOf(RelayException.class)
        .hasMessage(
            "full has 3 friends, this relay's limit: full must remove a friend before you can be"
                + " friends")
        .extracting("code")
        .isEqualTo(ErrorCode.LIMIT_REACHED);
    assertThat(list("full").friends()).hasSize(MAX_FRIENDS);
  }

  @Test
  void accept_eitherSideAtTheLimit_refusedAndTheRequestStaysPending() {
    account("asker");
    account("answerer");
    assertThat(add("asker", "answerer")).isEqualTo(FriendState.OUTGOING);
    friendsOf("answerer", MAX_FRIENDS);

    assertThatThrownBy(() -> update("answerer", FriendAction.ACCEPT, "asker"))
        .isInstanceOf(RelayException.class)
        .hasMessage("you have 3 friends, this relay's limit: remove a friend first");
    assertThatThrownBy(() -> add("answerer", "asker"))
        .as("adding someone who asked is accepting")
        .isInstanceOf(RelayException.class)
        .hasMessageStartingWith("you have 3 friends");
    update("answerer", FriendAction.REMOVE, "answerer-friend0");
    friendsOf("asker", MAX_FRIENDS);

    assertThatThrownBy(() -> update("answerer", FriendAction.ACCEPT, "asker"))
        .isInstanceOf(RelayException.class)
        .hasMessage(
            "asker has 3 friends, this relay's limit: asker must remove a friend before you can be"
                + " friends")
        .extracting("code")
        .isEqualTo(ErrorCode.LIMIT_REACHED);
    assertThat(list("answerer").friends())
        .as("the request waits for an answer still")
        .contains(new FriendInfo("asker", FriendState.INCOMING, null, null));

    update("asker", FriendAction.REMOVE, "asker-friend0");
    assertThat(update("answerer", FriendAction.ACCEPT, "asker")).isEqualTo(FriendState.FRIENDS);
  }

  @Test
  void list_version6_pagesInNameOrderWithinHalfAFrame_everyEntryOnce() throws Exception {
    int count = 700;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      // Upper-case names: the order and the cursor are the lowercase ones.
      String name = String.format("U%03d-", count - 1 - i) + "x".repeat(27);
      names.add(name);
      account(name);
    }
    account("owner");
    storage.write(
        c -> {
          for (int i = 0; i < count; i++) {
            String key = Usernames.key(names.get(i));
            switch (i % 3) {
              case 0 -> friendships.add(c, "owner", key, 1L);
              case 1 -> requests.add(c, "owner", key, 1L);
              default -> requests.add(c, key, "owner", 1L);
            }
          }
          return null;
        });
    FrameCodec codec = new FrameCodec(FRAME_BYTES);
    ClientConnection owner = as("owner", ProtocolVersions.PAGED_FRIENDS);

    List<String> listed = new ArrayList<>();
    int pages = 0;
    String after = null;
    do {
      FriendsReply page = service.list(owner, new ListFriendsRequest("1", after));
      assertThat(codec.toJson(page).length).isLessThanOrEqualTo(FRAME_BYTES / 2 + 200);
      page.friends().forEach(f -> listed.add(f.username()));
      if (page.next() != null) {
        assertThat(page.next()).isEqualTo(listed.get(listed.size() - 1));
      }
      after = page.next();
      pages++;
    } while (after != null);

    assertThat(pages).isGreaterThan(2);
    List<String> expected = new ArrayList<>(names);
    expected.sort(java.util.Comparator.comparing(Usernames::key));
    assertThat(listed).containsExactlyElementsOf(expected);
  }

  @Test
  void list_version6_cursorOfAnEntryGoneSinceContinuesAfterIt() {
    for (String name : List.of("owner", "ann", "bea", "cyd", "dee")) {
      account(name);
    }
    storage.write(
        c -> {
          for (String friend : List.of("ann", "bea", "dee")) {
            friendships.add(c, "owner", friend, 1L);
          }
          return null;
        });
    ClientConnection owner = as("owner", ProtocolVersions.PAGED_FRIENDS);

    FriendsReply rest = service.list(owner, new ListFriendsRequest("1", "Cyd"));

    assertThat(rest.friends()).extracting(FriendInfo::username).containsExactly("dee");
    assertThat(rest.next()).isNull();
  }

  @Test
  void list_olderVersion_wholeListFriendsThenSentThenReceived() {
    for (String name : List.of("owner", "ann", "bea", "cyd", "dee")) {
      account(name);
    }
    storage.write(
        c -> {
          requests.add(c, "ann", "owner", 1L);
          requests.add(c, "owner", "bea", 1L);
          friendships.add(c, "owner", "dee", 1L);
          friendships.add(c, "owner", "cyd", 1L);
          return null;
        });

    FriendsReply reply =
        service.list(as("owner", ProtocolVersions.PAGED), new ListFriendsRequest("1"));

    assertThat(reply.friends())
        .extracting(FriendInfo::username, FriendInfo::state)
        .containsExactly(
            tuple("cyd", FriendState.FRIENDS),
            tuple("dee", FriendState.FRIENDS),
            tuple("bea", FriendState.OUTGOING),
            tuple("ann", FriendState.INCOMING));
    assertThat(reply.next()).isNull();
  }

  @Test
  void defaultLimit_wholeListOfTheLongestEntries_fitsTheDefaultFrameForOlderClients() {
    // The longest entry: a 32-character name, away with 200 characters of 3 bytes in UTF-8.
    FriendInfo longest =
        new FriendInfo(
            "a".repeat(32), FriendState.FRIENDS, PresenceStatus.AWAY, "\u4e2d".repeat(200));
    FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    int oneEntryBytes =
        codec.toJson(new FriendsReply("1", List.of(longest, longest))).length
            - codec.toJson(new FriendsReply("1", List.of(longest))).length;
    assertThat(oneEntryBytes).as("PacketDiagram.md, wire version 6").isEqualTo(695);

    List<FriendInfo> whole = new ArrayList<>();
    for (int i = 0; i < RelayConfig.DEFAULT_MAX_FRIENDS; i++) {
      whole.add(longest);
    }
    for (int i = 0; i < LIMIT; i++) {
      whole.add(new FriendInfo("b".repeat(32), FriendState.OUTGOING, null, null));
      whole.add(new FriendInfo("c".repeat(32), FriendState.INCOMING, null, null));
    }
    assertThat(codec.toJson(new FriendsReply("r".repeat(64), whole)).length)
        .isLessThan(FrameCodec.DEFAULT_MAX_FRAME_BYTES / 4);
  }

  /**
   * A request that runs on after the relay logged its connection out to close it (its session was
   * ended elsewhere) is refused as not logged in: before, it failed as an internal error, logged
   * with a stack trace.
   */
  @Test
  void update_connectionLoggedOutByTheRelayWhileItRuns_refusedAsNotLoggedIn() {
    account("alice");
    account("bob");
    ClientConnection alice = as("alice");
    alice.state().closing();
    alice.state().logout();

    assertThatThrownBy(
            () -> service.update(alice, new FriendUpdateRequest("1", "bob", FriendAction.ADD)))
        .isInstanceOfSatisfying(
            RelayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
  }

  /** Makes {@code name} an account with {@code count} friends, {@code name-friend0} and on. */
  private void friendsOf(String name, int count) {
    account(name);
    for (int i = 0; i < count; i++) {
      account(name + "-friend" + i);
    }
    storage.write(
        c -> {
          for (int i = 0; i < count; i++) {
            friendships.add(c, name, name + "-friend" + i, 1L);
          }
          return null;
        });
  }

  private static String asker(int i) {
    return String.format("asker%03d", i);
  }

  private void account(String name) {
    String key = Usernames.key(name);
    storage.write(
        c ->
            new UserRepository()
                .insert(c, key, name, "skeleton-" + key, "unused", new byte[] {1}, 1L));
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
    return as(name, ProtocolVersions.CURRENT);
  }

  private static ClientConnection as(String name, int version) {
    TestConnection stub = new TestConnection();
    stub.state.version(version);
    stub.state.login(Usernames.key(name), name, Bytes.of(new byte[32]), true);
    return stub;
  }
}
