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
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.MembershipChange;
import chat.protocol.MembershipEvent;
import chat.protocol.MessageEvent;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wire version 7: a party closes a direct conversation with {@code leave} and it leaves their login
 * list on every device, while the other party's copy and the messages stay; a message from either
 * party, or the closer's {@code join}, opens it again.
 */
class DirectCloseIntegrationTest {
  private static final String DIRECT = "@ann+bob";

  @TempDir static Path dataDir;
  static Relay relay;
  static IdentityKeyPair ann;
  static IdentityKeyPair bob;

  @BeforeAll
  static void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
    try (TestClient client = RelayFixture.connect(relay, dataDir)) {
      ann = RelayFixture.identity("ann");
      bob = RelayFixture.identity("bob");
      register(client, ann);
      register(client, bob);
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  @Test
  void leave_directConversation_closedForTheCallerOnlyUntilTheOtherPartyWritesAgain()
      throws Exception {
    try (TestClient annHere = connect("ann");
        TestClient annThere = connect("ann");
        TestClient annOld = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED_FRIENDS);
        TestClient bobHere = connect("bob")) {
      login(annOld, "ann");
      send(bobHere, bob, "first");
      assertThat(listed("ann")).contains(DIRECT);
      int stored = history(annHere).size();

      LeaveReply left = annHere.ok(new LeaveRequest(annHere.nextId(), DIRECT), LeaveReply.class);

      assertThat(left.conversation()).isEqualTo(DIRECT);
      assertThat(annThere.nextEvent(MembershipEvent.class, e -> e.conversation().equals(DIRECT)))
          .isEqualTo(new MembershipEvent(DIRECT, "ann", MembershipChange.LEFT));
      assertThat(annOld.eventsSoFar(MembershipEvent.class))
          .as("a version 6 connection could not tell it from bob leaving")
          .isEmpty();
      assertThat(bobHere.eventsSoFar(MembershipEvent.class)).as("bob is not told").isEmpty();
      assertThat(listed("ann")).doesNotContain(DIRECT);
      assertThat(listed("bob")).as("bob's copy is untouched").contains(DIRECT);
      assertThat(history(annHere)).as("the messages stay on the relay").hasSize(stored);
      assertThat(refused(annHere.call(new LeaveRequest(annHere.nextId(), DIRECT))).code())
          .as("already closed")
          .isEqualTo(ErrorCode.NOT_MEMBER);

      SendReply again = send(bobHere, bob, "second");

      assertThat(annHere.nextEvent(MessageEvent.class, e -> e.seq() == again.seq()))
          .as("delivered to the closer")
          .isNotNull();
      assertThat(listed("ann")).as("open again for ann").contains(DIRECT);
      assertThat(history(annHere)).hasSize(stored + 1);
    }
  }

  @Test
  void join_directConversationTheCallerClosed_opensItAgainForThem() throws Exception {
    try (TestClient annHere = connect("ann");
        TestClient annThere = connect("ann");
        TestClient bobHere = connect("bob")) {
      send(bobHere, bob, "hello");
      annHere.ok(new LeaveRequest(annHere.nextId(), DIRECT), LeaveReply.class);
      annThere.nextEvent(MembershipEvent.class, e -> e.change() == MembershipChange.LEFT);

      JoinReply joined = annHere.ok(new JoinRequest(annHere.nextId(), DIRECT), JoinReply.class);

      assertThat(joined.conversation()).isEqualTo(DIRECT);
      assertThat(joined.members()).containsExactly("ann", "bob");
      assertThat(joined.lastSeq()).isEqualTo(history(annHere).size());
      assertThat(annThere.nextEvent(MembershipEvent.class, e -> e.conversation().equals(DIRECT)))
          .isEqualTo(new MembershipEvent(DIRECT, "ann", MembershipChange.JOINED));
      assertThat(listed("ann")).contains(DIRECT);
      assertThat(bobHere.eventsSoFar(MembershipEvent.class)).isEmpty();
    }
  }

  @Test
  void leaveOrJoin_directConversationBeforeVersion7_badFrameAndNothingChanges() throws Exception {
    try (TestClient annOld = RelayFixture.connect(relay, dataDir, ProtocolVersions.PAGED_FRIENDS);
        TestClient bobHere = connect("bob")) {
      login(annOld, "ann");
      send(bobHere, bob, "hi");

      ErrorReply leave = refused(annOld.call(new LeaveRequest(annOld.nextId(), DIRECT)));
      ErrorReply join = refused(annOld.call(new JoinRequest(annOld.nextId(), DIRECT)));

      assertThat(List.of(leave.code(), join.code())).containsOnly(ErrorCode.BAD_FRAME);
      assertThat(leave.message()).contains("needs wire version 7");
      assertThat(listed("ann")).contains(DIRECT);
    }
  }

  @Test
  void leave_directConversationOfOthers_notMember() throws Exception {
    try (TestClient bobHere = connect("bob")) {
      Reply reply = bobHere.call(new LeaveRequest(bobHere.nextId(), "@ann+carol"));

      assertThat(refused(reply).code()).isEqualTo(ErrorCode.NOT_MEMBER);
    }
  }

  private static TestClient connect(String user) throws Exception {
    TestClient client = RelayFixture.connect(relay, dataDir, ProtocolVersions.CLOSE_DIRECT);
    login(client, user);
    return client;
  }

  /** The conversations a new login of {@code user} lists. */
  private static List<String> listed(String user) throws Exception {
    try (TestClient client = RelayFixture.connect(relay, dataDir, ProtocolVersions.CLOSE_DIRECT)) {
      return login(client, user).conversations().stream()
          .map(ConversationState::conversation)
          .toList();
    }
  }

  private static SendReply send(TestClient from, IdentityKeyPair sender, String text)
      throws Exception {
    byte[] envelope = seal(sender, DIRECT, List.of(ann.bundle(), bob.bundle()), text).encode();
    return from.ok(new SendRequest(from.nextId(), DIRECT, Bytes.of(envelope)), SendReply.class);
  }

  private static List<?> history(TestClient client) throws Exception {
    return client
        .ok(new HistoryRequest(client.nextId(), DIRECT, 0, 0), HistoryReply.class)
        .messages();
  }

  private static ErrorReply refused(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return (ErrorReply) reply;
  }
}
