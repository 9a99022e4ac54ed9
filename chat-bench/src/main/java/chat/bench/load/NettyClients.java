package chat.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The generator's client side: one event loop group (epoll when available) holding every
 * connection, a bound on connections being set up at once, and the TLS context that trusts exactly
 * the relay's certificate.
 */
public final class NettyClients implements AutoCloseable {
  /** How long to keep trying to connect to a server that does not accept. */
  static final java.time.Duration CONNECT_PATIENCE = java.time.Duration.ofMinutes(10);

  private final EventLoopGroup group;
  private final Class<? extends Channel> channelType;
  private final Semaphore connecting;

  /** {@code ioThreads} event loops, at most {@code concurrentConnects} handshakes at a time. */
  public NettyClients(int ioThreads, int concurrentConnects) {
    boolean epoll = Epoll.isAvailable();
    this.group =
        new MultiThreadIoEventLoopGroup(
            ioThreads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    this.connecting = new Semaphore(concurrentConnects);
  }

  /** A TLS 1.3 client context (BoringSSL when available) trusting only {@code certificate}. */
  public static SslContext tls(Path certificate) throws IOException {
    return SslContextBuilder.forClient()
        .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
        .protocols("TLSv1.3")
        .trustManager(certificate.toFile())
        .build();
  }

  /**
   * Connects to {@code port} on loopback with the pipeline {@code init} builds; completes with the
   * channel once TCP is up. A server that is too busy to accept (its backlog full) is retried, as a
   * real client would, for up to {@link #CONNECT_PATIENCE}. The caller must call {@link
   * #setupDone()} when the connection's setup (handshake, login) is over, to let the next one
   * start.
   */
  public CompletableFuture<Channel> connect(int port, Consumer<Channel> init) {
    connecting.acquireUninterruptibly();
    CompletableFuture<Channel> out = new CompletableFuture<>();
    attempt(port, init, out, System.nanoTime() + CONNECT_PATIENCE.toNanos());
    return out;
  }

  private void attempt(
      int port, Consumer<Channel> init, CompletableFuture<Channel> out, long deadlineNanos) {
    ChannelFuture future =
        new Bootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000)
            .handler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    init.accept(channel);
                  }
                })
            .connect("127.0.0.1", port);
    future.addListener(
        done -> {
          if (done.isSuccess()) {
            out.complete(future.channel());
          } else if (System.nanoTime() < deadlineNanos) {
            group.schedule(
                () -> attempt(port, init, out, deadlineNanos),
                1,
                java.util.concurrent.TimeUnit.SECONDS);
          } else {
            out.completeExceptionally(done.cause());
          }
        });
  }

  /** Ends one connection's setup (successful or not); see {@link #connect}. */
  public void setupDone() {
    connecting.release();
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
