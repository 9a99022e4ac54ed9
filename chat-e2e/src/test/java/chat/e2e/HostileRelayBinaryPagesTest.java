package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.client.ChatMessage;
import chat.cli.client.internal.RelayChatClient;
import chat.e2e.HostileRelay.Link;
import chat.e2e.HostileRelay.Tamper;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.HistoryReply;
import chat.protocol.ProtocolVersions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * History pages in binary (wire version 8) between the real client and relay: a page comes through
 * as binary and is shown; one whose lengths do not add up is refused with a clear error, and the
 * client carries on.
 */
class HostileRelayBinaryPagesTest {
  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "bob");

  private static final FrameCodec CODEC = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  /**
   * {@code page} in binary with its message count raised to 2^32 - 1: every length is within the
   * frame, but the messages announced are not there.
   */
  private static byte[] withCountPastTheEnd(HistoryReply page) {
    byte[] frame = CODEC.encode(page, ProtocolVersions.BINARY_PAGES);
    int count =
        FrameCodec.LENGTH_PREFIX_BYTES
            + 2
            + 1
            + page.re().getBytes(StandardCharsets.US_ASCII).length
            + 1
            + page.conversation().length()
            + Long.BYTES
            + 1;
    ByteBuffer.wrap(frame).putInt(count, -1);
    return frame;
  }

  @Test
  void historyPage_binaryBetweenClientAndRelay_shown() {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice");
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      alice.send("#lobby", "paged in binary");
      bobEvents.awaitText("paged in binary");

      assertThat(relay.proxy().linkOf("bob").version())
          .isGreaterThanOrEqualTo(ProtocolVersions.BINARY_PAGES);
      assertThat(bob.historyPage("#lobby", 10).messages())
          .extracting(ChatMessage::text)
          .contains("paged in binary");
    }
  }

  @Test
  void historyPage_binaryPageWithACountPastItsEnd_clearErrorThenTheClientCarriesOn() {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = relay.registered("alice");
        RelayChatClient bob = relay.registered("bob", bobEvents)) {
      alice.send("#lobby", "before the bad page");
      bobEvents.awaitText("before the bad page");
      relay.tamper(
          new Tamper() {
            @Override
            public List<Frame> toClient(Link link, Frame frame) {
              if (frame instanceof HistoryReply page) {
                link.sendRawToClient(withCountPastTheEnd(page));
                return List.of();
              }
              return List.of(frame);
            }
          });

      assertThatThrownBy(() -> bob.historyPage("#lobby", 10))
          .isInstanceOf(CommandException.Network.class)
          .hasMessage("the relay sent something this client cannot read");

      relay.tamper(new Tamper() {});
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(bob.historyPage("#lobby", 10).messages())
                      .extracting(ChatMessage::text)
                      .contains("before the bad page"));
    }
  }
}
