package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.ConnectionState;
import chat.cli.client.Presence;
import chat.cli.client.internal.RelayChatClient;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Frame;
import chat.protocol.PresenceStatus;
import chat.protocol.ResumeRequest;
import chat.protocol.SetPresenceRequest;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reconnect restores the user's away state; a restore the relay refuses for now ({@code
 * RATE_LIMITED}: the account's presence changes just before the loss used up its allowance) is sent
 * again a moment later, within the same attempt. Before, it failed the attempt, which resumed the
 * session a second time after its backoff.
 */
class AwayRestoreEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path homes;

  /**
   * Counts resumes, and answers the first away restore after the loss with {@code RATE_LIMITED}.
   */
  private static final class RefusedOnce implements Tamper {
    volatile boolean on;
    final AtomicInteger resumes = new AtomicInteger();
    final AtomicInteger awaySets = new AtomicInteger();
    final AtomicInteger passed = new AtomicInteger();

    @Override
    public List<Frame> toRelay(Link link, Frame frame) {
      if (on && frame instanceof ResumeRequest) {
        resumes.incrementAndGet();
      }
      if (on && frame instanceof SetPresenceRequest set && set.status() == PresenceStatus.AWAY) {
        if (awaySets.getAndIncrement() == 0) {
          link.sendToClient(
              new ErrorReply(
                  set.id(), ErrorCode.RATE_LIMITED, "presence not changed: try again in a moment"));
          return List.of();
        }
        passed.incrementAndGet();
      }
      return List.of(frame);
    }
  }

  @Test
  void awayRestoreRefusedForNow_isSentAgain_andTheSessionIsResumedOnce() throws Exception {
    RefusedOnce refusing = new RefusedOnce();
    try (Relay relay = RelayFixture.start(dataDir);
        HostileRelay proxy = new HostileRelay(relay.port(), dataDir.resolve("tls.crt"));
        RelayChatClient alice = Clients.live(proxy.port(), homes.resolve("alice"));
        RelayChatClient bob = Clients.live(relay.port(), homes.resolve("bob"))) {
      RecordingListener events = new RecordingListener();
      alice.addListener(events);
      alice.register("alice", PASSWORD.clone(), PASSPHRASE.clone());
      bob.register("bob", PASSWORD.clone(), PASSPHRASE.clone());
      alice.away("at lunch");
      proxy.tamper(refusing);
      refusing.on = true;

      proxy.dropConnections();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  refusing.passed.get() == 1 && alice.connectionState() == ConnectionState.ONLINE);
      assertThat(refusing.awaySets).hasValue(2); // the one refused, and the one sent again
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(bob.members("#lobby"))
                      .filteredOn(m -> m.username().equals("alice"))
                      .singleElement()
                      .satisfies(
                          m -> assertThat(m.presence()).isEqualTo(Presence.away("at lunch"))));
      // No second attempt: the one that met the refusal went on.
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> refusing.resumes.get() == 1);
      assertThat(events.connectionDetails)
          .filteredOn(d -> d.startsWith("ONLINE"))
          .last()
          .asString()
          .startsWith("ONLINE reconnected to ");
    }
  }
}
