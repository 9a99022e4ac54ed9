package chat.server.internal.net;

import chat.protocol.ErrorCode;
import chat.protocol.FrameCodec;
import chat.protocol.FrameException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Splits the byte stream into frames: a u32 big-endian length, then that many bytes of JSON, or of
 * a binary body once the connection speaks wire version 3 (before that one is BAD_FRAME). Emits a
 * {@link chat.protocol.Frame} or, for a bad one, a {@link FrameException}; the stream goes on after
 * a bad frame. A length over the maximum emits {@link ErrorCode#FRAME_TOO_LARGE} and discards
 * everything after it, since the stream cannot be resynchronised.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  private final FrameCodec codec;
  private final BooleanSupplier binaryAllowed;
  private boolean broken;

  /**
   * A decoder using {@code codec} and its maximum frame size, accepting binary bodies while {@code
   * binaryAllowed} says so.
   */
  public FrameDecoder(FrameCodec codec, BooleanSupplier binaryAllowed) {
    this.codec = codec;
    this.binaryAllowed = binaryAllowed;
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
    byte[] body = new byte[(int) length];
    in.readBytes(body);
    try {
      out.add(codec.decode(body, binaryAllowed.getAsBoolean()));
    } catch (FrameException e) {
      out.add(e);
    }
  }
}
