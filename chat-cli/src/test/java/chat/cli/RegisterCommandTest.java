package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ChatClient;
import chat.cli.client.ClientOptions;
import chat.cli.client.FakeChatClient;
import chat.cli.client.internal.RelayChatClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterCommandTest {
  @TempDir Path home;

  @Test
  void register_aKeyChangeCutShortInTheProfile_refusedBeforeAnyPrompt_exit1() throws Exception {
    Path profile = Files.createDirectories(home.resolve("bob"));
    Files.write(profile.resolve("identity.key.pending"), new byte[] {1, 2, 3});
    // Something listens where the relay would be, so only the refusal can stop the prompts.
    try (ServerSocket relay = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        RelayChatClient client = client(relay)) {
      Cli.Result result = new Cli().client(client).run("register", "--user", "bob");

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
      assertThat(result.err())
          .startsWith("chat: " + profile.resolve("identity.key.pending"))
          .contains("holds a key change of the account in")
          .contains("nothing was registered")
          .doesNotContain("CHAT_PASSWORD");
      assertThat(result.prompts()).isEmpty();
    }
    assertThat(profile.resolve("identity.key.pending")).hasBinaryContent(new byte[] {1, 2, 3});
    assertThat(profile.resolve("identity.key")).doesNotExist();
  }

  @Test
  void register_aShortSecretFromTheEnvironmentOrAFile_isRefusedNamingWhereItCameFrom()
      throws Exception {
    Path passwordFile = Files.writeString(home.resolve("password.txt"), "short\n");
    if (PrivateFiles.isPosix(passwordFile)) { // one others can read is warned of first
      Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }
    try (ServerSocket relay = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        RelayChatClient client = client(relay)) {
      Cli.Result shortPassphrase = registerBob(client, "a long password", "short");
      Cli.Result shortPassword =
          Cli.withPassphrase()
              .client(client)
              .run("register", "--user", "bob", "--password-file", passwordFile.toString());

      assertThat(shortPassphrase.exitCode()).as(shortPassphrase.toString()).isEqualTo(2);
      assertThat(shortPassphrase.err())
          .isEqualTo(
              "chat: the key passphrase must be at least 8 characters: it also protects the"
                  + " encrypted backup of your keys on the relay (the passphrase from"
                  + " CHAT_PASSPHRASE)\n");
      assertThat(shortPassword.exitCode()).as(shortPassword.toString()).isEqualTo(2);
      assertThat(shortPassword.err())
          .isEqualTo(
              "chat: passwords are at least 8 characters (the password from "
                  + passwordFile
                  + ")\n");
    }
    assertThat(home.resolve("bob").resolve("identity.key")).doesNotExist();
  }

  /** A name the relay has is said taken before any secret is asked (exit 1). */
  @Test
  void register_aTakenName_refusedBeforeAnyPrompt_exit1() {
    FakeChatClient client = new FakeChatClient();
    client.takenNames.add("bob");

    Cli.Result result = new Cli().client(client).run("register", "--user", "bob");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err()).isEqualTo("chat: username already taken\n");
    assertThat(result.prompts()).isEmpty();
    assertThat(client.calls).containsExactly("close");
  }

  /**
   * With every secret from the environment, a taken name is said after the secrets are checked and
   * before any key is made; a short secret is said first, without the relay.
   */
  @Test
  void register_secretsFromTheEnvironment_aTakenName_refusedBeforeKeysAreMade_exit1() {
    FakeChatClient client = new FakeChatClient();
    client.takenNames.add("bob");

    Cli.Result taken = registerBob(client, "a long password", "a long passphrase");
    Cli.Result shortSecret = registerBob(client, "short", "a long passphrase");

    assertThat(taken.exitCode()).as(taken.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(taken.err()).isEqualTo("chat: username already taken\n");
    assertThat(shortSecret.exitCode()).isEqualTo(ExitCode.AUTH.code());
    assertThat(shortSecret.err()).startsWith("chat: passwords are at least 8 characters");
    assertThat(client.calls).containsExactly("close", "close");
    assertThat(client.reachabilityChecks).as("one name check, for the first").hasValue(1);
  }

  /** Keys kept in the profile are registered as they are: no name check before, none made. */
  @Test
  void register_secretsFromTheEnvironment_keysKeptInTheProfile_registersWithoutANameCheck() {
    FakeChatClient client = new FakeChatClient();
    client.identities.add("bob");

    Cli.Result result = registerBob(client, "a long password", "a long passphrase");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(client.calls).contains("register bob");
    assertThat(client.reachabilityChecks).hasValue(0);
  }

  /** {@code chat register --user bob} with both secrets from the environment. */
  private static Cli.Result registerBob(ChatClient client, String password, String passphrase) {
    return new Cli()
        .env("CHAT_PASSWORD", password)
        .env("CHAT_PASSPHRASE", passphrase)
        .client(client)
        .run("register", "--user", "bob");
  }

  private RelayChatClient client(ServerSocket relay) {
    return new RelayChatClient(
        new ClientOptions(
            "127.0.0.1",
            relay.getLocalPort(),
            home,
            true,
            Duration.ofSeconds(5),
            false,
            home.resolve("downloads")),
        new SecureRandom(),
        Clock.systemUTC(),
        Cli.FAST_KDF);
  }
}
