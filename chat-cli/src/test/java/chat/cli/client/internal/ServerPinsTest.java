package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerPinsTest {
  private static final String PINNED = "a".repeat(64);
  private static final String OTHER = "b".repeat(64);

  @TempDir Path dir;

  @Test
  void pinned_ipv6Relay_foundUnderTheLineEarlierClientsWrote() throws Exception {
    Path file = dir.resolve("known_servers");
    Files.writeString(file, "::1:7443 " + PINNED + "\n");

    assertThat(new ServerPins(file).pinned("::1", 7443)).contains(PINNED);
  }

  @Test
  void check_ipv6RelayWithAnotherCertificate_namesItInBracketsAndTheLineToRemove()
      throws Exception {
    Path file = dir.resolve("known_servers");
    Files.writeString(file, "::1:7443 " + PINNED + "\n");

    assertThatThrownBy(() -> new ServerPins(file).check("::1", 7443, OTHER))
        .isInstanceOf(CommandException.Network.class)
        .hasMessageStartingWith("THE RELAY CERTIFICATE OF [::1]:7443 HAS CHANGED")
        .hasMessageContaining("If you wrote the line for ::1:7443 (line 1) in " + file + " by hand")
        .hasMessageContaining("remove that line and connect again");
  }

  /** Two lines pinning one relay differently: neither is taken, and both are named. */
  @Test
  void check_twoDifferentPinsForOneRelay_refusedNamingBothLines_fileLeftAsItIs() throws Exception {
    Path file = dir.resolve("known_servers");
    String text = "relay.example:7443 " + PINNED + "\n# mine\nRELAY.example:7443 " + OTHER + "\n";
    Files.writeString(file, text);

    for (String fingerprint : new String[] {PINNED, OTHER}) {
      assertThatThrownBy(() -> new ServerPins(file).check("relay.example", 7443, fingerprint))
          .isInstanceOf(CommandException.FileAccess.class)
          .hasMessage(
              file
                  + " lines 1 and 3 pin two different certificates for relay.example:7443: keep"
                  + " the line with the fingerprint the operator gave you and remove the other");
    }
    assertThat(Files.readString(file)).isEqualTo(text);
  }

  @Test
  void check_theSamePinTwice_holds() throws Exception {
    Path file = dir.resolve("known_servers");
    Files.writeString(file, "relay.example:7443 " + PINNED + "\nrelay.example:7443 " + PINNED);

    assertThat(new ServerPins(file).check("relay.example", 7443, PINNED)).isFalse();
  }

  /** A pin written before the first connection, as chat-server prints it, holds. */
  @Test
  void check_pinWrittenAsTheRelayPrintsIt_colonsAndCapitals_refusesAnotherCertificate()
      throws Exception {
    Path file = dir.resolve("known_servers");
    Files.writeString(file, "relay.example:7443 " + Fingerprints.colons(PINNED) + "\n");

    assertThat(new ServerPins(file).pinned("relay.example", 7443)).contains(PINNED);
    assertThatThrownBy(() -> new ServerPins(file).check("relay.example", 7443, OTHER))
        .isInstanceOf(CommandException.Network.class)
        .hasMessageContaining("HAS CHANGED");
    assertThat(new ServerPins(file).check("relay.example", 7443, PINNED)).isFalse();
  }

  /** An IPv6 relay pinned as it is given to --server, in brackets, is found. */
  @Test
  void pinned_ipv6RelayWrittenInBrackets_holds() throws Exception {
    Path file = dir.resolve("known_servers");
    Files.writeString(file, "[::1]:7443 " + PINNED + "\n");

    assertThat(new ServerPins(file).pinned("::1", 7443)).contains(PINNED);
    assertThatThrownBy(() -> new ServerPins(file).check("::1", 7443, OTHER))
        .isInstanceOf(CommandException.Network.class);
  }

  /** A line that is not a pin is never replaced by whatever the relay shows. */
  @Test
  void check_aLineThatIsNotAPin_isRefusedByNumber_andTheFileIsLeftAsItIs() throws Exception {
    Path file = dir.resolve("known_servers");
    String text = "# mine\nrelay.example:7443 " + "AB:".repeat(31) + "A\n";
    Files.writeString(file, text);

    assertThatThrownBy(() -> new ServerPins(file).check("relay.example", 7443, OTHER))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageContaining("known_servers line 2 is not a pinned relay");
    assertThatThrownBy(() -> new ServerPins(file).pinned("elsewhere", 7443))
        .isInstanceOf(CommandException.FileAccess.class);
    assertThat(Files.readString(file)).isEqualTo(text);
  }
}
