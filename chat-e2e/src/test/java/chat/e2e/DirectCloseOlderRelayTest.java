package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.internal.RelayChatClient;
import chat.protocol.Frame;
import chat.protocol.HelloRequest;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveRequest;
import chat.protocol.ProtocolVersions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client against a relay that speaks wire version 6 at most (a hello rewritten on the way):
 * closing a private conversation is refused with a sentence saying why, and neither closing nor
 * opening one sends the relay anything it would not understand.
 */
class DirectCloseOlderRelayTest {
  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "bob");

  @Test
  void closeAndOpen_relayOlderThanVersion7_refusedHereAndNothingSent() {
    List<Frame> sent = new CopyOnWriteArrayList<>();
    relay.tamper(Tampers.olderThan(ProtocolVersions.CLOSE_DIRECT, sent));
    try (RelayChatClient alice = relay.registered("alice");
        RelayChatClient bob = relay.registered("bob")) {
      String direct = alice.directWith("bob");
      bob.send(direct, "hi");

      assertThatThrownBy(() -> alice.close(direct))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageEndingWith("is older (wire version 6): it cannot close private conversations");
      alice.open(direct);

      assertThat(sent)
          .noneMatch(f -> f instanceof LeaveRequest || f instanceof JoinRequest)
          .anyMatch(HelloRequest.class::isInstance);
    }
  }
}
