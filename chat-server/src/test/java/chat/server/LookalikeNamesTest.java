package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.LoginRequest;
import chat.protocol.RegisterReply;
import chat.protocol.RegisterRequest;
import chat.protocol.Reply;
import chat.protocol.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay refuses to register a name that looks like an existing account's. */
class LookalikeNamesTest {
  @TempDir static Path dataDir;
  static Relay relay;

  @BeforeAll
  static void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
    try (TestClient client = connect(relay, dataDir)) {
      register(client, RelayFixture.identity("alice"));
      register(client, RelayFixture.identity("modern"));
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static RegisterRequest registration(TestClient client, String username) {
    IdentityKeyPair identity = RelayFixture.identity(username);
    return new RegisterRequest(
        client.nextId(),
        username,
        Secret.of(RelayFixture.PASSWORD),
        Bytes.of(identity.bundle().encode()));
  }

  private static ErrorReply refused(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return (ErrorReply) reply;
  }

  @Test
  void register_aNameThatLooksLikeAnExistingOne_isRefusedAsTaken_sayingSo() throws Exception {
    try (TestClient client = connect(relay, dataDir)) {
      for (String lookalike : List.of("aIice", "a1ice", "AIice", "modem", "rnodern")) {
        ErrorReply error = refused(client.call(registration(client, lookalike)));
        assertThat(error.code()).as(lookalike).isEqualTo(ErrorCode.USERNAME_TAKEN);
        assertThat(error.message())
            .isEqualTo("the name " + lookalike + " is too like an existing account's name");
        assertThat(
                refused(
                        client.call(
                            new LoginRequest(
                                client.nextId(), lookalike, Secret.of(RelayFixture.PASSWORD))))
                    .code())
            .as("no account was made for %s", lookalike)
            .isEqualTo(ErrorCode.AUTH_FAILED);
      }
    }
  }

  @Test
  void register_theSameNameInOtherCase_isStillPlainlyTaken() throws Exception {
    try (TestClient client = connect(relay, dataDir)) {
      ErrorReply error = refused(client.call(registration(client, "ALICE")));
      assertThat(error.code()).isEqualTo(ErrorCode.USERNAME_TAKEN);
      assertThat(error.message()).isEqualTo(ErrorCode.USERNAME_TAKEN.defaultMessage());
    }
  }

  @Test
  void register_aNameThatOnlyResemblesOne_isAccepted() throws Exception {
    try (TestClient client = connect(relay, dataDir)) {
      for (String name : List.of("alica", "alice2", "modems")) {
        client.ok(registration(client, name), RegisterReply.class);
        login(client, name);
      }
    }
  }

  @Test
  void register_twoLookalikesAtOnce_onlyOneIsCreated() throws Exception {
    List<String[]> pairs =
        List.of(
            new String[] {"racer1", "racerl"},
            new String[] {"vvinner", "winner"},
            new String[] {"john.doe", "john_doe"});
    try (TestClient a = connect(relay, dataDir);
        TestClient b = connect(relay, dataDir)) {
      List<RegisterRequest> first = new ArrayList<>();
      List<RegisterRequest> second = new ArrayList<>();
      for (String[] pair : pairs) {
        first.add(registration(a, pair[0]));
        second.add(registration(b, pair[1]));
      }
      List<CompletableFuture<Reply>> fromA = new ArrayList<>();
      List<CompletableFuture<Reply>> fromB = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i++) {
        fromA.add(a.sendAsync(first.get(i)));
        fromB.add(b.sendAsync(second.get(i)));
      }
      for (int i = 0; i < pairs.size(); i++) {
        List<Reply> replies =
            List.of(fromA.get(i).get(20, TimeUnit.SECONDS), fromB.get(i).get(20, TimeUnit.SECONDS));
        assertThat(replies)
            .as("%s and %s", pairs.get(i)[0], pairs.get(i)[1])
            .filteredOn(RegisterReply.class::isInstance)
            .hasSize(1);
        assertThat(replies)
            .filteredOn(ErrorReply.class::isInstance)
            .singleElement()
            .extracting(reply -> ((ErrorReply) reply).code())
            .isEqualTo(ErrorCode.USERNAME_TAKEN);
      }
    }
  }
}
