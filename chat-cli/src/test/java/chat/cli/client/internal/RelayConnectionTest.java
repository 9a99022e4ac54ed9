package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.CommandException;
import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Event;
import chat.protocol.FileChunkRequest;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.HelloReply;
import chat.protocol.PingRequest;
import chat.protocol.PresenceEvent;
import chat.protocol.PresenceStatus;
import chat.protocol.ProtocolVersions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A relay connection over in-memory streams: a request whose write fails as the relay resets the
 * connection fails with what the relay said before the reset, read after the write failed.
 */
class RelayConnectionTest {
  private static final FrameCodec CODEC = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

  @Test
  void exchange_writeFailsBeforeTheSessionEndedNoticeIsRead_failsAsEndedElsewhere()
      throws Exception {
    ScriptedSocket socket = new ScriptedSocket();
    RelayConnection connection = open(socket);

    RequestThread request = requestWhoseWriteFailed(socket, connection);
    socket.relaySends(ErrorReply.of(null, ErrorCode.SESSION_EXPIRED));
    socket.relayCloses();

    assertThat(request.failure())
        .isInstanceOf(CommandException.SessionEnded.class)
        .hasMessageStartingWith("the session for bob was ended from another device");
    assertThat(connection.sessionRevoked()).isTrue();
  }

  /**
   * The listener hears that the relay ends the session before any request fails for it, and before
   * the connection counts as revoked: whoever is told the session ended finds its token forgotten.
   */
  @Test
  void exchange_sessionEndedNotice_isHeardBeforeTheRequestFails() throws Exception {
    ScriptedSocket socket = new ScriptedSocket();
    CompletableFuture<RequestThread> pending = new CompletableFuture<>();
    CompletableFuture<String> heard = new CompletableFuture<>();
    RelayConnection connection =
        open(
            socket,
            bobs(
                ended ->
                    heard.complete(
                        "revoked: "
                            + ended.sessionRevoked()
                            + ", request failed: "
                            + pending.join().failure.isDone())));
    RequestThread request = RequestThread.start(connection);
    pending.complete(request);
    request.waitsOrEnded();

    socket.relaySends(ErrorReply.of(null, ErrorCode.SESSION_EXPIRED));
    socket.relayCloses();

    assertThat(request.failure())
        .isInstanceOf(CommandException.SessionEnded.class)
        .hasMessageStartingWith("the session for bob was ended from another device");
    assertThat(heard.getNow("not heard")).isEqualTo("revoked: false, request failed: false");
    assertThat(connection.sessionRevoked()).isTrue();
  }

  @Test
  void exchange_writeFailsAndTheConnectionEndsWithoutANotice_failsAsALostConnection()
      throws Exception {
    ScriptedSocket socket = new ScriptedSocket();
    RelayConnection connection = open(socket);

    RequestThread request = requestWhoseWriteFailed(socket, connection);
    socket.relayCloses();

    assertThat(request.failure())
        .isInstanceOf(CommandException.Network.class)
        .hasMessage("connection to the relay lost");
    assertThat(connection.sessionRevoked()).isFalse();
  }

  /** RATE_LIMITED without a request id, then the end: a frame the relay had no room to receive. */
  @Test
  void exchange_relayWithNoRoomToReceive_failsSayingSo() throws Exception {
    ScriptedSocket socket = new ScriptedSocket();
    RelayConnection connection = open(socket);

    RequestThread request = requestWhoseWriteFailed(socket, connection);
    socket.relaySends(
        new ErrorReply(
            null,
            ErrorCode.RATE_LIMITED,
            "the relay is receiving too much at once: connect again and send it again"));
    socket.relayCloses();

    assertThat(request.failure())
        .isInstanceOf(CommandException.Network.class)
        .hasMessage("the relay was receiving too much at once and dropped this connection");
    assertThat(connection.sessionRevoked()).isFalse();
  }

  /**
   * A keep-alive ping the relay does not answer within the timeout, while nothing else comes from
   * it either, ends the connection as lost, by closing the TCP socket under TLS first (closing TLS
   * would first wait to send its closing alert on a link that may carry nothing any more), and the
   * listener hears why.
   */
  @Test
  void keepAlive_noAnswerWithinTheTimeout_dropsTheConnectionAsLostThroughItsTcpSocket()
      throws Exception {
    Droppable link = Droppable.open();

    link.connection.keepAlive(); // the relay never answers

    assertThat(link.lost.get(30, TimeUnit.SECONDS))
        .isEqualTo("false the relay did not answer a ping within 2 s");
    assertThat(link.closed).startsWith("tcp");
    assertThat(link.connection.isOpen()).isFalse();
  }

  /**
   * A ping that cannot even be written, because another request's write is stuck on the link (an
   * upload on a link that died), drops the connection all the same once the timeout has passed,
   * instead of waiting behind that write for as long as the socket takes to fail.
   */
  @Test
  // Without a bound on the wait for the write, keepAlive() would never return.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void keepAlive_behindAWriteStuckOnTheLink_dropsTheConnection() throws Exception {
    Droppable link = Droppable.open();
    link.socket.holdWrites();
    RequestThread stuck = RequestThread.start(link.connection);
    link.socket.writeHeld.await();

    link.connection.keepAlive();

    assertThat(link.lost.get(30, TimeUnit.SECONDS))
        .isEqualTo("false the relay did not answer a ping within 2 s");
    link.socket.releaseWrites();
    assertThat(stuck.failure()).isInstanceOf(CommandException.Network.class);
  }

  /**
   * A ping whose own write blocks, on a link that died with a full send buffer, drops the
   * connection all the same: the caller, the client's timer, is not held by the write, and the drop
   * ends it.
   */
  @Test
  // Without a bound on the wait for its own write, keepAlive() would never return.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void keepAlive_itsOwnWriteStuckOnTheLink_dropsTheConnection() throws Exception {
    Droppable link = Droppable.open();
    link.socket.holdWrites();

    link.connection.keepAlive();

    assertThat(link.socket.writeHeld.getCount()).as("the ping's write was held").isZero();
    assertThat(link.lost.get(30, TimeUnit.SECONDS))
        .isEqualTo("false the relay did not answer a ping within 2 s");
    assertThat(link.closed).startsWith("tcp");
  }

  /**
   * A ping behind an upload on a slow uplink, whose chunk takes longer to write than the ping's
   * timeout while nothing comes from the relay, is kept: the chunk's slices still go out.
   */
  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void keepAlive_behindALargeWriteStillMoving_keepsTheConnection() throws Exception {
    Droppable link = Droppable.open();
    link.socket.slowWrites(Duration.ofMillis(250)); // 20 slices: about 5 s, the timeout 2 s
    CompletableFuture<CommandException> upload = new CompletableFuture<>();
    Thread uploading =
        new Thread(
            () -> {
              try {
                link.connection.exchange(
                    new FileChunkRequest(
                        link.connection.nextId(),
                        "ab".repeat(16),
                        0,
                        Bytes.of(new byte[20 * RelayConnection.WRITE_SLICE_BYTES - 1_000])));
                upload.complete(null);
              } catch (CommandException e) {
                upload.complete(e);
              }
            },
            "upload");
    uploading.start();
    link.socket.slowWriteStarted.await();

    link.connection.keepAlive(); // waits behind the chunk, then for an answer that never comes

    assertThat(link.lost).isNotDone();
    assertThat(link.connection.isOpen()).isTrue();
  }

  /**
   * A busy connection, whose answer to the ping waits behind other frames from the relay (a
   * download's chunks, a burst of messages), is kept: frames arriving show the link carries.
   */
  @Test
  void keepAlive_unansweredButOtherFramesArrive_keepsTheConnection() throws Exception {
    Droppable link = Droppable.open();
    Thread relay =
        new Thread(
            () -> {
              for (int i = 0; i < 30; i++) {
                link.socket.relaySends(new PresenceEvent("carol", PresenceStatus.ONLINE));
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "busy-relay");
    relay.start();

    link.connection.keepAlive(); // its answer never comes, other frames do

    relay.join(10_000);
    assertThat(link.lost).isNotDone();
    assertThat(link.connection.isOpen()).isTrue();
  }

  /**
   * A connection over a {@link ScriptedSocket} with a timeout of 2 s, whose TCP socket records its
   * close (and ends the TLS socket's reads, as a closed TCP connection does), and how it ended.
   */
  private record Droppable(
      ScriptedSocket socket,
      RelayConnection connection,
      List<String> closed,
      CompletableFuture<String> lost) {
    static Droppable open() {
      ScriptedSocket socket = new ScriptedSocket();
      List<String> closed = new CopyOnWriteArrayList<>();
      Socket tcp =
          new Socket() {
            @Override
            public synchronized void close() {
              closed.add("tcp");
              socket.relayCloses();
              socket.releaseWrites(); // a write blocked on the link fails once its socket closes
            }
          };
      CompletableFuture<String> lost = new CompletableFuture<>();
      RelayConnection connection =
          RelayConnection.open(
              () -> new RelayConnection.Connected(socket.recordingCloseIn(closed), tcp),
              CODEC,
              Duration.ofSeconds(2),
              new RelayConnection.Listener() {
                @Override
                public void onEvent(Event event) {}

                @Override
                public void onClosed(RelayConnection ended, boolean byUs, String reason) {
                  lost.complete(byUs + " " + reason);
                }
              });
      return new Droppable(socket, connection, closed, lost);
    }
  }

  /**
   * A request on {@code connection} whose write fails, once it waits for the reader or has given
   * up: what the relay sends from then on is read after the write failed.
   */
  private static RequestThread requestWhoseWriteFailed(
      ScriptedSocket socket, RelayConnection connection) throws InterruptedException {
    socket.failWrites();
    RequestThread request = RequestThread.start(connection);
    socket.writeFailed.await();
    request.waitsOrEnded();
    return request;
  }

  private static RelayConnection open(ScriptedSocket socket) {
    return open(socket, bobs(ended -> {}));
  }

  /** A listener of a connection that carries bob's session: it hears only that it ended. */
  private static RelayConnection.Listener bobs(Consumer<RelayConnection> onSessionEnded) {
    return new RelayConnection.Listener() {
      @Override
      public void onEvent(Event event) {}

      @Override
      public void onClosed(RelayConnection connection, boolean byUs, String reason) {}

      @Override
      public void onSessionEnded(RelayConnection connection) {
        onSessionEnded.accept(connection);
      }

      @Override
      public String sessionUser() {
        return "bob";
      }
    };
  }

  private static RelayConnection open(ScriptedSocket socket, RelayConnection.Listener listener) {
    return RelayConnection.open(
        () -> new RelayConnection.Connected(socket, socket),
        CODEC,
        Duration.ofSeconds(30),
        listener);
  }

  /** A ping sent on its own thread, as a transfer's request is, and how it failed. */
  private static final class RequestThread {
    private final CompletableFuture<CommandException> failure = new CompletableFuture<>();
    private final Thread thread;

    private RequestThread(RelayConnection connection) {
      thread =
          new Thread(
              () -> {
                try {
                  connection.exchange(new PingRequest(connection.nextId()));
                  failure.complete(null);
                } catch (CommandException e) {
                  failure.complete(e);
                }
              },
              "request");
    }

    static RequestThread start(RelayConnection connection) {
      RequestThread request = new RequestThread(connection);
      request.thread.start();
      return request;
    }

    /**
     * Returns once the request, its write failed, either waits for the reader or has given up: the
     * relay's last frames are read only after that.
     */
    void waitsOrEnded() {
      while (thread.getState() != Thread.State.TIMED_WAITING
          && thread.getState() != Thread.State.TERMINATED) {
        Thread.onSpinWait();
      }
    }

    CommandException failure() throws Exception {
      return failure.get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * A socket without a network: the relay's frames are what the test feeds in (the hello reply is
   * fed as the hello goes out); the client's writes fail once told to, as they do after a reset.
   */
  private static final class ScriptedSocket extends Socket {
    private final BlockingQueue<InputStream> fromRelay = new LinkedBlockingQueue<>();
    private final InputStream in = new QueuedInput(fromRelay);
    private final CountDownLatch writeFailed = new CountDownLatch(1);
    private final CountDownLatch writeHeld = new CountDownLatch(1);
    private final CountDownLatch writesReleased = new CountDownLatch(1);
    private final CountDownLatch slowWriteStarted = new CountDownLatch(1);
    private volatile long slowWriteMillis;
    private volatile boolean holding;
    private volatile boolean failing;
    private volatile boolean closed;
    private volatile List<String> closes = new CopyOnWriteArrayList<>();
    private boolean helloAnswered;

    private final OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (slowWriteMillis > 0 && len > 1_000) {
              slowWriteStarted.countDown();
              try {
                Thread.sleep(slowWriteMillis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            if (holding) {
              writeHeld.countDown();
              try {
                writesReleased.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new IOException("Broken pipe");
            }
            if (failing) {
              writeFailed.countDown();
              throw new IOException("Broken pipe");
            }
          }

          @Override
          public void flush() {
            if (!helloAnswered) {
              helloAnswered = true;
              relaySends(new HelloReply("1", ProtocolVersions.BINARY, "test relay"));
            }
          }
        };

    void failWrites() {
      failing = true;
    }

    /** From now on a write of more than a few bytes takes {@code each}, as on a slow uplink. */
    void slowWrites(Duration each) {
      slowWriteMillis = each.toMillis();
    }

    /**
     * From now on a write blocks, as on a link that died with a full send buffer, until released.
     */
    void holdWrites() {
      holding = true;
    }

    /** Lets held writes fail, as they do once the socket under them is closed. */
    void releaseWrites() {
      writesReleased.countDown();
    }

    /** This socket, which from now on adds {@code tls} to {@code record} when it is closed. */
    ScriptedSocket recordingCloseIn(List<String> record) {
      closes = record;
      return this;
    }

    void relaySends(Frame frame) {
      fromRelay.add(new ByteArrayInputStream(CODEC.encode(frame)));
    }

    /** The relay's end of the stream: the reader sees it after what was sent before. */
    void relayCloses() {
      fromRelay.add(QueuedInput.END);
    }

    @Override
    public InputStream getInputStream() {
      return in;
    }

    @Override
    public OutputStream getOutputStream() {
      return out;
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public synchronized void close() {
      closes.add("tls");
      closed = true;
      fromRelay.add(QueuedInput.END);
    }
  }

  /** An input stream that reads the streams queued, in turn, until {@link #END}. */
  private static final class QueuedInput extends InputStream {
    /** Queued last: the stream ends there. */
    static final InputStream END = InputStream.nullInputStream();

    private final BlockingQueue<InputStream> queue;
    private InputStream current = InputStream.nullInputStream();

    QueuedInput(BlockingQueue<InputStream> queue) {
      this.queue = queue;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (true) {
        if (current == END) {
          return -1;
        }
        int n = current.read(b, off, len);
        if (n > 0) {
          return n;
        }
        try {
          current = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    }
  }
}
