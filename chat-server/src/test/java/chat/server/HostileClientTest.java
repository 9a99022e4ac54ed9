package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FrameCodec;
import chat.protocol.LoginRequest;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.Reply;
import chat.protocol.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that attack the relay's front door: malformed and giant frames, slow-loris connections,
 * silent sockets and request floods. None of them crashes the relay, holds a connection open past
 * the idle timeout, or disturbs other clients.
 *
 * <p>Only the tests of the idle timeout use the relay whose timeout is short ({@code idleRelay}):
 * on a busy machine a pause of two seconds between a test's steps would otherwise close a
 * connection that the test needs open.
 */
class HostileClientTest {
  private static final int IDLE_SECONDS = 2;

  @TempDir static Path dataDir;
  @TempDir static Path idleDataDir;
  private static Relay relay;
  private static Relay idleRelay;

  @BeforeAll
  static void startRelays() throws Exception {
    relay = Relay.start(RelayFixture.config(dataDir), Clock.systemUTC(), RelayFixture.RANDOM);
    idleRelay =
        Relay.start(
            RelayFixture.builder(idleDataDir).idleTimeoutSeconds(IDLE_SECONDS).build(),
            Clock.systemUTC(),
            RelayFixture.RANDOM);
    IdentityKeyPair alice = RelayFixture.identity("alice");
    try (TestClient client = connect(relay, dataDir)) {
      register(client, alice);
    }
  }

  @AfterAll
  static void stopRelays() {
    relay.close();
    idleRelay.close();
  }

  private static byte[] framed(byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  private static byte[] framed(String json) {
    return framed(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A ping's JSON with {@code id} as the raw bytes of its id, UTF-8 or not. */
  private static byte[] pingWithId(byte... id) {
    byte[] start = "{\"type\":\"ping\",\"id\":\"".getBytes(StandardCharsets.UTF_8);
    byte[] end = "\"}".getBytes(StandardCharsets.UTF_8);
    byte[] json = Arrays.copyOf(start, start.length + id.length + end.length);
    System.arraycopy(id, 0, json, start.length, id.length);
    System.arraycopy(end, 0, json, start.length + id.length, end.length);
    return json;
  }

  @Test
  void malformedFrames_eachGetBadFrame_andTheConnectionSurvives() throws Exception {
    List<byte[]> bad =
        List.of(
            framed("{nope"),
            framed(""),
            framed("[]"),
            framed("null"),
            framed("42"),
            framed("\"ping\""),
            framed("{\"type\":\"ping\"}"),
            framed("{\"type\":\"no_such_type\",\"id\":\"1\"}"),
            framed("{\"type\":\"ping\",\"id\":\"1\",\"extra\":true}"),
            framed("{\"type\":\"ping\",\"id\":\"1\",\"id\":\"2\"}"),
            framed("{\"type\":\"ping\",\"id\":\"1\"} trailing"),
            framed("{\"type\":\"ping\",\"id\":\"a\\u001b[2Jb\"}"),
            framed("{\"type\":\"ping\",\"id\":\"" + "x".repeat(10_000) + "\"}"),
            framed("{\"type\":\"history\",\"id\":\"1\",\"conversation\":\"#a\",\"before\":1e999}"),
            framed("{\"type\":\"history\",\"id\":\"1\",\"conversation\":\"#a\",\"limit\":\"5\"}"),
            framed("{\"type\":\"sync\",\"id\":\"1\",\"conversation\":\"#a\",\"since\":-1}"),
            framed("{\"type\":\"join\",\"id\":\"1\",\"room\":\"#\\u0000\"}"),
            framed("{\"type\":\"login\",\"id\":\"1\",\"username\":5,\"password\":\"x\"}"),
            framed(
                "{\"type\":\"login\",\"id\":\"1\",\"username\":\"bob\",\"password\":\""
                    + "p".repeat(1025)
                    + "\"}"),
            framed("{\"type\":\"pong\",\"re\":\"1\"}"),
            framed("{\"type\":\"event.presence\",\"username\":\"bob\",\"status\":\"online\"}"),
            framed("[".repeat(5_000) + "]".repeat(5_000)),
            framed(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}),
            framed(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}),
            // an overlong '/' and an overlong ESC, which a lenient decoder would take
            framed(pingWithId((byte) 'a', (byte) 0xC0, (byte) 0xAF)),
            framed(pingWithId((byte) 'a', (byte) 0xE0, (byte) 0x80, (byte) 0x9B)));
    try (TestClient client = connect(relay, dataDir)) {
      for (byte[] frame : bad) {
        client.writeRaw(frame);
        ErrorReply error = client.unsolicited.poll(10, TimeUnit.SECONDS);
        assertThat(error).as(new String(frame, StandardCharsets.UTF_8)).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.BAD_FRAME);
        assertThat(error.message()).hasSizeLessThanOrEqualTo(512);
        if (new String(frame, StandardCharsets.UTF_8).contains("p".repeat(1025))) {
          assertThat(error.message()).contains("secret too long"); // PacketDiagram says so
        }
      }
      assertThat(client.call(new PingRequest("still-here"))).isInstanceOf(PongReply.class);
    }
  }

  @Test
  void giantLengthPrefix_getsFrameTooLarge_closesOnlyThatConnection() throws Exception {
    try (TestClient bystander = connect(relay, dataDir)) {
      for (int length : new int[] {FrameCodec.DEFAULT_MAX_FRAME_BYTES + 1, -1}) {
        try (TestClient attacker = connect(relay, dataDir)) {
          attacker.writeRaw(ByteBuffer.allocate(4).putInt(length).array());
          assertThat(attacker.unsolicited.poll(10, TimeUnit.SECONDS).code())
              .isEqualTo(ErrorCode.FRAME_TOO_LARGE);
          assertThat(attacker.isClosedByPeer()).isTrue();
        }
      }
      assertThat(bystander.call(new PingRequest("p"))).isInstanceOf(PongReply.class);
    }
  }

  /**
   * Requests in the same write as a frame too large are answered before the error that ends the
   * connection: a login is checked (bcrypt, slower than the refusal) and its reply, then the
   * pings', arrive in order, and only then the error and the close.
   */
  @Test
  void frameTooLarge_behindRequests_comesAfterTheirReplies() throws Exception {
    FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    try (TestClient client = connect(relay, dataDir)) {
      java.io.ByteArrayOutputStream write = new java.io.ByteArrayOutputStream();
      write.write(
          codec.encode(new LoginRequest("in", "alice", Secret.of(RelayFixture.PASSWORD)), false));
      for (String id : List.of("p1", "p2", "p3")) {
        write.write(framed("{\"type\":\"ping\",\"id\":\"" + id + "\"}"));
      }
      write.write(ByteBuffer.allocate(4).putInt(FrameCodec.DEFAULT_MAX_FRAME_BYTES + 1).array());

      client.writeRaw(write.toByteArray());

      assertThat(client.unsolicited.poll(20, TimeUnit.SECONDS).code())
          .isEqualTo(ErrorCode.FRAME_TOO_LARGE);
      assertThat(client.replyOrder).as("after the hello").endsWith("in", "p1", "p2", "p3");
      assertThat(client.isClosedByPeer()).isTrue();
    }
  }

  /**
   * A client still sending when the relay closes its connection (here a frame too large, then more
   * bytes the relay no longer reads; a session ended elsewhere during an upload is the same) gets
   * the error and then the end of the stream, not a reset: a socket closed with unread bytes is
   * reset by the kernel, and a reset may throw away the error the relay sent just before it.
   */
  @Test
  void closingWhileTheClientStillSends_endsTheStreamCleanly_notWithAReset() throws Exception {
    try (TestClient attacker = connect(relay, dataDir)) {
      ByteBuffer frame = ByteBuffer.allocate(4 + 32 * 1024);
      frame.putInt(FrameCodec.DEFAULT_MAX_FRAME_BYTES + 1);
      attacker.writeRaw(frame.array());
      assertThat(attacker.unsolicited.poll(10, TimeUnit.SECONDS).code())
          .isEqualTo(ErrorCode.FRAME_TOO_LARGE);
      for (int i = 0; i < 8; i++) {
        attacker.writeRaw(new byte[8 * 1024]);
      }
      assertThat(attacker.isClosedByPeer()).isTrue();
      assertThat(attacker.endedBy).isInstanceOf(java.io.EOFException.class);
    }
  }

  @Test
  void frameOfGarbageAtTheSizeLimit_isRejected_andTheConnectionSurvives() throws Exception {
    byte[] body = new byte[FrameCodec.DEFAULT_MAX_FRAME_BYTES];
    java.util.Arrays.fill(body, (byte) '{');
    try (TestClient client = connect(relay, dataDir)) {
      client.writeRaw(framed(body));
      assertThat(client.unsolicited.poll(20, TimeUnit.SECONDS).code())
          .isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(client.call(new PingRequest("p"))).isInstanceOf(PongReply.class);
    }
  }

  @Test
  void slowLoris_lengthPrefixThenOneByteAtATime_isClosedByTheIdleTimeout_andReleased()
      throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> idleRelay.connectionCount() == 0);
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger sent = new AtomicInteger();
    try (TestClient client = connect(idleRelay, idleDataDir)) {
      client.writeRaw(ByteBuffer.allocate(4).putInt(100_000).array());
      trickle.scheduleAtFixedRate(
          () -> {
            try {
              client.writeRaw(new byte[] {' '});
              sent.incrementAndGet();
            } catch (IOException e) {
              throw new IllegalStateException("closed", e);
            }
          },
          0,
          250,
          TimeUnit.MILLISECONDS);
      assertThat(idleRelay.connectionCount()).isEqualTo(1);
      assertThat(client.isClosedByPeer()).as("dropped while still trickling").isTrue();
      assertThat(sent.get()).as("bytes trickled before the drop").isPositive();
    } finally {
      trickle.shutdownNow();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> idleRelay.connectionCount() == 0);
  }

  @Test
  void silentSocket_thatNeverStartsTls_isClosedByTheIdleTimeout() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), idleRelay.port())) {
      socket.setSoTimeout(15_000);
      InputStream in = socket.getInputStream();
      int read;
      try {
        read = in.read();
      } catch (IOException reset) {
        read = -1;
      }
      assertThat(read).as("end of stream: the relay closed the socket").isEqualTo(-1);
    }
  }

  @Test
  void requestFlood_isRateLimited_andAnotherConnectionIsUnaffected() throws Exception {
    try (TestClient flooder = connect(relay, dataDir);
        TestClient neighbour = connect(relay, dataDir)) {
      login(neighbour, "alice");
      List<CompletableFuture<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        replies.add(flooder.sendAsync(new PingRequest("f" + i)));
      }
      assertThat(neighbour.call(new PingRequest("n"))).isInstanceOf(PongReply.class);
      long limited = 0;
      for (CompletableFuture<Reply> reply : replies) {
        if (reply.get(20, TimeUnit.SECONDS) instanceof ErrorReply error) {
          assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
          limited++;
        }
      }
      assertThat(limited).isGreaterThan(500);
      // Refused or not, every request is answered in its turn.
      assertThat(flooder.replyOrder.subList(1, flooder.replyOrder.size()))
          .containsExactlyElementsOf(IntStream.range(0, 1_000).mapToObj(i -> "f" + i).toList());
    }
  }
}
