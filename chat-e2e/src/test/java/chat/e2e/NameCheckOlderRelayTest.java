package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.internal.RelayChatClient;
import chat.protocol.CheckUsernameRequest;
import chat.protocol.Frame;
import chat.protocol.HelloRequest;
import chat.protocol.ProtocolVersions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client against a relay older than the name check (a hello rewritten on the way to offer only
 * versions below 16): nothing is asked before the prompts, and the registration refuses a taken
 * name as it always did.
 */
class NameCheckOlderRelayTest {
  @RegisterExtension static final HostileRelayExtension relay = new HostileRelayExtension("alice");

  @Test
  void checkNameFree_relayOlderThanVersion16_asksNothing_theRegistrationRefusesATakenName() {
    relay.registered("alice").close(); // alice is taken before the relay is made older
    List<Frame> sent = new CopyOnWriteArrayList<>();
    relay.tamper(Tampers.olderThan(ProtocolVersions.NAME_CHECK, sent));
    try (RelayChatClient other = Clients.oneShot(relay.port(), relay.homes().resolve("other"))) {
      other.checkNameFree("alice");

      assertThat(sent)
          .anyMatch(HelloRequest.class::isInstance)
          .noneMatch(CheckUsernameRequest.class::isInstance);
      assertThatThrownBy(() -> other.register("alice", PASSWORD.clone(), PASSPHRASE.clone()))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageContaining("username already taken");
    }
  }
}
