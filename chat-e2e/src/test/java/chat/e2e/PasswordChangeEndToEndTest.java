package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat passwd} against a real relay: the new password replaces the old one, the other
 * device's session ends while this machine's stays, and refusals have their documented exit codes.
 */
class PasswordChangeEndToEndTest {
  private static final String NEW_PASSWORD = "a much better password";

  @RegisterExtension final RelayExtension relay = new RelayExtension();
  @TempDir Path home;
  @TempDir Path laptop;
  @TempDir Path newMachine;
  private ScriptRunner chat;

  @BeforeEach
  void runner() {
    chat = relay.scripts(home).env("CHAT_NEW_PASSWORD", NEW_PASSWORD);
  }

  @Test
  void passwd_changesThePassword_endsTheOtherDevicesSession_keepsThisOne() throws Exception {
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();
    ScriptRunner onLaptop = relay.scripts(laptop);
    assertThat(onLaptop.run("login", "--user", "alice").exitCode()).isZero();

    ScriptRunner.Result changed = chat.run("passwd", "--user", "alice", "--json");

    assertThat(changed.exitCode()).as(changed.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(changed.out());
    assertThat(json.get("type").asText()).isEqualTo("password_changed");
    assertThat(json.get("user").asText()).isEqualTo("alice");
    assertThat(json.get("sessionsEnded").asInt()).isEqualTo(1);
    // this machine goes on with its stored session, no password needed
    ScriptRunner.Result here = chat.env("CHAT_PASSWORD", "").run("rooms", "--user", "alice");
    assertThat(here.exitCode()).as(here.err()).isZero();
    // the laptop's session is gone, and its old password no longer logs in
    ScriptRunner.Result there = onLaptop.run("rooms", "--user", "alice");
    assertThat(there.exitCode()).isEqualTo(2);
    assertThat(there.err()).contains("wrong username or password");
    ScriptRunner fresh = relay.scripts(newMachine);
    assertThat(fresh.run("login", "--user", "alice").exitCode()).isEqualTo(2);
    ScriptRunner.Result withNew =
        fresh.env("CHAT_PASSWORD", NEW_PASSWORD).run("login", "--user", "alice");
    assertThat(withNew.exitCode()).as(withNew.err()).isZero();
  }

  @Test
  void passwd_refusals_haveTheirExitCodes_andChangeNothing() {
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();

    ScriptRunner.Result wrong =
        chat.env("CHAT_PASSWORD", "not the password").run("passwd", "--user", "alice");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err()).contains("wrong password for alice: the password was not changed");

    ScriptRunner.Result tooShort =
        chat.env("CHAT_PASSWORD", new String(Clients.PASSWORD))
            .env("CHAT_NEW_PASSWORD", "short")
            .run("passwd", "--user", "alice");
    assertThat(tooShort.exitCode()).isEqualTo(2);
    assertThat(tooShort.err()).contains("at least 8 characters");

    ScriptRunner fresh = relay.scripts(newMachine);
    ScriptRunner.Result oldStillWorks = fresh.run("login", "--user", "alice");
    assertThat(oldStillWorks.exitCode()).as(oldStillWorks.err()).isZero();
  }

  @Test
  void slashCommandsInAScript_takeTheNewSecretsFromTheirOwnVariables() throws Exception {
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();

    ScriptRunner.Result password = chat.runWithStdin("/passwd\n", "run", "--user", "alice", "-");
    // the account password is asked again for the backup: the new one now
    ScriptRunner.Result passphrase =
        chat.env("CHAT_PASSWORD", NEW_PASSWORD)
            .env("CHAT_NEW_PASSPHRASE", "a new key passphrase")
            .runWithStdin("/passphrase\n", "run", "--user", "alice", "-");

    assertThat(password.exitCode()).as(password.err()).isZero();
    assertThat(password.out()).contains("changed the account password of alice");
    assertThat(passphrase.exitCode()).as(passphrase.err()).isZero();
    assertThat(passphrase.out()).contains("changed the passphrase of alice's keys");
    ScriptRunner.Result restored =
        relay
            .scripts(newMachine)
            .env("CHAT_PASSWORD", NEW_PASSWORD)
            .env("CHAT_PASSPHRASE", "a new key passphrase")
            .run("login", "--user", "alice");
    assertThat(restored.exitCode()).as(restored.err()).isZero();
    assertThat(restored.err()).contains("restored your keys");
  }
}
