package chat.server.internal.net;

import chat.protocol.ErrorCode;
import chat.protocol.FrameCodec;
import chat.protocol.FrameException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames: a u32 big-endian length, then that many bytes of JSON. Emits
 * a {@link chat.protocol.Frame} or, for a bad one, a {@link FrameException}; the stream goes on
 * after a bad frame. A length over the maximum emits {@link ErrorCode#FRAME_TOO_LARGE} and discards
 * everything after it, since the stream cannot be resynchronised.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  private final FrameCodec codec;
  private boolean broken;

  /** A decoder using {@code codec} and its maximum frame size. */
  public FrameDecoder(FrameCodec codec) {
    this.codec = codec;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (broken) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < FrameCodec.LENGTH_PREFIX_BYTES) {
      return;
    }
    long length = in.getUnsignedInt(in.readerIndex());
    if (length > codec.maxFrameBytes()) {
      broken = true;
      in.skipBytes(in.readableBytes());
      out.add(new FrameException(ErrorCode.FRAME_TOO_LARGE, null, "frame too large"));
      return;
    }
    if (in.readableBytes() < FrameCodec.LENGTH_PREFIX_BYTES + length) {
      return;
    }
    in.skipBytes(FrameCodec.LENGTH_PREFIX_BYTES);
    byte[] json = new byte[(int) length];
    in.readBytes(json);
    try {
      out.add(codec.fromJson(json));
    } catch (FrameException e) {
      out.add(e);
    }
  }
}
