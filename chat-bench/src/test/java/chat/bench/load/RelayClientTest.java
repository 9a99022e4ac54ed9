package chat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.protocol.FrameCodec;
import chat.protocol.HistoryReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.StoredMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayClientTest {
  private static final FrameCodec CODEC = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  private final Deliveries deliveries = new Deliveries();
  private final DeliveryTracker tracker = new DeliveryTracker(0, 1, 1, 1, k -> {});
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new RelayClient(
              new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES), 0, deliveries, new MessageIds()));

  private static long seq(String head) {
    byte[] bytes = head.getBytes(StandardCharsets.US_ASCII);
    return RelayClient.seq(bytes, bytes.length);
  }

  private static String messageEvent(String seq) {
    return "{\"type\":\"event.message\",\"conversation\":\"#bench\",\"seq\":"
        + seq
        + ",\"storedAtMillis\":1794300000000,\"envelope\":\"UgEBAAAAAAAAAAAAAAAAAAAAAAAA\"}";
  }

  private void read(String json) {
    channel.writeInbound(Unpooled.copiedBuffer(json, StandardCharsets.US_ASCII));
  }

  @Test
  void seq_ofAJsonMessageEvent_isReadFromItsFirstBytes() {
    assertThat(seq(messageEvent("4711"))).isEqualTo(4711);
    assertThat(seq(messageEvent("999999999999999999"))).isEqualTo(999_999_999_999_999_999L);
  }

  @Test
  void seq_cutOffByTheEndOfWhatWasRead_isUnknown() {
    assertThat(seq("{\"type\":\"event.message\",\"conversation\":\"#bench\",\"seq\":47"))
        .isEqualTo(-1);
  }

  @Test
  void seq_missingOrNotANumber_isUnknown() {
    assertThat(seq("{\"type\":\"event.message\",\"conversation\":\"#bench\",")).isEqualTo(-1);
    assertThat(seq(messageEvent("\"x\""))).isEqualTo(-1);
    assertThat(seq(messageEvent("-3"))).isEqualTo(-1);
    assertThat(seq(messageEvent("1000000000000000000"))).isEqualTo(-1);
  }

  @Test
  void jsonMessageEvents_oneBelowAnEarlierOne_isCountedAsReordered() {
    deliveries.track(tracker);

    read(messageEvent("7"));
    read(messageEvent("9"));
    read(messageEvent("8"));
    read(messageEvent("10"));

    assertThat(tracker.reorderedDeliveries()).isEqualTo(1);
    assertThat(deliveries.errors()).isZero();
  }

  @Test
  void aJsonMessageEventWithoutAReadableSeq_isAnError() {
    deliveries.track(tracker);

    read("{\"type\":\"event.message\",\"conversation\":\"#bench\",\"envelope\":\"UgEB\"}");

    assertThat(deliveries.errors()).isEqualTo(1);
    assertThat(deliveries.firstError()).contains("seq");
    assertThat(tracker.reorderedDeliveries()).isZero();
  }

  @Test
  void binaryHistoryPage_decodedAsAReply_notCountedAsAMessage() {
    deliveries.track(tracker);
    HistoryReply page =
        new HistoryReply(
            "s1", "#bench", List.of(new StoredMessage(1, 2, Bytes.of(new byte[] {3}))), 1, false);
    byte[] frame = CODEC.encode(page, ProtocolVersions.BINARY_PAGES);

    channel.writeInbound(Unpooled.wrappedBuffer(frame, 4, frame.length - 4));
    channel.writeInbound(Unpooled.wrappedBuffer(frame, 4, frame.length - 5));

    assertThat(tracker.unknownDeliveries()).isZero();
    assertThat(deliveries.errors()).as("the page cut short").isEqualTo(1);
    assertThat(deliveries.firstError()).isEqualTo("undecodable reply: BAD_FRAME");
  }
}
