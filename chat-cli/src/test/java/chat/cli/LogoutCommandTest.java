package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import org.junit.jupiter.api.Test;

/** {@code chat logout} revokes a stored session and never logs in to do so. */
class LogoutCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  private Cli.Result run(String... args) {
    return Cli.withPassphrase().env("CHAT_PASSWORD", "a password").client(client).run(args);
  }

  @Test
  void aStoredSession_isResumedAndRevoked() {
    client.storedSessions.add("alice");

    Cli.Result result = run("logout", "--user", "alice");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("logged out\n");
    assertThat(client.calls)
        .filteredOn(call -> !call.equals("close"))
        .containsExactly("resume alice", "logout");
  }

  @Test
  void secretsFromTheEnvironment_needNoProbe_butAPromptComesAfterOne() {
    client.storedSessions.add("alice");
    run("logout", "--user", "alice");
    assertThat(client.reachabilityChecks).hasValue(0);

    FakeChatClient down = new FakeChatClient();
    down.storedSessions.add("alice");
    down.unreachable = true;
    Cli.Result result = new Cli().client(down).run("logout", "--user", "alice");

    assertThat(result.err()).isEqualTo("chat: cannot reach the relay at relay.test:7443\n");
    assertThat(down.calls).filteredOn(call -> !call.equals("close")).isEmpty();
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
        .containsExactly("resume alice");
    assertThat(client.storedSessions).isEmpty();
  }
}
