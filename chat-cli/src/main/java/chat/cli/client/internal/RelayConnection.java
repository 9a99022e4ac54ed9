package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.ClientOptions;
import chat.cli.client.ConnectionState;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.Event;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.FrameException;
import chat.protocol.HelloReply;
import chat.protocol.HelloRequest;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.Request;
import chat.protocol.Secret;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TLS connection to the relay after the hello exchange: requests wait for their reply by id; a
 * reader thread completes them and hands events to the {@link Listener}. When the connection ends
 * every waiting request fails with a network error and the listener hears why.
 */
final class RelayConnection implements AutoCloseable {
  /** Receives events and the end of the connection; called on the reader thread. */
  interface Listener {
    /** Hears nothing: for a connection that carries no session and one request. */
    Listener IGNORING =
        new Listener() {
          @Override
          public void onEvent(Event event) {}

          @Override
          public void onClosed(RelayConnection connection, boolean byUs, String reason) {}
        };

    /** An event pushed by the relay. */
    void onEvent(Event event);

    /** {@code connection} ended; {@code byUs} if {@link #close()} ended it. */
    void onClosed(RelayConnection connection, boolean byUs, String reason);

    /**
     * The relay said it ends the session {@code connection} carries (ended elsewhere, or the
     * account suspended) and is closing it. Called before {@link #sessionRevoked} is true and
     * before any request fails for it, so that the token is forgotten by the time a caller hears
     * the session ended.
     */
    default void onSessionEnded(RelayConnection connection) {}

    /**
     * The user whose session the connection carries, or null before a login or resume names one: a
     * request the relay's close for an ended session cut short fails as {@link
     * CommandException.SessionEnded} for that user.
     */
    default String sessionUser() {
      return null;
    }
  }

  /**
   * How long a request whose write failed waits for the reader to read what the relay sent before
   * the connection broke ({@link #afterFailedWrite}).
   */
  static final Duration WRITE_FAILURE_GRACE = Duration.ofSeconds(2);

  /**
   * How much longer than the request timeout a keep-alive waits for its ping, whose own deadline is
   * the timeout, before it takes the ping's write as stuck on the link.
   */
  static final Duration PING_WRITE_GRACE = Duration.ofSeconds(1);

  /** The slices a large frame is written in (see {@link #write}): one TLS record's worth. */
  static final int WRITE_SLICE_BYTES = 16 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(RelayConnection.class);

  private final Socket socket;
  private final Socket transport;
  private final InputStream in;
  private final OutputStream out;
  private final FrameCodec codec;
  private final Duration timeout;
  private final Listener listener;
  private final Map<String, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile long lastReadNanos = System.nanoTime();

  /** When a slice of a large write last went into the socket (see {@link #write}). */
  private volatile long lastWriteNanos = System.nanoTime();

  private volatile boolean closing;
  private volatile int version = 1;
  private volatile String closeReason = "connection to the relay lost";
  private volatile boolean frameRefused;

  /** The size of the largest frame written here, and its request's id (under the write lock). */
  private int largestFrame;

  private volatile String largestFrameId;
  private volatile boolean sessionRevoked;
  private volatile CommandException.AccountSuspended suspension;
  private final CountDownLatch readerEnded = new CountDownLatch(1);

  private RelayConnection(
      Connected connected, FrameCodec codec, Duration timeout, Listener listener)
      throws IOException {
    this.socket = connected.tls();
    this.transport = connected.tcp();
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    this.codec = codec;
    this.timeout = timeout;
    this.listener = listener;
  }

  /**
   * Connects, checks the pinned certificate, says hello and starts reading.
   *
   * @throws CommandException.Network if the relay is unreachable, speaks another protocol or shows
   *     an unpinned certificate
   */
  static RelayConnection open(
      TlsConnector connector, FrameCodec codec, Duration timeout, Listener listener) {
    Connected connected = connector.connect();
    Socket socket = connected.tls();
    try {
      RelayConnection connection = new RelayConnection(connected, codec, timeout, listener);
      Thread reader = new Thread(connection::readLoop, "chat-relay-reader");
      reader.setDaemon(true);
      reader.start();
      try {
        HelloReply hello =
            connection.call(
                new HelloRequest(connection.nextId(), ProtocolVersions.OFFERED, "chat-cli"),
                HelloReply.class);
        if (!ProtocolVersions.OFFERED.contains(hello.version())) {
          throw new CommandException.Network("the relay answered with an unknown version", null);
        }
        connection.version = hello.version();
        return connection;
      } catch (RuntimeException e) {
        connection.close(); // no answer in time, or interrupted (a client closing): not left open
        throw e;
      }
    } catch (IOException e) {
      closeQuietly(socket);
      throw new CommandException.Network("cannot talk to the relay: " + e.getMessage(), e);
    }
  }

  /** The wire version agreed in the hello exchange. */
  int version() {
    return version;
  }

  /**
   * The account password for a {@code put_key_backup}, or null for a relay older than {@link
   * ProtocolVersions#KEY_BACKUP_PASSWORD}, which refuses the field: such a relay takes the backup
   * on the session alone.
   */
  Secret keyBackupPassword(char[] password) {
    return version >= ProtocolVersions.KEY_BACKUP_PASSWORD ? Secret.ofChars(password) : null;
  }

  /**
   * This connection if it agreed on wire version {@code needed} or newer; else a usage error saying
   * that the relay at {@code server} is older and what it therefore {@code lacks} (e.g. {@code it
   * has no groups}).
   */
  RelayConnection requireVersion(int needed, String server, String lacks) {
    if (version < needed) {
      throw new CommandException.Usage(
          "the relay at " + server + " is older (wire version " + version + "): " + lacks);
    }
    return this;
  }

  /** A fresh request id. */
  String nextId() {
    return Long.toString(ids.incrementAndGet(), 36);
  }

  /** True until the connection ended. */
  boolean isOpen() {
    return !socket.isClosed();
  }

  /**
   * Pings the relay so that its idle timeout does not close a quiet connection, and drops the
   * connection if within the request timeout the ping is neither answered nor could be written
   * (behind a write stuck on the link) and nothing else came from the relay either: a relay that
   * stopped answering, or a link that died without a word (a laptop that slept, a network that
   * changed), which the socket alone would not notice for many minutes. A busy connection, whose
   * answer waits behind a download, or whose ping waits behind an upload that is still moving on a
   * slow uplink, is kept. The listener hears a drop as a lost connection, so a live client
   * reconnects. Other failures are left to whatever uses the connection next: it fails the same way
   * and says why.
   */
  void keepAlive() {
    long started = System.nanoTime();
    // On a thread of its own: the ping's own write can block on a link that died with a full send
    // buffer, where no timeout reaches it; the caller (the client's timer, which also reconnects
    // and saves the state) waits a bounded time, and the drop ends that write.
    CompletableFuture<CommandException> ping = new CompletableFuture<>();
    Thread pinging =
        new Thread(
            () -> {
              try {
                expect(exchange(new PingRequest(nextId()), true), PongReply.class);
                ping.complete(null);
              } catch (CommandException e) {
                ping.complete(e);
              } catch (RuntimeException e) {
                ping.completeExceptionally(e);
              }
            },
            "chat-ping");
    pinging.setDaemon(true);
    pinging.start();
    CommandException failure;
    try {
      failure = ping.get(timeout.toNanos() + PING_WRITE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      failure = new CommandException.Network("the ping could not be written", e);
    } catch (ExecutionException e) {
      // A failure of the client itself: said in its log, and the next ping tries again (the
      // timer's task must not throw, or it never runs again).
      LOG.warn("keep-alive ping failed", e.getCause());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (failure != null
        && timedOut(failure)
        && lastReadNanos - started < 0
        && lastWriteNanos - started < 0) {
      drop("the relay did not answer a ping within " + timeout.toSeconds() + " s");
    }
  }

  /**
   * Whether {@code failure} is a request of this class that got no answer within the timeout (the
   * relay may still have acted on it), not one refused or cut off.
   */
  static boolean timedOut(CommandException failure) {
    return failure instanceof CommandException.Network
        && failure.getCause() instanceof TimeoutException;
  }

  /**
   * Ends the connection as lost, with {@code reason}, by closing the TCP socket under TLS: closing
   * TLS would first send its closing alert, which waits for any write stuck on a link that no
   * longer carries anything. The reader and a stuck writer fail at once.
   */
  private void drop(String reason) {
    if (!closing && !socket.isClosed()) {
      closeReason = reason;
      closeQuietly(transport);
    }
  }

  /**
   * Sends {@code request} and waits for its reply.
   *
   * @throws CommandException the failure kind of an error reply, or a network failure when the
   *     connection ends or no reply comes within the timeout
   */
  <T extends Reply> T call(Request request, Class<T> type) {
    return expect(exchange(request), type);
  }

  /**
   * {@code reply} as a {@code type}, for a caller of {@link #exchange} that has handled the error
   * codes it acts on.
   *
   * @throws CommandException the failure kind of an error reply, or a network failure for a reply
   *     of another type
   */
  static <T extends Reply> T expect(Reply reply, Class<T> type) {
    if (reply instanceof ErrorReply error) {
      throw RelayErrors.toException(error);
    }
    if (!type.isInstance(reply)) {
      throw new CommandException.Network("the relay sent an unexpected reply", null);
    }
    return type.cast(reply);
  }

  /**
   * Sends {@code request} and waits for its reply, an {@link ErrorReply} included (returned, not
   * thrown), for callers that act on particular error codes.
   *
   * @throws CommandException.Network when the connection ends or no reply comes within the timeout
   * @throws CommandException.SessionEnded when the relay closed the connection because the session
   *     was ended elsewhere ({@link #lost})
   */
  Reply exchange(Request request) {
    return exchange(request, false);
  }

  /**
   * {@link #exchange(Request)}; with {@code writeWithinTimeout}, the timeout also counts the wait
   * for another request's write to end, from the start.
   */
  private Reply exchange(Request request, boolean writeWithinTimeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<Reply> future = new CompletableFuture<>();
    pending.put(request.id(), future);
    try {
      byte[] frame = codec.encode(request, version >= ProtocolVersions.BINARY);
      if (!writeWithinTimeout) {
        writeLock.lock();
      } else if (!writeLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new TimeoutException("another write held the connection");
      }
      IOException failedWrite = null;
      try {
        if (frame.length >= largestFrame) {
          largestFrame = frame.length;
          largestFrameId = request.id();
        }
        write(frame);
      } catch (IOException e) {
        failedWrite = e;
      } finally {
        writeLock.unlock();
      }
      if (failedWrite != null) {
        return afterFailedWrite(future, failedWrite);
      }
      long wait = writeWithinTimeout ? deadline - System.nanoTime() : timeout.toNanos();
      return future.get(Math.max(0, wait), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw lost(e.getCause());
    } catch (TimeoutException e) {
      throw new CommandException.Network(
          "the relay did not answer within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException.Network("interrupted while waiting for the relay", e);
    } finally {
      pending.remove(request.id());
    }
  }

  /**
   * Writes {@code frame} and flushes it; a large one (a file chunk) in slices, each of which, once
   * the socket took it, shows that the link still carries bytes ({@link #lastWriteNanos}): on a
   * slow uplink a chunk's write can outlast a keep-alive's timeout, with nothing to read meanwhile.
   * A small write is not counted: on a dead link it still fits in the socket's send buffer.
   */
  private void write(byte[] frame) throws IOException {
    if (frame.length <= WRITE_SLICE_BYTES * 4) {
      out.write(frame);
      out.flush();
      return;
    }
    for (int at = 0; at < frame.length; at += WRITE_SLICE_BYTES) {
      out.write(frame, at, Math.min(WRITE_SLICE_BYTES, frame.length - at));
      out.flush();
      lastWriteNanos = System.nanoTime();
    }
  }

  /**
   * What a request whose write failed gets: the write fails as soon as the relay has reset the
   * connection, often before the reader got to what the relay sent just before it (the notice that
   * the session was ended elsewhere). The reader still reads that from the socket, then ends and
   * fails the request with why; this waits up to {@link #WRITE_FAILURE_GRACE} for that instead of
   * calling the session ended elsewhere a lost connection (which a one-shot transfer would resume,
   * only to have its token refused).
   */
  private Reply afterFailedWrite(CompletableFuture<Reply> future, IOException writeFailure)
      throws InterruptedException, ExecutionException {
    readerEnded.await(
        Math.min(WRITE_FAILURE_GRACE.toMillis(), timeout.toMillis()), TimeUnit.MILLISECONDS);
    if (future.isDone()) {
      return future.get(); // failed by the reader as it ended (or answered after all)
    }
    throw lost(writeFailure); // the reader had ended before this request, or is still reading
  }

  private void readLoop() {
    try {
      while (true) {
        Frame frame = codec.read(in);
        lastReadNanos = System.nanoTime();
        if (frame instanceof Reply reply) {
          onReply(reply);
        } else if (frame instanceof Event event) {
          listener.onEvent(event);
        }
      }
    } catch (IOException | FrameException | RuntimeException e) {
      if (!(e instanceof IOException) && !closing) {
        closeReason = "the relay sent something this client cannot read";
      }
    } finally {
      closeQuietly(socket);
      CommandException failure = new CommandException.Network(closeReason, null);
      pending.values().forEach(future -> future.completeExceptionally(failure));
      readerEnded.countDown();
      listener.onClosed(this, closing, closeReason);
    }
  }

  /** Why this connection ended, as its failures say it; meaningful once it is closed. */
  String closeReason() {
    return closeReason;
  }

  /**
   * Why a request got no answer because the connection ended: the session ended elsewhere if the
   * relay said so as it closed (exit 2, as a refused resume is), else the connection was lost.
   */
  private CommandException lost(Throwable cause) {
    String user = sessionRevoked ? listener.sessionUser() : null;
    if (user != null) {
      return sessionEnded(user);
    }
    return new CommandException.Network(closeReason, cause);
  }

  private void onReply(Reply reply) {
    if (reply.re() == null && reply instanceof ErrorReply error) {
      if (error.code() == ErrorCode.SHUTTING_DOWN) {
        closeReason = ConnectionState.RELAY_SHUTTING_DOWN;
      } else if (error.code() == ErrorCode.SLOW_CONSUMER) {
        closeReason = "this client fell behind and the relay dropped it";
      } else if (error.code() == ErrorCode.ACCOUNT_SUSPENDED) {
        suspension = (CommandException.AccountSuspended) RelayErrors.toException(error);
        closeReason = suspension.getMessage();
        sessionEnded();
      } else if (error.code() == ErrorCode.SESSION_EXPIRED) {
        closeReason =
            "the session was ended from another device (logged out there, ended from a sessions"
                + " list, or the account password was changed)";
        sessionEnded();
      } else if (error.code() == ErrorCode.RATE_LIMITED) {
        // Without a request id: a frame the relay had no room to receive, and it closes.
        closeReason = "the relay was receiving too much at once and dropped this connection";
      } else if (error.code() == ErrorCode.FRAME_TOO_LARGE) {
        frameRefused = true;
        closeReason = "the relay closed the connection (" + error.code() + ")";
      } else if (error.code().closesConnection()) {
        closeReason = "the relay closed the connection (" + error.code() + ")";
      }
      return;
    }
    CompletableFuture<Reply> future = pending.get(reply.re());
    if (future != null) {
      future.complete(reply);
    }
  }

  /**
   * The relay said it ends this connection's session: the listener hears it first ({@link
   * Listener#onSessionEnded}), then the connection counts as revoked. A listener that fails does
   * not make the relay's notice unreadable: requests still fail as the session ended.
   */
  private void sessionEnded() {
    try {
      listener.onSessionEnded(this);
    } catch (RuntimeException e) {
      LOG.warn("could not forget the session the relay ended: {}", e.toString());
    }
    sessionRevoked = true;
  }

  /**
   * Whether the relay closed this connection because a frame it was sent was larger than it takes
   * ({@code FRAME_TOO_LARGE}), and the request {@code id}'s was the largest written on it: then it
   * was that one, or one before it, so the relay read nothing of it. (The error names no request: a
   * smaller one may have been read before a larger one was refused.)
   */
  boolean refusedUnread(String id) {
    return frameRefused && id.equals(largestFrameId);
  }

  /**
   * Whether the relay closed this connection because its session was logged out elsewhere: a resume
   * with the same token cannot succeed, so the client must not try one.
   */
  boolean sessionRevoked() {
    return sessionRevoked;
  }

  /**
   * Why the relay closed this connection as {@link #sessionRevoked}, for {@code user}: the account
   * was suspended ({@code ACCOUNT_SUSPENDED}), or the session was ended elsewhere.
   */
  CommandException.SessionEnded sessionEnded(String user) {
    CommandException.AccountSuspended suspended = suspension;
    return suspended != null
        ? CommandException.SessionEnded.suspended(user, suspended)
        : CommandException.SessionEnded.endedElsewhere(user);
  }

  @Override
  public void close() {
    closing = true;
    closeQuietly(socket);
  }

  /**
   * Drops the connection as a network failure would (the listener hears {@code byUs} false, so a
   * live client reconnects): for a caller that saw a request fail and must not reuse it.
   */
  void abort() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed or broken: nothing left to release
    }
  }

  /** Opens the TLS socket to the relay, with the certificate pin checked. */
  interface TlsConnector {
    /** A connected TLS socket whose handshake is complete and whose certificate is accepted. */
    Connected connect();
  }

  /**
   * A connection as a {@link TlsConnector} opened it: the TLS socket, and the TCP socket under it
   * ({@link #drop} closes that one). The same socket twice where there is no TLS (tests).
   */
  record Connected(Socket tls, Socket tcp, String fingerprint) {
    /** A connection whose certificate's fingerprint is not known here (a test's). */
    Connected(Socket tls, Socket tcp) {
      this(tls, tcp, null);
    }
  }

  /** The remote address for log lines and messages. */
  String remote() {
    return socket.getRemoteSocketAddress() instanceof InetSocketAddress address
        ? ClientOptions.address(address.getHostString(), address.getPort())
        : "relay";
  }
}
