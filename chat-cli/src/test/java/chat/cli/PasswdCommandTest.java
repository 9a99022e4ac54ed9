package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import org.junit.jupiter.api.Test;

class PasswdCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  @Test
  void passwd_aShortNewPasswordFromTheEnvironment_isRefusedNamingTheVariable_beforeLoggingIn() {
    Cli.Result result =
        Cli.withPassphrase()
            .env("CHAT_PASSWORD", "the current password")
            .env("CHAT_NEW_PASSWORD", "short")
            .client(client)
            .run("passwd", "--user", "alice");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "chat: passwords are at least 8 characters (the password from CHAT_NEW_PASSWORD)\n");
    assertThat(client.calls).noneMatch(call -> call.startsWith("login"));
  }
}
