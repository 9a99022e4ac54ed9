package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.protocol.BundlesReply;
import chat.protocol.GetBundlesRequest;
import chat.protocol.ListMembersRequest;
import chat.protocol.MemberInfo;
import chat.protocol.MembersReply;
import chat.protocol.UpdateBundleReply;
import chat.protocol.UpdateBundleRequest;
import chat.protocol.UserBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key directory: batch bundle fetch and member lists carrying each member's key fingerprint.
 */
class KeyDirectoryTest {
  @TempDir static Path dataDir;
  static Relay relay;
  static IdentityKeyPair fran;
  static IdentityKeyPair gus;
  static IdentityKeyPair hal;

  @BeforeAll
  static void startRelay() throws Exception {
    relay = RelayFixture.start(dataDir);
    fran = RelayFixture.identity("fran");
    gus = RelayFixture.identity("Gus");
    hal = RelayFixture.identity("hal");
    try (TestClient client = connect(relay, dataDir)) {
      register(client, fran);
      register(client, gus);
      register(client, hal);
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static Map<String, String> lobbyFingerprints(TestClient client) throws Exception {
    MembersReply members =
        client.ok(new ListMembersRequest(client.nextId(), "#lobby"), MembersReply.class);
    return members.members().stream()
        .collect(Collectors.toMap(MemberInfo::username, MemberInfo::keyFingerprint));
  }

  @Test
  void membersAndHistory_ofADirectConversationWithNobody_areNoSuchUser_naming() throws Exception {
    try (TestClient client = connect(relay, dataDir)) {
      login(client, "fran");
      String direct = chat.protocol.ConversationIds.direct("fran", "nobody");
      for (chat.protocol.Request request :
          List.of(
              new ListMembersRequest(client.nextId(), direct),
              new chat.protocol.HistoryRequest(client.nextId(), direct, 0, 50),
              new chat.protocol.SyncRequest(client.nextId(), direct, 0, 50),
              new chat.protocol.GetBundleRequest(client.nextId(), "Nobody"))) {
        chat.protocol.Reply reply = client.call(request);
        assertThat(reply).as(request.toString()).isInstanceOf(chat.protocol.ErrorReply.class);
        chat.protocol.ErrorReply error = (chat.protocol.ErrorReply) reply;
        assertThat(error.code()).isEqualTo(chat.protocol.ErrorCode.NO_SUCH_USER);
        assertThat(error.message()).isIn("no such user: nobody", "no such user: Nobody");
      }
      chat.protocol.ErrorReply bad =
          (chat.protocol.ErrorReply)
              client.call(new chat.protocol.GetBundleRequest(client.nextId(), "no one!"));
      assertThat(bad.message())
          .as("a name breaking the rule is not echoed")
          .isEqualTo("no such user");
    }
  }

  @Test
  void getBundles_knownAndUnknownNames_returnsKnownOnesAsRegistered() throws Exception {
    try (TestClient client = connect(relay, dataDir)) {
      login(client, "fran");
      BundlesReply reply =
          client.ok(
              new GetBundlesRequest(client.nextId(), List.of("gus", "nobody", "fran")),
              BundlesReply.class);
      assertThat(reply.bundles()).extracting(UserBundle::username).containsExactly("Gus", "fran");
      assertThat(reply.bundles().get(0).bundle().toByteArray()).isEqualTo(gus.bundle().encode());
    }
  }

  @Test
  void listMembers_afterKeyChange_showsTheNewFingerprint() throws Exception {
    try (TestClient franClient = connect(relay, dataDir);
        TestClient halClient = connect(relay, dataDir)) {
      login(franClient, "fran");
      login(halClient, "hal");
      assertThat(lobbyFingerprints(franClient))
          .containsEntry("hal", hal.bundle().fingerprint().value().hex());

      IdentityKeyPair newHal = RelayFixture.identity("hal");
      halClient.ok(
          new UpdateBundleRequest(
              halClient.nextId(),
              chat.protocol.Secret.of(RelayFixture.PASSWORD),
              Bytes.of(newHal.bundle().encode()),
              Bytes.of(new byte[] {1})),
          UpdateBundleReply.class);
      assertThat(lobbyFingerprints(franClient))
          .containsEntry("hal", newHal.bundle().fingerprint().value().hex())
          .containsEntry("fran", fran.bundle().fingerprint().value().hex());
    }
  }
}
