package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.internal.RelayChatClient;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.Frame;
import chat.protocol.ResumeRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A resume unlocks the key file while its connection opens: what the user hears, and what the relay
 * hears, must be as when the unlock came first.
 */
class ResumeUnlockEndToEndTest {
  private static final char[] WRONG = "not the passphrase".toCharArray();

  @RegisterExtension static final HostileRelayExtension relay = new HostileRelayExtension();

  private final AtomicInteger resumesSeen = new AtomicInteger();

  @BeforeEach
  void countResumes_andRegisterAlice() {
    relay.tamper(
        new Tamper() {
          @Override
          public List<Frame> toRelay(Link link, Frame frame) {
            if (frame instanceof ResumeRequest) {
              resumesSeen.incrementAndGet();
            }
            return List.of(frame);
          }
        });
    try (RelayChatClient alice = Clients.oneShot(relay.port(), relay.homes())) {
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
    }
  }

  @Test
  void wrongPassphrase_refused_beforeTheSessionIsResumed() {
    try (RelayChatClient alice = Clients.oneShot(relay.port(), relay.homes())) {
      assertThatThrownBy(() -> alice.resume("alice", WRONG.clone()))
          .isInstanceOf(CommandException.Auth.class)
          .hasMessageStartingWith("wrong passphrase");
    }
    assertThat(resumesSeen).hasValue(0);
    try (RelayChatClient alice = Clients.oneShot(relay.port(), relay.homes())) {
      alice.resume("alice", PASSPHRASE.clone());
      assertThat(alice.send("#lobby", "resumed").seq()).isEqualTo(1);
    }
    assertThat(resumesSeen).hasValue(1);
  }

  @Test
  void wrongPassphrase_withTheRelayDown_isWhatTheUserHears() throws Exception {
    int port = relay.port();
    relay.proxy().close();
    try (RelayChatClient alice = Clients.oneShot(port, relay.homes())) {
      assertThatThrownBy(() -> alice.resume("alice", WRONG.clone()))
          .isInstanceOf(CommandException.Auth.class)
          .hasMessageStartingWith("wrong passphrase");
    }
    try (RelayChatClient alice = Clients.oneShot(port, relay.homes())) {
      assertThatThrownBy(() -> alice.resume("alice", PASSPHRASE.clone()))
          .isInstanceOf(CommandException.Network.class);
    }
  }
}
