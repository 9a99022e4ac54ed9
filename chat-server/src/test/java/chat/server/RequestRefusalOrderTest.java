package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FileStatusRequest;
import chat.protocol.GroupCreateRequest;
import chat.protocol.JoinRequest;
import chat.protocol.ListFriendsRequest;
import chat.protocol.Reply;
import chat.protocol.Request;
import chat.protocol.SendRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request its connection is not ready for is refused for the first thing missing, through a real
 * relay: a hello before a login before wire version 2; a send (handled in two parts) likewise.
 */
class RequestRefusalOrderTest {
  @TempDir static Path dataDir;
  private static Relay relay;

  /** Requests that need a session, made with a fresh id; a send is handled in two parts. */
  private static final List<Function<String, Request>> SESSION_KINDS =
      List.of(
          id -> new JoinRequest(id, "#x"),
          id -> new SendRequest(id, "#x", Bytes.of(new byte[] {1})));

  /** Requests that need a session and wire version 2, made with a fresh id. */
  private static final List<Function<String, Request>> VERSION_2_KINDS =
      List.of(
          id -> new ListFriendsRequest(id),
          id -> new GroupCreateRequest(id, "#team"),
          id -> new FileStatusRequest(id, "0123456789abcdef0123456789abcdef"));

  private static List<Function<String, Request>> allKinds() {
    List<Function<String, Request>> all = new ArrayList<>(SESSION_KINDS);
    all.addAll(VERSION_2_KINDS);
    return all;
  }

  @BeforeAll
  static void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
    try (TestClient client = connect(relay, dataDir)) {
      register(client, RelayFixture.identity("ann"));
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  /**
   * Sends one request of each of {@code kinds} on {@code client}; asserts each is refused with
   * {@code code} and {@code message}.
   */
  private static void refused(
      TestClient client, List<Function<String, Request>> kinds, ErrorCode code, String message)
      throws Exception {
    for (Function<String, Request> kind : kinds) {
      Request sent = kind.apply(client.nextId());
      Reply reply = client.call(sent);
      assertThat(reply).as(sent.getClass().getSimpleName()).isInstanceOf(ErrorReply.class);
      ErrorReply refusal = (ErrorReply) reply;
      assertThat(refusal.code()).as(sent.getClass().getSimpleName()).isEqualTo(code);
      assertThat(refusal.message()).isEqualTo(message);
    }
  }

  @Test
  void beforeHello_everyKind_helloRequired() throws Exception {
    try (TestClient client = new TestClient(relay.port(), dataDir.resolve("tls.crt"))) {
      refused(
          client, allKinds(), ErrorCode.HELLO_REQUIRED, ErrorCode.HELLO_REQUIRED.defaultMessage());
    }
  }

  @Test
  void version1BeforeLogin_evenVersion2Kinds_authRequired() throws Exception {
    try (TestClient client = connect(relay, dataDir, 1)) {
      refused(
          client, allKinds(), ErrorCode.AUTH_REQUIRED, ErrorCode.AUTH_REQUIRED.defaultMessage());
    }
  }

  @Test
  void version1LoggedIn_version2Kinds_badFrameNamingTheVersion() throws Exception {
    try (TestClient client = connect(relay, dataDir, 1)) {
      login(client, "ann");
      refused(client, VERSION_2_KINDS, ErrorCode.BAD_FRAME, "this request needs wire version 2");
    }
  }
}
