package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.internal.RelayChatClient;
import chat.protocol.Usernames;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before a registration asks for secrets, the client asks the relay whether the name is free (wire
 * version 16), on a connection that pins nothing; the relay answers as the registration would.
 */
class NameCheckEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path homes;
  private Relay relay;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dataDir);
    try (RelayChatClient alice = Clients.oneShot(relay.port(), homes)) {
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
    }
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @Test
  void checkNameFree_takenLookalikeOrReserved_refusedWithTheRelaysWords_aFreeOneRegisters() {
    Path fresh = homes.resolve("fresh");
    try (RelayChatClient client = Clients.oneShot(relay.port(), fresh)) {
      assertThatThrownBy(() -> client.checkNameFree("ALICE"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageContaining("username already taken");
      assertThatThrownBy(() -> client.checkNameFree("aIice"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageContaining("the name aIice is too like an existing account's name");
      assertThatThrownBy(() -> client.checkNameFree("Y0U"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage(Usernames.RESERVED_MESSAGE);

      client.checkNameFree("carol");
      assertThat(fresh.resolve("carol").resolve("known_servers"))
          .as("nothing pinned by a check")
          .doesNotExist();

      client.register("carol", PASSWORD.clone(), PASSPHRASE.clone());
      assertThat(fresh.resolve("carol").resolve("known_servers")).exists();
    }
  }

  /**
   * A relay that has had too many name checks from this address is not asked again: the client goes
   * on to the prompts, and the registration checks the name itself.
   */
  @Test
  void checkNameFree_pastTheRelaysLimitOnChecks_goesOnWithoutAnAnswer(@TempDir Path limitedDir)
      throws Exception {
    try (Relay limited =
            Relay.start(
                RelayFixture.builder(limitedDir).registrationsPerHour(2).build(),
                Clock.systemUTC(),
                RelayFixture.RANDOM);
        RelayChatClient client = Clients.oneShot(limited.port(), homes.resolve("limited"))) {
      assertThatThrownBy(() -> client.checkNameFree("Y0U"))
          .isInstanceOf(CommandException.Usage.class);
      client.checkNameFree("carol");

      client.checkNameFree("Y0U"); // the third: refused as RATE_LIMITED, not as the name
    }
  }

  /** A profile that pinned another certificate for the relay hears so before any prompt. */
  @Test
  void checkNameFree_anotherCertificatePinned_isRefusedAsAChangedCertificate() throws Exception {
    Path profile = Files.createDirectories(homes.resolve("fresh").resolve("carol"));
    Files.writeString(
        profile.resolve("known_servers"),
        "127.0.0.1:" + relay.port() + " " + "ab".repeat(32) + "\n");
    try (RelayChatClient client = Clients.oneShot(relay.port(), homes.resolve("fresh"))) {
      assertThatThrownBy(() -> client.checkNameFree("carol"))
          .isInstanceOf(CommandException.Network.class)
          .hasMessageStartingWith(
              "THE RELAY CERTIFICATE OF 127.0.0.1:" + relay.port() + " HAS CHANGED");
    }
  }
}
