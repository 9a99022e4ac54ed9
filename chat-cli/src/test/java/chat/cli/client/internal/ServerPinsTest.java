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
        .hasMessageContaining("remove the line for ::1:7443 from");
  }
}
