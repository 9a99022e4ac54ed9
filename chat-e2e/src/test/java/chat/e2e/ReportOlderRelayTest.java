package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.internal.RelayChatClient;
import chat.protocol.Frame;
import chat.protocol.ProtocolVersions;
import chat.protocol.ReportRequest;
import chat.protocol.ReportedReply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client against a relay older than reports (a hello rewritten on the way to offer only versions
 * below 17): a report is refused by the client, saying so, and nothing is sent. And against a relay
 * that answers a report with another name than the one reported.
 */
class ReportOlderRelayTest {
  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "mallory");

  @Test
  void report_relayOlderThanVersion17_isRefusedByTheClient_nothingSent() {
    relay.registered("mallory").close();
    List<Frame> sent = new CopyOnWriteArrayList<>();
    relay.tamper(Tampers.olderThan(ProtocolVersions.REPORT, sent));
    try (RelayChatClient alice = relay.registered("alice")) {
      assertThatThrownBy(() -> alice.report("mallory", null, "spam"))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageEndingWith(
              "is older (wire version 16): it takes no reports; tell its operator another way");
    }
    assertThat(sent).noneMatch(ReportRequest.class::isInstance);
  }

  /** The name a relay answers is shown as the one reported: another one is refused, not shown. */
  @Test
  void report_answeredWithAnotherName_isRefused_notShown() {
    relay.registered("mallory").close();
    relay.tamper(
        new HostileRelay.Tamper() {
          @Override
          public List<Frame> toClient(HostileRelay.Link link, Frame frame) {
            return frame instanceof ReportedReply reply
                ? List.of(new ReportedReply(reply.re(), "bob\u202e\u200b yllas"))
                : List.of(frame);
          }
        });
    try (RelayChatClient alice = relay.registered("alice")) {
      assertThatThrownBy(() -> alice.report("mallory", null, "spam"))
          .isInstanceOf(CommandException.Network.class)
          .hasMessage("the relay answered the report on mallory with another name");
    }
  }
}
