package chat.server;

import chat.protocol.ErrorReply;
import chat.protocol.Event;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.HelloRequest;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.ProtocolVersions;
import chat.protocol.Reply;
import chat.protocol.Request;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A blocking test client over a real TLS 1.3 socket that trusts only the relay's certificate. */
public final class TestClient implements AutoCloseable {
  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  private final SSLSocket socket;
  private final OutputStream out;
  private final Map<String, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
  public final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  public final BlockingQueue<ErrorReply> unsolicited = new LinkedBlockingQueue<>();
  private final AtomicLong ids = new AtomicLong();
  private final Thread reader;
  private final java.util.concurrent.CountDownLatch readingAllowed =
      new java.util.concurrent.CountDownLatch(1);
  private volatile boolean paused;
  private volatile boolean binaryMessages;

  /** The {@code re} of every reply, in the order the replies arrived. */
  public final List<String> replyOrder = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Frames received with a binary body (wire version 3). */
  public final AtomicInteger binaryFramesReceived = new AtomicInteger();

  /** The kind byte of every binary body received, in order. */
  public final List<Byte> binaryKinds = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * What ended the reader: an {@link java.io.EOFException} when the relay closed the connection
   * cleanly, a {@link java.net.SocketException} when it reset it; null while it still reads.
   */
  public volatile Exception endedBy;

  public TestClient(int port, Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry(
          "relay", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, tmf.getTrustManagers(), null);
    socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setEnabledProtocols(new String[] {"TLSv1.3"});
    socket.startHandshake();
    out = socket.getOutputStream();
    InputStream in = new BufferedInputStream(socket.getInputStream());
    reader = new Thread(() -> readLoop(in), "test-client-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void readLoop(InputStream in) {
    try {
      while (true) {
        if (paused) {
          readingAllowed.await();
        }
        DataInputStream data = new DataInputStream(in);
        byte[] body = new byte[data.readInt()];
        data.readFully(body);
        if (body.length > 0 && body[0] == FrameCodec.BINARY_MARKER) {
          binaryFramesReceived.incrementAndGet();
          if (body.length > 1) {
            binaryKinds.add(body[1]);
          }
        }
        Frame frame = codec.decode(body, true);
        if (frame instanceof Event event) {
          events.add(event);
        } else if (frame instanceof Reply reply) {
          if (reply.re() != null) {
            replyOrder.add(reply.re());
          }
          CompletableFuture<Reply> future = reply.re() == null ? null : pending.remove(reply.re());
          if (future != null) {
            future.complete(reply);
          } else if (reply instanceof ErrorReply error) {
            unsolicited.add(error);
          }
        }
      }
    } catch (Exception e) {
      endedBy = e;
      pending.values().forEach(f -> f.completeExceptionally(e));
    }
  }

  public String nextId() {
    return "r" + ids.incrementAndGet();
  }

  synchronized CompletableFuture<Reply> sendAsync(Request request) throws IOException {
    CompletableFuture<Reply> future = new CompletableFuture<>();
    pending.put(request.id(), future);
    out.write(codec.encode(request, binaryMessages));
    out.flush();
    return future;
  }

  synchronized void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  public Reply call(Request request) throws Exception {
    return sendAsync(request).get(20, TimeUnit.SECONDS);
  }

  @SuppressWarnings("unchecked")
  public <T extends Reply> T ok(Request request, Class<T> type) throws Exception {
    Reply reply = call(request);
    if (!type.isInstance(reply)) {
      throw new AssertionError("expected " + type.getSimpleName() + " but got " + reply);
    }
    return (T) reply;
  }

  public void hello() throws Exception {
    call(new HelloRequest(nextId(), List.of(1), "test"));
  }

  /**
   * Says hello offering only {@code version} (e.g. 2 for friends, groups and away presence; 3 for
   * binary {@code send} frames, which this client then sends).
   */
  public void hello(int version) throws Exception {
    call(new HelloRequest(nextId(), List.of(version), "test"));
    binaryMessages = version >= ProtocolVersions.BINARY;
  }

  /**
   * The next event of {@code type} matching {@code test} within 10 s; other events on the way are
   * dropped.
   */
  @SuppressWarnings("unchecked")
  public <T extends Event> T nextEvent(Class<T> type, java.util.function.Predicate<T> test)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Event event = events.poll(100, TimeUnit.MILLISECONDS);
      if (type.isInstance(event) && test.test((T) event)) {
        return (T) event;
      }
    }
    throw new AssertionError("no matching " + type.getSimpleName() + " within 10 s");
  }

  @SuppressWarnings("unchecked")
  public <T extends Event> T nextEvent(Class<T> type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Event event = events.poll(100, TimeUnit.MILLISECONDS);
      if (type.isInstance(event)) {
        return (T) event;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
  }

  /**
   * The events of {@code type} received so far, left in the queue: a ping answered after them
   * proves that every event pushed before this client's last reply has arrived.
   */
  public <T extends Event> List<T> eventsSoFar(Class<T> type) throws Exception {
    ok(new PingRequest(nextId()), PongReply.class);
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Stops reading from the socket after the current frame, as a stalled client would. */
  public void pauseReading() {
    paused = true;
  }

  /** Reads again (for good) after {@link #pauseReading}. */
  public void resumeReading() {
    paused = false;
    readingAllowed.countDown();
  }

  public boolean isClosedByPeer() throws InterruptedException {
    reader.join(10_000);
    return !reader.isAlive();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
