package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import org.junit.jupiter.api.Test;

/**
 * {@code chat logout} revokes a stored session, never logs in to do so, and needs no secret: not
 * the password, not the key passphrase.
 */
class LogoutCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  private Cli.Result run(String... args) {
    return new Cli().client(client).run(args);
  }

  /** As every command: options before the command name count ("chat --user alice logout"). */
  @Test
  void theUserGivenBeforeTheCommand_isTheOneLoggedOut() {
    client.storedSessions.add("alice");

    Cli.Result result = run("--user", "alice", "logout");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("logged out\n");
    assertThat(client.storedSessions).isEmpty();
  }

  @Test
  void aStoredSession_isRevokedWithoutAnySecret() {
    client.storedSessions.add("alice");

    Cli.Result result = run("logout", "--user", "alice");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("logged out\n");
    assertThat(client.calls)
        .filteredOn(call -> !call.equals("close"))
        .containsExactly("revokeStoredSession alice");
    assertThat(result.prompts()).isEmpty();
    assertThat(client.secrets).isEmpty();
    assertThat(client.storedSessions).isEmpty();
  }

  @Test
  void aWrongPassphraseInTheEnvironment_isNotUsed_theSessionIsRevoked() {
    client.storedSessions.add("alice");

    Cli.Result result =
        new Cli()
            .env("CHAT_PASSPHRASE", "not the passphrase")
            .client(client)
            .run("logout", "--user", "alice", "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("{\"type\":\"logged_out\",\"revoked\":true}\n");
    assertThat(client.secrets).isEmpty();
  }

  @Test
  void relayDown_exits3_andKeepsTheSession() {
    client.storedSessions.add("alice");
    client.unreachable = true;

    Cli.Result result = run("logout", "--user", "alice");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).isEqualTo("chat: cannot reach the relay at relay.test:7443\n");
    assertThat(client.storedSessions).containsExactly("alice");
  }

  @Test
  void noStoredSession_saysSo_withoutLoggingIn() {
    Cli.Result result = run("logout", "--user", "alice", "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("{\"type\":\"logged_out\",\"revoked\":false}\n");
    assertThat(client.calls).filteredOn(call -> !call.equals("close")).isEmpty();
  }

  @Test
  void aSessionTheRelayNoLongerKnows_isForgotten_withoutLoggingIn() {
    client.storedSessions.add("alice");
    client.expiredSessions.add("alice");

    Cli.Result result = run("logout", "--user", "alice");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("the session for alice had already ended; forgotten here\n");
    assertThat(client.calls)
        .filteredOn(call -> !call.equals("close"))
        .containsExactly("revokeStoredSession alice");
    assertThat(client.storedSessions).isEmpty();
  }
}
