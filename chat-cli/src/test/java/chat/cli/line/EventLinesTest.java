package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ConnectionState;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class EventLinesTest {
  @Test
  void presence_saysOnlineOrOffline() {
    assertThat(EventLines.presence("bob", true)).isEqualTo("bob came online");
    assertThat(EventLines.presence("bob", false)).isEqualTo("bob went offline");
  }

  @Test
  void connection_statesInPlainWords() {
    assertThat(EventLines.connection(ConnectionState.RECONNECTING, "", "relay:7443"))
        .isEqualTo("connection lost, reconnecting");
    assertThat(EventLines.connection(ConnectionState.ONLINE, "logged in", "relay:7443"))
        .isEqualTo("connected to relay:7443 (logged in)");
    assertThat(EventLines.connection(ConnectionState.OFFLINE, "closed", "relay:7443"))
        .isEqualTo("disconnected (closed)");
  }

  @Test
  void notice_globalOrPerConversation() {
    assertThat(EventLines.notice("", "hello", "alice", UnaryOperator.identity()))
        .isEqualTo("notice: hello");
    assertThat(EventLines.notice("#rust", "gap", "alice", UnaryOperator.identity()))
        .isEqualTo("#rust: gap");
  }

  @Test
  void allEvents_remoteControlCharacters_removed() {
    String evil = "x\u001b]0;t\u0007\u001b[2Jy\nz";

    assertThat(EventLines.presence(evil, true)).isEqualTo("xyz came online");
    assertThat(EventLines.notice("", evil, "alice", UnaryOperator.identity()))
        .isEqualTo("notice: xyz");
    assertThat(EventLines.connection(ConnectionState.ONLINE, evil, evil))
        .isEqualTo("connected to xyz (xyz)");
  }
}
