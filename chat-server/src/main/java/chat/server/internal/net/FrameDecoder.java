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
 *
 * <p>A frame that has not arrived whole is held here until it has, and the bytes of it received so
 * far are taken from the relay's inbound budget until then: connections that each send most of a
 * large frame and stop (a few hundred from one address, more from many) would otherwise hold memory
 * without any bound but the heap's. Counted as received, not as announced, so that filling the
 * budget costs as many bytes sent. A frame the budget has no room for emits {@link #INBOUND_FULL},
 * and everything after it is discarded, as after a frame too large.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  /** Emitted for a frame the inbound budget had no room for; the connection is to be closed. */
  public static final Object INBOUND_FULL = new Object();

  private final FrameCodec codec;
  private final BooleanSupplier binaryAllowed;
  private final PendingBudget inbound;
  private boolean broken;

  /** Bytes of the frame under way, as received so far, taken from {@link #inbound}; 0 between. */
  private long reserved;

  /**
   * A decoder using {@code codec} and its maximum frame size, accepting binary bodies while {@code
   * binaryAllowed} says so, holding frames under way within {@code inbound}.
   */
  FrameDecoder(FrameCodec codec, BooleanSupplier binaryAllowed, PendingBudget inbound) {
    this.codec = codec;
    this.binaryAllowed = binaryAllowed;
    this.inbound = inbound;
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
      // What has come of it so far, not what its prefix announces: four bytes must not hold 4 MiB.
      long held = in.readableBytes();
      if (held > reserved) {
        if (!inbound.tryReserve(held - reserved)) {
          broken = true;
          in.skipBytes(in.readableBytes());
          out.add(INBOUND_FULL);
          return;
        }
        reserved = held;
      }
      return;
    }
    in.skipBytes(FrameCodec.LENGTH_PREFIX_BYTES);
    byte[] body = new byte[(int) length];
    in.readBytes(body);
    release();
    try {
      out.add(codec.decode(body, binaryAllowed.getAsBoolean()));
    } catch (FrameException e) {
      out.add(e);
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    release(); // the connection closed with a frame under way
  }

  private void release() {
    if (reserved > 0) {
      inbound.release(reserved);
      reserved = 0;
    }
  }
}
