package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import chat.protocol.ConversationState;
import chat.protocol.ErrorCode;
import chat.protocol.JoinReply;
import chat.protocol.MembershipChange;
import chat.protocol.MembershipEvent;
import chat.protocol.ProtocolVersions;
import chat.protocol.Usernames;
import chat.server.MutableClock;
import chat.server.RoomLimits;
import chat.server.internal.storage.ConversationRepository;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.FriendshipRepository;
import chat.server.internal.storage.MemberRepository;
import chat.server.internal.storage.UserLimitRepository;
import chat.server.internal.storage.UserRepository;
import chat.server.internal.storage.WriteQueue;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DirectConversations}: closing leaves the conversation out of the closer's login list and
 * count only, and tells only the closer's other version 7 connections; opening again counts it
 * within the conversations limit.
 */
class DirectConversationsTest {
  private static final String DIRECT = "@ann+bob";

  /** A frame that fits a login listing two conversations ({@link RoomLimits}). */
  private static final int FRAME_BYTES = 1024 + 2 * 128;

  @TempDir Path dataDir;

  private Database database;
  private WriteQueue writes;
  private Storage storage;
  private final LocalRouter router = new LocalRouter();
  private final MemberRepository members = new MemberRepository();
  private final ConversationRepository conversations = new ConversationRepository();
  private DirectConversations service;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dataDir);
    writes = new WriteQueue(database);
    storage = new Storage(database, writes);
    PresenceBook presence = new PresenceBook();
    Notifier notifier =
        new Notifier(storage, members, router, new FriendshipRepository(), presence, 0);
    RoomCapacity capacity =
        new RoomCapacity(
            new RoomLimits(100, 1000, 50),
            conversations,
            members,
            new UserLimitRepository(),
            FRAME_BYTES);
    service =
        new DirectConversations(
            storage,
            conversations,
            members,
            new UserRepository(),
            notifier,
            capacity,
            new MutableClock());
    for (String name : new String[] {"ann", "bob", "carol"}) {
      storage.write(
          c -> new UserRepository().insert(c, name, name, "skeleton-" + name, "-", new byte[1], 1));
    }
    inConversation(DIRECT, "ann", "bob");
  }

  @AfterEach
  void close() throws Exception {
    writes.close();
    database.close();
  }

  @Test
  void close_openDirectConversation_leftOutOfTheClosersListAndCountOnly() {
    service.close(as("ann", ProtocolVersions.CLOSE_DIRECT), "1", DIRECT);

    int counted = storage.read(c -> members.countOf(c, "ann"));
    Set<String> parties = storage.read(c -> members.keys(c, DIRECT));
    assertThat(listed("ann")).doesNotContainKey(DIRECT);
    assertThat(counted).isZero();
    assertThat(listed("bob")).containsKey(DIRECT);
    assertThat(parties)
        .as("ann stays a party: bob's presence and key changes still reach her, hers reach him")
        .containsExactlyInAnyOrder("ann", "bob");
  }

  @Test
  void close_tellsTheClosersOtherVersion7ConnectionsOnly() {
    TestConnection here = online("ann", ProtocolVersions.CLOSE_DIRECT);
    TestConnection there = online("ann", ProtocolVersions.CLOSE_DIRECT);
    TestConnection older = online("ann", ProtocolVersions.PAGED_FRIENDS);
    TestConnection bob = online("bob", ProtocolVersions.CLOSE_DIRECT);

    service.close(here, "1", DIRECT);

    assertThat(there.pushed)
        .containsExactly(new MembershipEvent(DIRECT, "ann", MembershipChange.LEFT));
    assertThat(here.pushed).as("its leave_ok says it").isEmpty();
    assertThat(older.pushed).isEmpty();
    assertThat(bob.pushed).isEmpty();
  }

  @Test
  void close_alreadyClosedOrNeverWritten_notMember() {
    service.close(as("ann", ProtocolVersions.CLOSE_DIRECT), "1", DIRECT);

    assertRefused(
        () -> service.close(as("ann", ProtocolVersions.CLOSE_DIRECT), "2", DIRECT),
        ErrorCode.NOT_MEMBER);
    assertRefused(
        () -> service.close(as("ann", ProtocolVersions.CLOSE_DIRECT), "3", "@ann+carol"),
        ErrorCode.NOT_MEMBER);
    assertRefused(
        () -> service.close(as("carol", ProtocolVersions.CLOSE_DIRECT), "4", DIRECT),
        ErrorCode.NOT_MEMBER);
  }

  @Test
  void closeOrOpen_beforeVersion7_badFrameAndNothingChanges() {
    ClientConnection older = as("ann", ProtocolVersions.PAGED_FRIENDS);

    assertRefused(() -> service.close(older, "1", DIRECT), ErrorCode.BAD_FRAME);
    assertRefused(() -> service.open(older, "2", DIRECT), ErrorCode.BAD_FRAME);
    assertThat(listed("ann")).containsKey(DIRECT);
  }

  @Test
  void open_closedDirectConversation_listedAgainAndTheOtherConnectionsTold() {
    TestConnection here = online("ann", ProtocolVersions.CLOSE_DIRECT);
    TestConnection there = online("ann", ProtocolVersions.CLOSE_DIRECT);
    service.close(here, "1", DIRECT);

    JoinReply reply = service.open(here, "2", DIRECT);

    assertThat(reply.conversation()).isEqualTo(DIRECT);
    assertThat(reply.members()).containsExactly("ann", "bob");
    assertThat(listed("ann")).containsKey(DIRECT);
    assertThat(there.pushed)
        .containsExactly(
            new MembershipEvent(DIRECT, "ann", MembershipChange.LEFT),
            new MembershipEvent(DIRECT, "ann", MembershipChange.JOINED));
    service.open(here, "3", DIRECT);
    assertThat(there.pushed).as("already open: nothing to tell").hasSize(2);
  }

  @Test
  void open_closedDirectConversationAtTheConversationsLimit_limitReachedUntilAPlaceIsFree() {
    ClientConnection ann = as("ann", ProtocolVersions.CLOSE_DIRECT);
    service.close(ann, "1", DIRECT);
    inConversation("#one", "ann");
    inConversation("#two", "ann");

    assertThatThrownBy(() -> service.open(ann, "2", DIRECT))
        .isInstanceOf(RelayException.class)
        .hasMessageContaining("you are in 2 rooms and direct conversations")
        .hasMessageContaining("close a direct conversation")
        .extracting("code")
        .isEqualTo(ErrorCode.LIMIT_REACHED);
    assertThat(listed("ann")).doesNotContainKey(DIRECT);

    storage.write(c -> members.remove(c, "#two", "ann"));
    service.open(ann, "3", DIRECT);
    assertThat(listed("ann")).containsKey(DIRECT);
  }

  @Test
  void open_neverWrittenDirectConversation_notListedUntilItsFirstMessage() {
    JoinReply reply = service.open(as("ann", ProtocolVersions.CLOSE_DIRECT), "1", "@ann+carol");

    assertThat(reply.lastSeq()).isZero();
    assertThat(reply.members()).containsExactly("ann", "carol");
    assertThat(listed("ann")).doesNotContainKey("@ann+carol");
  }

  @Test
  void open_otherPartyHasNoAccount_noSuchUser() {
    assertRefused(
        () -> service.open(as("ann", ProtocolVersions.CLOSE_DIRECT), "1", "@ann+zed"),
        ErrorCode.NO_SUCH_USER);
    assertThat(listed("ann")).doesNotContainKey("@ann+zed");
  }

  private void inConversation(String conversation, String... users) {
    storage.write(
        c -> {
          conversations.ensure(c, conversation, 1);
          for (String user : users) {
            members.open(c, conversation, user, 1);
          }
          return null;
        });
  }

  private Map<String, Long> listed(String user) {
    return storage.read(c -> members.conversationsOf(c, user)).stream()
        .collect(Collectors.toMap(ConversationState::conversation, ConversationState::lastSeq));
  }

  private TestConnection online(String name, int version) {
    TestConnection connection = as(name, version);
    router.add(Usernames.key(name), connection);
    return connection;
  }

  private static TestConnection as(String name, int version) {
    TestConnection stub = new TestConnection();
    stub.state.version(version);
    stub.state.login(Usernames.key(name), name, Bytes.of(new byte[32]), true);
    return stub;
  }

  private static void assertRefused(Runnable call, ErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOf(RelayException.class)
        .extracting("code")
        .isEqualTo(code);
  }
}
