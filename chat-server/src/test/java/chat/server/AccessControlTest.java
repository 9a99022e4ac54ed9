package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static chat.server.RelayFixture.seal;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.ListMembersRequest;
import chat.protocol.Reply;
import chat.protocol.Request;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.protocol.SyncReply;
import chat.protocol.SyncRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may read and post where: non-members and third parties get {@link ErrorCode#NOT_MEMBER} for
 * every read and write, and joining a room late reveals nothing sent before (it was never encrypted
 * to the newcomer, and the relay hands out only the caller's own per-recipient forms).
 */
class AccessControlTest {
  @TempDir static Path dataDir;
  private static Relay relay;
  private static IdentityKeyPair alice;
  private static IdentityKeyPair bob;
  private static IdentityKeyPair carol;

  @BeforeAll
  static void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
    alice = RelayFixture.identity("alice");
    bob = RelayFixture.identity("bob");
    carol = RelayFixture.identity("carol");
    try (TestClient client = connect(relay, dataDir)) {
      register(client, alice);
      register(client, bob);
      register(client, carol);
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static TestClient as(IdentityKeyPair who) throws Exception {
    TestClient client = connect(relay, dataDir);
    login(client, who.userId());
    return client;
  }

  private static ErrorCode refusal(TestClient client, Request request) throws Exception {
    Reply reply = client.call(request);
    assertThat(reply).as(request.getClass().getSimpleName()).isInstanceOf(ErrorReply.class);
    return ((ErrorReply) reply).code();
  }

  private static void assertNoAccess(TestClient outsider, IdentityKeyPair who, String conversation)
      throws Exception {
    byte[] envelope = seal(who, conversation, List.of(), "let me in").encode();
    for (Request request :
        List.of(
            new HistoryRequest(outsider.nextId(), conversation, 0, 0),
            new SyncRequest(outsider.nextId(), conversation, 0, 0),
            new ListMembersRequest(outsider.nextId(), conversation),
            new SendRequest(outsider.nextId(), conversation, Bytes.of(envelope)))) {
      assertThat(refusal(outsider, request))
          .as(request.getClass().getSimpleName() + " in " + conversation)
          .isEqualTo(ErrorCode.NOT_MEMBER);
    }
  }

  @Test
  void outsider_cannotReadListOrPost_inARoomOrADirectConversation() throws Exception {
    try (TestClient a = as(alice);
        TestClient b = as(bob);
        TestClient c = as(carol)) {
      a.ok(new JoinRequest(a.nextId(), "#inner"), JoinReply.class);
      b.ok(new JoinRequest(b.nextId(), "#inner"), JoinReply.class);
      a.ok(
          new SendRequest(
              a.nextId(),
              "#inner",
              Bytes.of(seal(alice, "#inner", List.of(bob.bundle()), "inner").encode())),
          SendReply.class);
      a.ok(
          new SendRequest(
              a.nextId(),
              "@alice+bob",
              Bytes.of(seal(alice, "@alice+bob", List.of(bob.bundle()), "dm").encode())),
          SendReply.class);

      assertNoAccess(c, carol, "#inner");
      assertNoAccess(c, carol, "@alice+bob");
      assertThat(refusal(c, new LeaveRequest(c.nextId(), "#inner")))
          .isEqualTo(ErrorCode.NOT_MEMBER);
    }
  }

  @Test
  void lateJoiner_seesNoEarlierMessage_andALeaverReadsNothingMore() throws Exception {
    try (TestClient a = as(alice);
        TestClient b = as(bob);
        TestClient c = as(carol)) {
      a.ok(new JoinRequest(a.nextId(), "#late"), JoinReply.class);
      b.ok(new JoinRequest(b.nextId(), "#late"), JoinReply.class);
      a.ok(
          new SendRequest(
              a.nextId(),
              "#late",
              Bytes.of(seal(alice, "#late", List.of(bob.bundle()), "before carol").encode())),
          SendReply.class);

      JoinReply joined = c.ok(new JoinRequest(c.nextId(), "#late"), JoinReply.class);
      assertThat(joined.lastSeq()).isEqualTo(1);
      assertThat(c.ok(new HistoryRequest(c.nextId(), "#late", 0, 0), HistoryReply.class).messages())
          .isEmpty();
      SyncReply sync = c.ok(new SyncRequest(c.nextId(), "#late", 0, 0), SyncReply.class);
      assertThat(sync.messages()).isEmpty();
      assertThat(sync.cursor()).as("skipped, not hidden from the cursor").isEqualTo(1);

      b.ok(new LeaveRequest(b.nextId(), "#late"), LeaveReply.class);
      assertNoAccess(b, bob, "#late");
    }
  }
}
