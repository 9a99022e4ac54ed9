package chat.server.internal.net;

import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a frame as its u32 big-endian length and JSON body. Stateless and sharable. */
@ChannelHandler.Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {
  private final FrameCodec codec;

  /** An encoder using {@code codec}. */
  public FrameEncoder(FrameCodec codec) {
    super(Frame.class);
    this.codec = codec;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
    out.writeBytes(codec.encode(frame));
  }
}
