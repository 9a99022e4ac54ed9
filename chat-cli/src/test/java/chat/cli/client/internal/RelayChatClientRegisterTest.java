package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.ExitCode;
import chat.cli.client.ClientOptions;
import chat.crypto.IdentityKeyPair;
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

  /** Refused before any secret is asked: the name this device holds keys for, or another user's. */
  @Test
  void checkRegistrable_aProfileHoldingKeys_refusesAnotherSpellingOrAnotherName() {
    IdentityKeyPair maximilian =
        IdentityKeyPair.generate("Maximilian", new SecureRandom(), Clock.systemUTC());
    IdentityFiles.write(new Profile(home.resolve("maximilian")), maximilian, new byte[] {1});
    try (RelayChatClient client = client()) {
      assertThatThrownBy(() -> client.checkRegistrable("maximilian"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage(
              "this device already has a profile for Maximilian ("
                  + home.resolve("maximilian")
                  + "), and usernames ignore case: log in as Maximilian if that account exists,"
                  + " or register another name");
    }
    ClientOptions oneProfile = // --home DIR: one profile, whatever the name
        new ClientOptions(
            "127.0.0.1",
            9,
            home.resolve("maximilian"),
            false,
            Duration.ofSeconds(1),
            false,
            home.resolve("downloads"));
    try (RelayChatClient client =
        new RelayChatClient(
            oneProfile,
            new SecureRandom(),
            Clock.systemUTC(),
            new KdfParameters(KdfParameters.MIN_MEMORY_KIB, 1, 1))) {
      assertThatThrownBy(() -> client.checkRegistrable("bob"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage(home.resolve("maximilian") + " holds the identity of Maximilian, not bob");
    }
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
