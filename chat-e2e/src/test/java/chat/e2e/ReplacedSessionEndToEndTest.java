package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.ConnectionState;
import chat.cli.client.SessionView;
import chat.cli.client.internal.RelayChatClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password login on a profile that already holds a session ends that session on the relay, so
 * {@code sessions} lists one entry per device; a window still live with the ended session goes on
 * with the new one.
 */
class ReplacedSessionEndToEndTest {
  @RegisterExtension final RelayExtension relay = new RelayExtension();
  @TempDir Path laptopHome;
  @TempDir Path phoneHome;

  @Test
  void twoPasswordLogins_oneProfile_listOneSessionForThatDevice() throws Exception {
    ScriptRunner laptop = relay.scripts(laptopHome);
    ScriptRunner phone = relay.scripts(phoneHome);
    assertThat(laptop.run("register", "--user", "alice").exitCode()).isZero();
    assertThat(phone.run("login", "--user", "alice").exitCode()).isZero();

    ScriptRunner.Result first = laptop.run("login", "--user", "alice");
    ScriptRunner.Result second = laptop.run("login", "--user", "alice");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    List<JsonNode> sessions = sessions(laptop);
    assertThat(sessions).hasSize(2);
    assertThat(sessions).filteredOn(s -> s.get("current").asBoolean()).hasSize(1);
    // the phone's session is the one not ended: its next command needs no password
    ScriptRunner.Result there =
        relay.scripts(phoneHome).env("CHAT_PASSWORD", "").run("rooms", "--user", "alice");
    assertThat(there.exitCode()).as(there.err()).isZero();
  }

  @Test
  void storedSessionEndedMeanwhile_passwordLoginStillSucceeds() throws Exception {
    ScriptRunner laptop = relay.scripts(laptopHome);
    ScriptRunner phone = relay.scripts(phoneHome);
    assertThat(laptop.run("register", "--user", "alice").exitCode()).isZero();
    assertThat(phone.run("login", "--user", "alice").exitCode()).isZero();
    String laptopId =
        sessions(phone).stream()
            .filter(s -> !s.get("current").asBoolean())
            .findFirst()
            .orElseThrow()
            .get("id")
            .asText();
    assertThat(phone.run("sessions", "end", laptopId, "--user", "alice").exitCode()).isZero();

    // the laptop's profile still holds the ended session: ending it again fails, the login not
    ScriptRunner.Result login = laptop.run("login", "--user", "alice");

    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(login.err()).doesNotContain(laptopId);
    assertThat(sessions(laptop)).hasSize(2);
  }

  @Test
  void loginInAnotherWindow_liveWindowResumesWithTheNewSession() {
    RecordingListener windowEvents = new RecordingListener();
    try (RelayChatClient window = Clients.live(relay.port(), laptopHome)) {
      window.addListener(windowEvents);
      window.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      String before = current(window.sessions());

      ScriptRunner.Result login = relay.scripts(laptopHome).run("login", "--user", "alice");

      assertThat(login.exitCode()).as(login.err()).isZero();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  windowEvents.connectionDetails.stream()
                      .anyMatch(d -> d.startsWith("ONLINE reconnected")));
      assertThat(windowEvents.connectionDetails)
          .contains(
              "RECONNECTING the session for alice was replaced by a new login of this profile in"
                  + " another window; resuming with that one")
          .noneMatch(d -> d.startsWith("OFFLINE"));
      assertThat(window.connectionState()).isEqualTo(ConnectionState.ONLINE);
      List<SessionView> sessions = window.sessions();
      assertThat(sessions).hasSize(1);
      assertThat(current(sessions)).isNotEqualTo(before);
      assertThat(window.hasStoredSession("alice")).isTrue();
    }
    ScriptRunner.Result next =
        relay.scripts(laptopHome).env("CHAT_PASSWORD", "").run("rooms", "--user", "alice");
    assertThat(next.exitCode()).as(next.err()).isZero();
  }

  private static String current(List<SessionView> sessions) {
    return sessions.stream().filter(SessionView::current).findFirst().orElseThrow().id();
  }

  private static List<JsonNode> sessions(ScriptRunner runner) throws Exception {
    ScriptRunner.Result listed = runner.run("sessions", "--user", "alice", "--json");
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    List<JsonNode> out = new ArrayList<>();
    for (String line : listed.out().strip().split("\n")) {
      out.add(new ObjectMapper().readTree(line));
    }
    return out;
  }
}
