package chat.server.internal.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection the relay is done with after its last frames, without a reset.
 *
 * <p>A socket closed while bytes from the peer wait unread in it is reset by the kernel rather than
 * closed, and a reset throws away whatever of the relay's last frames had not yet left the machine:
 * a client still uploading when its session is ended would then never read why. So once the last
 * frames are flushed, the relay ends TLS ({@code close_notify}) and its half of the TCP stream, and
 * goes on reading, dropping everything, until the client closes too or {@link #LINGER_MILLIS} have
 * passed. Web servers call this a lingering close.
 */
final class LingeringClose {
  /** How long the relay drops what a client still sends before it closes the connection anyway. */
  static final long LINGER_MILLIS = 2_000;

  private LingeringClose() {}

  /** Flushes {@code channel}, then closes it as above; runs on its event loop. */
  static void afterFlush(Channel channel) {
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> start(channel));
  }

  private static void start(Channel channel) {
    if (!channel.isActive() || !(channel instanceof DuplexChannel duplex)) {
      channel.close();
      return;
    }
    channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    // First in the pipeline: nothing the client sends from now on is decrypted or acted on.
    channel.pipeline().addFirst("lingering-close", Discard.INSTANCE);
    channel.config().setAutoRead(true);
    SslHandler tls = channel.pipeline().get(SslHandler.class);
    if (tls == null) {
      duplex.shutdownOutput();
      return;
    }
    tls.closeOutbound()
        .addListener(
            (ChannelFutureListener)
                sent -> {
                  if (sent.isSuccess()) {
                    duplex.shutdownOutput();
                  } else {
                    channel.close();
                  }
                });
  }

  /** Drops every inbound buffer; the peer's end of the stream closes the channel as usual. */
  @ChannelHandler.Sharable
  private static final class Discard extends ChannelInboundHandlerAdapter {
    static final Discard INSTANCE = new Discard();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      ReferenceCountUtil.release(message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
