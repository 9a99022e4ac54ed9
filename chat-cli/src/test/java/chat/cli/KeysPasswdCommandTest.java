package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import org.junit.jupiter.api.Test;

class KeysPasswdCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  private static Cli.Result passwd(FakeChatClient client) {
    return Cli.withPassphrase()
        .env("CHAT_PASSWORD", "the current password")
        .env("CHAT_NEW_PASSPHRASE", "a new key passphrase")
        .client(client)
        .run("keys", "passwd", "--user", "alice");
  }

  /** A connection lost before the change went out: the user is told nothing changed. */
  @Test
  void passwd_connectionLostBeforeTheChangeWentOut_saysThePassphraseWasNotChanged() {
    client.failNext = new CommandException.Network("connection to the relay lost", null);

    Cli.Result result = passwd(client);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo("chat: connection to the relay lost; the passphrase was not changed\n");
  }

  /** A change whose answer was lost already says it may have been taken: not contradicted. */
  @Test
  void passwd_answerLostAfterTheChangeWentOut_keepsSayingItMayHaveBeenTaken() {
    client.failOn.put(
        "changePassphrase",
        new CommandException.Network(
            "connection to the relay lost; the relay may or may not have taken the change: the"
                + " next login or command asks it and keeps the keys it holds",
            null));

    Cli.Result result = passwd(client);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.err()).doesNotContain("not changed").contains("may or may not have taken");
  }
}
