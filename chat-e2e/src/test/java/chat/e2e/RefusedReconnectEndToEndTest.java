package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.ConnectionState;
import chat.cli.client.internal.RelayChatClient;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Frame;
import chat.protocol.ResumeRequest;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconnect attempts the relay refuses for now ({@code RATE_LIMITED}, as a relay with a low {@code
 * --request-burst} answers them) close their connection: none is left open to be closed later by
 * the relay, which would start a second reconnect loop beside the first, and end in two resumed
 * connections that hear every event twice.
 */
class RefusedReconnectEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path homes;

  /** Answers every resume with {@code RATE_LIMITED} while on; the relay never sees it. */
  private static final class RefusedResumes implements Tamper {
    volatile boolean on;
    final AtomicInteger refused = new AtomicInteger();

    @Override
    public List<Frame> toRelay(Link link, Frame frame) {
      if (on && frame instanceof ResumeRequest resume) {
        refused.incrementAndGet();
        link.sendToClient(
            new ErrorReply(
                resume.id(), ErrorCode.RATE_LIMITED, "rate limit exceeded, retry later"));
        return List.of();
      }
      return List.of(frame);
    }
  }

  @Test
  void refusedAttempts_closeTheirConnections_andOneResumedConnectionRemains() throws Exception {
    RefusedResumes refusing = new RefusedResumes();
    try (Relay relay = RelayFixture.start(dataDir);
        HostileRelay proxy = new HostileRelay(relay.port(), dataDir.resolve("tls.crt"));
        RelayChatClient alice = Clients.live(proxy.port(), homes.resolve("alice"))) {
      RecordingListener events = new RecordingListener();
      alice.addListener(events);
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      proxy.tamper(refusing);
      refusing.on = true;

      proxy.dropConnections();
      await().atMost(Duration.ofSeconds(30)).until(() -> refusing.refused.get() >= 2);
      // What a relay does as it stops: every connection it still holds is closed.
      proxy.dropConnections();
      refusing.on = false;

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> alice.connectionState() == ConnectionState.ONLINE);
      await()
          .atMost(Duration.ofSeconds(30))
          .during(Duration.ofSeconds(5))
          .until(() -> proxy.openLinks() == 1);
      assertThat(alice.connectionState()).isEqualTo(ConnectionState.ONLINE);
    }
  }
}
