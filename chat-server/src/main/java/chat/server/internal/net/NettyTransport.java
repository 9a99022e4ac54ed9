package chat.server.internal.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The socket transport: native epoll when available, NIO otherwise. */
public record NettyTransport(String name, Class<? extends ServerChannel> serverChannel) {
  /** Picks epoll if its native library loads, else NIO. */
  public static NettyTransport best() {
    return Epoll.isAvailable()
        ? new NettyTransport("epoll", EpollServerSocketChannel.class)
        : new NettyTransport("nio", NioServerSocketChannel.class);
  }

  /** A new event loop group with {@code threads} threads (0 = Netty's default). */
  public EventLoopGroup newGroup(int threads) {
    IoHandlerFactory factory =
        "epoll".equals(name) ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, factory);
  }
}
