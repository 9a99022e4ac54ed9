package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.ExitCode;
import chat.cli.client.ClientOptions;
import chat.crypto.KdfParameters;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayChatClientRegisterTest {
  @TempDir Path home;

  @Test
  void register_aShortPassword_isAnUnacceptableSecret_exit2_beforeAnythingElse() {
    ClientOptions options =
        new ClientOptions(
            "127.0.0.1", 9, home, true, Duration.ofSeconds(1), false, home.resolve("downloads"));
    try (RelayChatClient client =
        new RelayChatClient(
            options,
            new SecureRandom(),
            Clock.systemUTC(),
            new KdfParameters(KdfParameters.MIN_MEMORY_KIB, 1, 1))) {
      assertThatThrownBy(
              () ->
                  client.register(
                      "newbie", "short".toCharArray(), "a long enough passphrase".toCharArray()))
          .isInstanceOf(CommandException.Auth.class)
          .hasMessage("passwords are at least 8 characters")
          .extracting(e -> ((CommandException) e).exitCode())
          .isEqualTo(ExitCode.AUTH);
    }
  }
}
