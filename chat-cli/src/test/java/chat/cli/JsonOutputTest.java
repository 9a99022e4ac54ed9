package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Commands that print one line of text print one JSON object instead under {@code --json}. */
class JsonOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeChatClient client = new FakeChatClient();

  private JsonNode json(String... args) throws Exception {
    client.storedSessions.add("alice");
    Cli.Result result = Cli.withPassphrase().client(client).run(args);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines()).hasSize(1);
    return JSON.readTree(result.out());
  }

  @Test
  void joinLeaveLogout() throws Exception {
    assertThat(json("join", "--user", "alice", "ops", "--json").toString())
        .isEqualTo("{\"type\":\"joined\",\"conversation\":\"#ops\",\"already\":false}");
    assertThat(json("join", "--user", "alice", "ops", "--json").get("already").asBoolean())
        .isTrue();
    assertThat(Cli.withPassphrase().client(client).run("join", "--user", "alice", "ops").out())
        .isEqualTo("you are already in #ops\n");
    assertThat(json("leave", "--user", "alice", "ops", "--json").toString())
        .isEqualTo("{\"type\":\"left\",\"conversation\":\"#ops\"}");
    assertThat(json("logout", "--user", "alice", "--json").get("type").asText())
        .isEqualTo("logged_out");
  }

  @Test
  void leavePrivateConversation_closedWithItsId() throws Exception {
    client.deliver("@alice+bob", "bob", "hi"); // open: it has a message
    assertThat(json("leave", "--user", "alice", "@bob", "--json").toString())
        .isEqualTo("{\"type\":\"closed\",\"conversation\":\"@alice+bob\"}");
    assertThat(client.calls).contains("close @alice+bob");
  }

  @Test
  void keysFingerprintSafetyAndVerify() throws Exception {
    JsonNode fingerprint = json("keys", "fingerprint", "--user", "alice", "bob", "--json");
    assertThat(fingerprint.get("type").asText()).isEqualTo("fingerprint");
    assertThat(fingerprint.get("user").asText()).isEqualTo("bob");
    assertThat(fingerprint.get("fingerprint").asText()).matches("[0-9a-f]{64}");
    assertThat(fingerprint.get("trust").asText()).as("as members --json").isEqualTo("UNVERIFIED");

    JsonNode safety = json("keys", "safety", "--user", "alice", "bob", "--json");
    assertThat(safety.get("digits").asText()).isEqualTo("12345".repeat(12));

    JsonNode verified =
        json("keys", "verify", "--user", "alice", "bob", "12345".repeat(12), "--json");
    assertThat(verified.toString())
        .isEqualTo("{\"type\":\"trust\",\"user\":\"bob\",\"state\":\"VERIFIED\"}");

    JsonNode trusted = json("keys", "trust", "--user", "alice", "bob", "--json");
    assertThat(trusted.toString())
        .isEqualTo(
            "{\"type\":\"trust\",\"user\":\"bob\",\"state\":\"VERIFIED\",\"accepted\":false}");
  }
}
