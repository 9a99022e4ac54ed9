package chat.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder between clients and the relay that a test can use to cut connections at a chosen
 * point of a transfer: once armed, it closes a connection after that many bytes went one way. It
 * never looks inside the (TLS) bytes. New connections can also be refused, or held back from the
 * relay, for a while; and a connection the relay closes reset only after its last words.
 */
final class CuttingProxy implements AutoCloseable {
  /** Which way the counted bytes flow. */
  enum Direction {
    /** Client to relay: uploads. */
    UP,
    /** Relay to client: downloads. */
    DOWN
  }

  private final int relayPort;
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong up = new AtomicLong();
  private final AtomicLong down = new AtomicLong();
  private final AtomicInteger cuts = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile Direction armedDirection;
  private volatile long cutAt = Long.MAX_VALUE;
  private volatile boolean refusing;
  private volatile Direction stallDirection;
  private volatile long stallAt = Long.MAX_VALUE;
  private final CountDownLatch stallReleased = new CountDownLatch(1);
  private volatile CountDownLatch held;
  private volatile boolean relaySpeaksLast;
  private final AtomicInteger clientsOpen = new AtomicInteger();

  CuttingProxy(int relayPort) throws IOException {
    this.relayPort = relayPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Cuts every open connection once {@code bytes} more have gone {@code direction}. */
  void cutAfter(Direction direction, long bytes) {
    armedDirection = direction;
    cutAt = counter(direction).get() + bytes;
  }

  /**
   * Stops forwarding {@code direction} once {@code bytes} more have gone that way, until {@link
   * #releaseStall} (or the proxy closes), leaving the connection open: a transfer that hangs there
   * while the test changes something on the relay.
   */
  void stallAfter(Direction direction, long bytes) {
    stallAt = counter(direction).get() + bytes;
    stallDirection = direction;
  }

  /** Whether a stall armed by {@link #stallAfter} was reached. */
  boolean stalled() {
    return stallDirection == null && stallAt != Long.MAX_VALUE;
  }

  /**
   * From now on, a connection the relay closes is reset on the client's side only after everything
   * the relay sent has been passed on, also when the client's upload to the relay failed first: as
   * a relay that closes on a client still sending resets it, after its last words.
   */
  void letTheRelaySpeakLast() {
    relaySpeaksLast = true;
  }

  /** Lets a stalled direction go on (once). */
  void releaseStall() {
    stallReleased.countDown();
  }

  /** While true, new connections are closed at once (the relay seems down). */
  void refuseNewConnections(boolean refuse) {
    refusing = refuse;
  }

  /** Cuts every open connection now. */
  void cutNow() {
    cuts.incrementAndGet();
    closeAll();
  }

  /**
   * From now on new connections wait before they reach the relay (which seems slow to answer),
   * until {@link #releaseHeld}.
   */
  void holdNewConnections() {
    held = new CountDownLatch(1);
  }

  /** Lets the connections held so far go on to the relay, and new ones at once. */
  void releaseHeld() {
    CountDownLatch latch = held;
    held = null;
    if (latch != null) {
      latch.countDown();
    }
  }

  /** How many accepted connections the client has not closed yet (held ones included). */
  int clientsOpen() {
    return clientsOpen.get();
  }

  /** How many connections it has accepted, refused ones included. */
  int accepted() {
    return accepted.get();
  }

  /** How many times a cut happened. */
  int cuts() {
    return cuts.get();
  }

  /** Bytes forwarded so far in {@code direction}. */
  long bytes(Direction direction) {
    return counter(direction).get();
  }

  private AtomicLong counter(Direction direction) {
    return direction == Direction.UP ? up : down;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        accepted.incrementAndGet();
        if (refusing) {
          client.close();
          continue;
        }
        clientsOpen.incrementAndGet();
        CountDownLatch latch = held;
        if (latch == null) {
          forward(client);
        } else {
          Thread waiting = new Thread(() -> forwardWhenReleased(client, latch), "proxy-held");
          waiting.setDaemon(true);
          waiting.start();
        }
      } catch (IOException e) {
        // closed: the acceptor ends
      }
    }
  }

  private void forwardWhenReleased(Socket client, CountDownLatch latch) {
    try {
      latch.await();
      forward(client);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void forward(Socket client) {
    try {
      Socket relay = new Socket(InetAddress.getLoopbackAddress(), relayPort);
      sockets.add(client);
      sockets.add(relay);
      pump(client, relay, Direction.UP);
      pump(relay, client, Direction.DOWN);
    } catch (IOException e) {
      // the relay is down: the client sees its connection fail
      clientsOpen.decrementAndGet();
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to, Direction direction) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  out.write(buffer, 0, n);
                  long total = counter(direction).addAndGet(n);
                  if (stallDirection == direction && total >= stallAt) {
                    stallDirection = null;
                    stallReleased.await();
                  }
                  if (armedDirection == direction && total >= cutAt) {
                    armedDirection = null;
                    cutAt = Long.MAX_VALUE;
                    cuts.incrementAndGet();
                    closeAll();
                    return;
                  }
                }
              } catch (IOException e) {
                // one side closed
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                if (direction == Direction.UP) {
                  clientsOpen.decrementAndGet();
                }
                if (!relaySpeaksLast) {
                  closeQuietly(from);
                  closeQuietly(to);
                } else if (direction == Direction.DOWN) {
                  // the relay's last words are on their way: then the reset
                  closeQuietly(from);
                  resetQuietly(to);
                }
              }
            },
            "proxy-" + direction);
    thread.setDaemon(true);
    thread.start();
  }

  private void closeAll() {
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  private static void resetQuietly(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // already closed
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    releaseStall();
    server.close();
    closeAll();
  }
}
