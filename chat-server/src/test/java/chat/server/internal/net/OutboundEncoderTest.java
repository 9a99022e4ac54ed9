package chat.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.HistoryReply;
import chat.protocol.MessageEvent;
import chat.protocol.MessageEventHeader;
import chat.protocol.PresenceEvent;
import chat.protocol.PresenceStatus;
import chat.protocol.ProtocolVersions;
import chat.protocol.StoredMessage;
import chat.protocol.SyncReply;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutboundEncoderTest {
  private static final FrameCodec CODEC = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  @Test
  void encode_messageEvents_byteForByteWhatTheCodecWrites() throws Exception {
    OutboundEncoder encoder = new OutboundEncoder(CODEC);
    Random random = new Random(7);
    String[] conversations = {"#lobby", "#a", "#ops-2_x", "@alice+bob", "@a.b-c+zed_9"};
    long[] numbers = {1, 9, 10, 123_456_789, Long.MAX_VALUE};
    for (int i = 0; i < 200; i++) {
      byte[] envelope = new byte[random.nextInt(3000)];
      random.nextBytes(envelope);
      MessageEvent event =
          new MessageEvent(
              conversations[i % conversations.length],
              numbers[i % numbers.length],
              i % 3 == 0 ? 0 : random.nextLong() >>> 1,
              Bytes.of(envelope));

      assertThat(encoder.encode(event)).isEqualTo(CODEC.encode(event));
      assertThat(encoder.encode(event, false)).isEqualTo(CODEC.encode(event));
      byte[] binary = encoder.encode(event, true);
      assertThat(binary[FrameCodec.LENGTH_PREFIX_BYTES]).isEqualTo(FrameCodec.BINARY_MARKER);
      assertThat(ByteBuffer.wrap(binary).getInt())
          .isEqualTo(binary.length - FrameCodec.LENGTH_PREFIX_BYTES);
      assertThat(
              CODEC.decode(
                  Arrays.copyOfRange(binary, FrameCodec.LENGTH_PREFIX_BYTES, binary.length), true))
          .isEqualTo(event);
    }
  }

  @Test
  void encode_binaryMessages_onlyMessageEventsChange() {
    OutboundEncoder encoder = new OutboundEncoder(CODEC);
    PresenceEvent presence = new PresenceEvent("bob", PresenceStatus.ONLINE);
    ErrorReply reply = ErrorReply.of("r1", ErrorCode.NOT_MEMBER);

    assertThat(encoder.encode(presence, true)).isEqualTo(CODEC.encode(presence));
    assertThat(encoder.encode(reply, true)).isEqualTo(CODEC.encode(reply));
  }

  @Test
  void encode_pages_binaryFromVersion8Only() throws Exception {
    OutboundEncoder encoder = new OutboundEncoder(CODEC);
    List<StoredMessage> messages =
        List.of(
            new StoredMessage(4, 1, Bytes.of(new byte[] {9, 8})),
            new StoredMessage(5, 2, Bytes.of(new byte[0])));
    HistoryReply history = new HistoryReply("h", "#ops", messages, 4, true);
    SyncReply sync = new SyncReply("s", "@alice+bob", messages, 5, false);

    for (Frame page : List.of(history, sync)) {
      for (int version = 0; version < ProtocolVersions.BINARY_PAGES; version++) {
        assertThat(encoder.encode(page, version)).isEqualTo(CODEC.encode(page));
      }
      byte[] binary = encoder.encode(page, ProtocolVersions.BINARY_PAGES);
      assertThat(binary[FrameCodec.LENGTH_PREFIX_BYTES]).isEqualTo(FrameCodec.BINARY_MARKER);
      assertThat(
              CODEC.decode(
                  Arrays.copyOfRange(binary, FrameCodec.LENGTH_PREFIX_BYTES, binary.length), true))
          .isEqualTo(page);
    }
  }

  @Test
  void encode_messageEventOverTheFrameLimit_throwsLikeTheCodec() {
    FrameCodec small = new FrameCodec(1024);
    MessageEvent event = new MessageEvent("#lobby", 1, 1, Bytes.of(new byte[800]));

    assertThatThrownBy(() -> new OutboundEncoder(small).encode(event))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> small.encode(event)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void binaryMessageBytes_theEventsBinaryEncodingsSizeWithinTheCodecsLimit() {
    FrameCodec small = new FrameCodec(1024);
    OutboundEncoder encoder = new OutboundEncoder(small);
    MessageEventHeader header = new MessageEventHeader("#lobby", 3, 99);
    Bytes fits = Bytes.of(new byte[1024 - 25]);

    assertThat(encoder.binaryMessageBytes(header, fits.length()))
        .isEqualTo(small.encode(header.event(fits), true).length);
    assertThatThrownBy(() -> encoder.binaryMessageBytes(header, 1024 - 24))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encode_sameEventTwiceInARow_encodesOnce() {
    OutboundEncoder encoder = new OutboundEncoder(CODEC);
    PresenceEvent event = new PresenceEvent("alice", PresenceStatus.ONLINE);

    byte[] first = encoder.encode(event);

    assertThat(encoder.encode(event)).isSameAs(first).isEqualTo(CODEC.encode(event));
  }

  @Test
  void encode_equalButDistinctEvents_encodesEach() {
    OutboundEncoder encoder = new OutboundEncoder(CODEC);
    PresenceEvent online = new PresenceEvent("alice", PresenceStatus.ONLINE);
    PresenceEvent offline = new PresenceEvent("alice", PresenceStatus.OFFLINE);

    byte[] first = encoder.encode(online);

    assertThat(encoder.encode(offline)).isEqualTo(CODEC.encode(offline));
    assertThat(encoder.encode(online)).isNotSameAs(first).isEqualTo(first);
  }

  @Test
  void encode_reply_whatTheCodecWrites() {
    ErrorReply reply = ErrorReply.of("r1", ErrorCode.NOT_MEMBER);

    assertThat(new OutboundEncoder(CODEC).encode(reply)).isEqualTo(CODEC.encode(reply));
  }
}
