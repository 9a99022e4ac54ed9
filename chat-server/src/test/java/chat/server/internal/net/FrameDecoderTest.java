package chat.server.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.FrameException;
import chat.protocol.HelloRequest;
import chat.protocol.KeyChangeEvent;
import chat.protocol.PingRequest;
import chat.protocol.SendRequest;
import chat.protocol.SyncReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  private final FrameCodec codec = new FrameCodec(4096);

  private boolean binaryAllowed;

  private EmbeddedChannel channel() {
    return new EmbeddedChannel(
        new FrameDecoder(codec, () -> binaryAllowed, new PendingBudget(Long.MAX_VALUE)),
        new FrameEncoder(codec));
  }

  @Test
  void decode_binaryAndJsonOneByteAtATime_onceAllowed_yieldsEveryFrame() {
    EmbeddedChannel channel = channel();
    binaryAllowed = true;
    SendRequest send = new SendRequest("b1", "#room", Bytes.of(new byte[] {0, 1, 2, (byte) 255}));
    PingRequest ping = new PingRequest("p1");
    for (byte[] encoded :
        List.of(codec.encode(send, true), codec.encode(ping), codec.encode(send, true))) {
      for (byte b : encoded) {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
      }
    }

    assertThat(channel.<Object>readInbound()).isEqualTo(send);
    assertThat(channel.<Object>readInbound()).isEqualTo(ping);
    assertThat(channel.<Object>readInbound()).isEqualTo(send);
  }

  /**
   * A frame under way holds its length of the inbound budget until it is whole, or its connection
   * closes; one the budget has no room for is refused, and the stream after it discarded.
   */
  @Test
  void decode_framesUnderWay_holdTheInboundBudget_andOneItHasNoRoomForIsRefused() {
    PendingBudget inbound = new PendingBudget(1000);
    EmbeddedChannel first = new EmbeddedChannel(new FrameDecoder(codec, () -> false, inbound));
    EmbeddedChannel second = new EmbeddedChannel(new FrameDecoder(codec, () -> false, inbound));
    byte[] ping = codec.encode(new PingRequest("p1"));
    ByteBuf bigStart = Unpooled.buffer().writeInt(600).writeBytes(new byte[100]);

    first.writeInbound(bigStart);
    assertThat(inbound.used()).as("what came, not what is announced").isEqualTo(104);
    first.writeInbound(Unpooled.wrappedBuffer(new byte[496]));
    assertThat(inbound.used()).isEqualTo(600);
    second.writeInbound(Unpooled.wrappedBuffer(ping, 0, 10));
    assertThat(inbound.used()).isEqualTo(610);
    second.writeInbound(Unpooled.wrappedBuffer(ping, 10, ping.length - 10));
    assertThat(second.<Object>readInbound()).isEqualTo(new PingRequest("p1"));
    assertThat(inbound.used()).as("given back once whole").isEqualTo(600);

    second.writeInbound(Unpooled.buffer().writeInt(900).writeBytes(new byte[300]));
    assertThat(inbound.used()).isEqualTo(904);
    second.writeInbound(Unpooled.wrappedBuffer(new byte[200]));
    assertThat(second.<Object>readInbound()).isSameAs(FrameDecoder.INBOUND_FULL);
    second.writeInbound(Unpooled.wrappedBuffer(ping));
    assertThat(second.<Object>readInbound()).as("the stream after it is discarded").isNull();
    second.close();
    assertThat(inbound.used()).isEqualTo(600);

    first.close();
    assertThat(inbound.used()).as("given back when its connection closes").isZero();
  }

  @Test
  void decode_binaryBeforeItIsAllowed_badFrameAndTheStreamGoesOn() {
    EmbeddedChannel channel = channel();
    SendRequest send = new SendRequest("b1", "#room", Bytes.of(new byte[] {7}));
    channel.writeInbound(Unpooled.wrappedBuffer(codec.encode(send, true)));
    channel.writeInbound(Unpooled.wrappedBuffer(codec.encode(new PingRequest("p2"))));

    FrameException refused = channel.readInbound();
    assertThat(refused.code()).isEqualTo(ErrorCode.BAD_FRAME);
    assertThat(refused.getMessage()).contains("wire version 3");
    assertThat(channel.<Object>readInbound()).isEqualTo(new PingRequest("p2"));
  }

  private static List<Frame> samples() {
    return List.of(
        new HelloRequest("1", List.of(1), "x"),
        new SendRequest("2", "#room", Bytes.of(new byte[] {9, 8, 7})),
        new SyncReply("3", "#room", List.of(), 0, false),
        new KeyChangeEvent("bob", Bytes.of(new byte[] {1})));
  }

  @Test
  void decode_oneByteAtATime_yieldsEveryFrame() {
    EmbeddedChannel channel = channel();
    for (Frame frame : samples()) {
      for (byte b : codec.encode(frame)) {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
      }
    }
    for (Frame frame : samples()) {
      assertThat(channel.<Object>readInbound()).isEqualTo(frame);
    }
    assertThat(channel.<Object>readInbound()).isNull();
  }

  @Test
  void decode_severalFramesInOneBuffer_yieldsAll() {
    EmbeddedChannel channel = channel();
    ByteBuf all = Unpooled.buffer();
    samples().forEach(frame -> all.writeBytes(codec.encode(frame)));
    channel.writeInbound(all);
    for (Frame frame : samples()) {
      assertThat(channel.<Object>readInbound()).isEqualTo(frame);
    }
  }

  @Test
  void encode_everyFrame_matchesCodecBytes() {
    EmbeddedChannel channel = channel();
    for (Frame frame : samples()) {
      channel.writeOutbound(frame);
      ByteBuf out = channel.readOutbound();
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      out.release();
      assertThat(bytes).isEqualTo(codec.encode(frame));
    }
  }

  @Test
  void decode_garbage_emitsBadFrameAndKeepsGoing() {
    EmbeddedChannel channel = channel();
    byte[] garbage = "\u0000\u00ff{[".getBytes(StandardCharsets.ISO_8859_1);
    ByteBuf in = Unpooled.buffer().writeInt(garbage.length).writeBytes(garbage);
    in.writeBytes(codec.encode(new PingRequest("after")));
    channel.writeInbound(in);
    FrameException bad = channel.readInbound();
    assertThat(bad.code()).isEqualTo(ErrorCode.BAD_FRAME);
    assertThat(channel.<Object>readInbound()).isEqualTo(new PingRequest("after"));
  }

  @Test
  void decode_oversizeLength_emitsFrameTooLargeAndDiscardsTheRest() {
    EmbeddedChannel channel = channel();
    channel.writeInbound(Unpooled.buffer().writeInt(4097).writeBytes(new byte[100]));
    FrameException bad = channel.readInbound();
    assertThat(bad.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
    channel.writeInbound(Unpooled.wrappedBuffer(codec.encode(new PingRequest("lost"))));
    assertThat(channel.<Object>readInbound()).isNull();
  }
}
