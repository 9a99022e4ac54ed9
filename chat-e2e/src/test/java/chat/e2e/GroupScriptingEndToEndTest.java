package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.Relay;
import chat.server.RelayFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat group}, {@code chat friend} and {@code chat friends} against a real relay. */
class GroupScriptingEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  @TempDir Path home;
  private Relay relay;
  private ScriptRunner chat;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dataDir);
    chat = new ScriptRunner(relay.port(), home);
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  private ScriptRunner.Result ok(String... args) {
    ScriptRunner.Result result = chat.run(args);
    assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
    return result;
  }

  @Test
  void groupLifecycle_asScripts_printsRolesAndRefusesWithExitOne() throws Exception {
    for (String user : new String[] {"alice", "bob", "carol"}) {
      ok("register", "--user", user);
    }
    assertThat(ok("group", "create", "team", "--user", "alice").out())
        .isEqualTo("created the group #team\n");
    ok("group", "invite", "team", "bob", "--user", "alice");
    ok("join", "team", "--user", "bob");
    ScriptRunner.Result uninvited = chat.run("join", "team", "--user", "carol");
    assertThat(uninvited.exitCode()).isEqualTo(1);
    assertThat(uninvited.err())
        .isEqualTo("chat: #team is invite-only: ask its owner or an admin for an invitation\n");
    ScriptRunner.Result notOwner = chat.run("group", "admin", "team", "carol", "--user", "bob");
    assertThat(notOwner.exitCode()).isEqualTo(1);
    assertThat(notOwner.err()).isEqualTo("chat: only the owner of #team can do that\n");
    ok("group", "admin", "team", "bob", "--user", "alice");
    ok("group", "rename", "team", "Release", "crew", "--user", "bob");

    Map<String, String> roles = new HashMap<>();
    for (String line : ok("members", "team", "--json", "--user", "alice").out().split("\n")) {
      JsonNode member = JSON.readTree(line);
      roles.put(member.get("user").asText(), member.get("role").asText());
    }
    assertThat(roles).containsEntry("alice", "OWNER").containsEntry("bob", "ADMIN");
    JsonNode room = JSON.readTree(ok("rooms", "--json", "--user", "bob").out().split("\n")[1]);
    assertThat(room.get("title").asText()).isEqualTo("Release crew");
    assertThat(chat.run("leave", "team", "--user", "alice").err())
        .contains("you own #team: transfer the ownership")
        .doesNotContain("OWNER_MUST_TRANSFER");
    ok("group", "disband", "#team", "--user", "alice");
    assertThat(chat.run("send", "team", "hi", "--user", "bob").exitCode()).isEqualTo(1);
  }

  @Test
  void friendRequest_asScripts_waitsForTheAnswer() throws Exception {
    ok("register", "--user", "alice");
    ok("register", "--user", "bob");
    assertThat(ok("friend", "add", "bob", "--user", "alice").out())
        .isEqualTo("sent a friend request to bob\n");
    JsonNode pending = JSON.readTree(ok("friends", "--json", "--user", "bob").out());
    assertThat(pending.get("friendship").asText()).isEqualTo("REQUEST_RECEIVED");
    assertThat(ok("friend", "accept", "alice", "--user", "bob").out())
        .isEqualTo("you and alice are friends\n");
    JsonNode friend = JSON.readTree(ok("friends", "--json", "--user", "alice").out());
    assertThat(friend.get("friendship").asText()).isEqualTo("FRIENDS");
    assertThat(friend.get("status").asText()).isEqualTo("OFFLINE");
    ScriptRunner.Result twice = chat.run("friend", "accept", "alice", "--user", "bob");
    assertThat(twice.exitCode()).isEqualTo(1);
    assertThat(twice.err()).isEqualTo("chat: already friends with alice\n");
  }
}
