package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.crypto.Bytes;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.BundleReply;
import chat.protocol.GetBundleRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.server.RelayFixture;
import chat.server.TestClient;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender on a newer client (played by a raw connection that seals its content with the real
 * crypto) sends a kind of content this client does not know: the message verifies and opens, and
 * the receiver says why it is not shown.
 */
class UnknownContentEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension final RelayExtension relay = new RelayExtension();
  @TempDir Path home;

  @Test
  void aPollFromANewerClient_listen_saysItCouldNotBeReadAndWhy_andGoesOn() throws Exception {
    ScriptRunner chat = relay.scripts(home);
    assertThat(chat.run("register", "--user", "bob").exitCode()).isZero();
    assertThat(chat.run("join", "--user", "bob", "ops").exitCode()).isZero();
    IdentityKeyPair carol = RelayFixture.identity("carol");
    try (TestClient newer = new TestClient(relay.port(), relay.certificate())) {
      newer.hello();
      RelayFixture.register(newer, carol);
      RelayFixture.login(newer, "carol");
      newer.ok(new JoinRequest(newer.nextId(), "#ops"), JoinReply.class);
      BundleReply bob = newer.ok(new GetBundleRequest(newer.nextId(), "bob"), BundleReply.class);
      List<IdentityBundle> members =
          List.of(carol.bundle(), IdentityBundle.parse(bob.bundle().toByteArray()));
      StringWriter out = new StringWriter();
      CompletableFuture<ScriptRunner.Result> listening =
          CompletableFuture.supplyAsync(
              () -> chat.runPrintingTo(out, "listen", "--user", "bob", "--count", "2"),
              OwnThread.EACH);

      send(newer, carol, members, "{\"kind\":\"text\",\"text\":\"ready\"}");
      await().atMost(WAIT).until(() -> out.toString().contains("ready"));
      long poll =
          send(newer, carol, members, "{\"kind\":\"poll\",\"question\":\"lunch?\",\"options\":[]}");
      send(newer, carol, members, "{\"kind\":\"text\",\"text\":\"after the poll\"}");
      ScriptRunner.Result result = listening.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.err())
          .contains(
              "chat: #ops: message #"
                  + poll
                  + " from carol could not be read by this client: an unknown kind of content,"
                  + " \"poll\" (from a newer client?); it is not shown\n");
      assertThat(result.out()).contains("<carol> after the poll").doesNotContain("lunch");
    }
  }

  /** Seals {@code content} from {@code sender} to {@code members} and sends it to #ops. */
  private static long send(
      TestClient client, IdentityKeyPair sender, List<IdentityBundle> members, String content)
      throws Exception {
    Bytes envelope = Bytes.of(RelayFixture.seal(sender, "#ops", members, content).encode());
    return client.ok(new SendRequest(client.nextId(), "#ops", envelope), SendReply.class).seq();
  }
}
