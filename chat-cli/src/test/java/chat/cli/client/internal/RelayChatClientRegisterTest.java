package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.ExitCode;
import chat.cli.client.ClientOptions;
import chat.crypto.KdfParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayChatClientRegisterTest {
  @TempDir Path home;

  /** A client of a relay that is not there: what it refuses, it refuses before connecting. */
  private RelayChatClient client() {
    ClientOptions options =
        new ClientOptions(
            "127.0.0.1", 9, home, true, Duration.ofSeconds(1), false, home.resolve("downloads"));
    return new RelayChatClient(
        options,
        new SecureRandom(),
        Clock.systemUTC(),
        new KdfParameters(KdfParameters.MIN_MEMORY_KIB, 1, 1));
  }

  @Test
  void register_aKeyChangeCutShortInTheProfile_isRefusedNamingTheFile_exit1_nothingMade()
      throws Exception {
    Path profile = Files.createDirectories(home.resolve("newbie"));
    Path pendingKey = Files.write(profile.resolve("identity.key.pending"), new byte[] {1, 2, 3});
    try (RelayChatClient client = client()) {
      assertThatThrownBy(
              () ->
                  client.register(
                      "newbie",
                      "a long enough password".toCharArray(),
                      "a long enough passphrase".toCharArray()))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageStartingWith(pendingKey + " holds a key change of the account in " + profile)
          .hasMessageContaining("nothing was registered")
          .hasMessageContaining("'chat login'")
          .extracting(e -> ((CommandException) e).exitCode())
          .isEqualTo(ExitCode.USAGE);
    }
    assertThat(Files.readAllBytes(pendingKey)).containsExactly(1, 2, 3);
    assertThat(profile.resolve("identity.key")).doesNotExist();
  }

  @Test
  void register_aShortPassword_isAnUnacceptableSecret_exit2_beforeAnythingElse() {
    try (RelayChatClient client = client()) {
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
