package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.internal.RelayChatClient;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before a password or passphrase is asked for, the client checks the relay with a TLS handshake
 * against the certificate the profile pinned: a relay that is down, or whose certificate changed,
 * is said before anything is typed; nothing is sent and nothing pinned.
 */
class RelayCheckEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path homes;
  private Relay relay;

  @BeforeEach
  void start() throws Exception {
    relay = RelayFixture.start(dataDir);
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  @Test
  void checkReachable_theCertificatePinnedOrNothingPinned_passes_andPinsNothing() {
    try (RelayChatClient alice = Clients.oneShot(relay.port(), homes)) {
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
    }
    Path pins = homes.resolve("alice").resolve("known_servers");
    assertThat(pins).exists();

    try (RelayChatClient client = Clients.oneShot(relay.port(), homes)) {
      client.checkReachable("alice");
      client.checkReachable("bob");
      client.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
    }

    assertThat(homes.resolve("bob")).as("nothing pinned by a check").doesNotExist();
  }

  @Test
  void checkReachable_anotherCertificatePinned_isRefusedAsAChangedCertificate_pinKept()
      throws Exception {
    Path profile = Files.createDirectories(homes.resolve("carol"));
    String pinned = "127.0.0.1:" + relay.port() + " " + "ab".repeat(32) + "\n";
    Files.writeString(profile.resolve("known_servers"), pinned);

    try (RelayChatClient client = Clients.oneShot(relay.port(), homes)) {
      assertThatThrownBy(() -> client.checkReachable("carol"))
          .isInstanceOfSatisfying(
              CommandException.Network.class, e -> assertThat(e.certificateChanged()).isTrue())
          .hasMessageStartingWith(
              "THE RELAY CERTIFICATE OF 127.0.0.1:" + relay.port() + " HAS CHANGED");
    }

    assertThat(profile.resolve("known_servers")).content().isEqualTo(pinned);
  }

  @Test
  void checkReachable_nothingListening_saysTheRelayCannotBeReached() throws Exception {
    int closed;
    try (ServerSocket free = new ServerSocket(0)) {
      closed = free.getLocalPort();
    }
    try (RelayChatClient client = Clients.oneShot(closed, homes)) {
      assertThatThrownBy(() -> client.checkReachable("alice"))
          .isInstanceOf(CommandException.Network.class)
          .hasMessageContaining("cannot reach the relay at 127.0.0.1:" + closed);
    }
  }
}
