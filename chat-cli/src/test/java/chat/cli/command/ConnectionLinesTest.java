package chat.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ConnectionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionLinesTest {
  private final ConnectionLines lines = new ConnectionLines();
  private final List<String> said = new ArrayList<>();

  private void change(ConnectionState state, String detail) {
    Optional<String> line = lines.line(state, detail, "relay:7443");
    line.ifPresent(said::add);
  }

  @Test
  void longOutage_saysLostOnce_remindsAtDoublingAttempts_andSaysBackOnce() {
    change(ConnectionState.RECONNECTING, "connection reset; reconnecting");
    for (int attempt = 1; attempt <= 40; attempt++) {
      change(
          ConnectionState.RECONNECTING,
          "cannot reach the relay; retrying (attempt " + attempt + ")");
    }
    change(ConnectionState.ONLINE, "reconnected to relay:7443");

    assertThat(said)
        .containsExactly(
            "connection lost, reconnecting (connection reset)",
            "still reconnecting: cannot reach the relay; retrying (attempt 8)",
            "still reconnecting: cannot reach the relay; retrying (attempt 16)",
            "still reconnecting: cannot reach the relay; retrying (attempt 32)",
            "reconnected to relay:7443");
  }

  @Test
  void shortOutage_twoLines_andTheNextLossIsSaidAgain() {
    change(ConnectionState.RECONNECTING, "reset");
    change(ConnectionState.RECONNECTING, "refused; retrying (attempt 1)");
    change(ConnectionState.ONLINE, "reconnected");
    change(ConnectionState.RECONNECTING, "reset");

    assertThat(said)
        .containsExactly(
            "connection lost, reconnecting (reset)",
            "reconnected to relay:7443",
            "connection lost, reconnecting (reset)");
  }

  @Test
  void loginAndOffline_areLeftToTheFrontEnd() {
    change(ConnectionState.ONLINE, "logged in as alice");
    change(ConnectionState.OFFLINE, "logged out");

    assertThat(said).isEmpty();
    assertThat(lines.reconnecting()).isFalse();
  }

  @Test
  void detail_isCleanedOfEscapes() {
    change(ConnectionState.RECONNECTING, "reset\u001b[2J");

    assertThat(said).containsExactly("connection lost, reconnecting (reset)");
  }
}
