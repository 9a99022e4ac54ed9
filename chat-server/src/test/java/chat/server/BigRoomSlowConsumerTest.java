package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.crypto.Bytes;
import chat.crypto.Ed25519Signer;
import chat.crypto.Envelope;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.Event;
import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.HelloReply;
import chat.protocol.HelloRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.MessageEvent;
import chat.protocol.RegisterReply;
import chat.protocol.RegisterRequest;
import chat.protocol.Reply;
import chat.protocol.Request;
import chat.protocol.Secret;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.protocol.StoredMessage;
import chat.protocol.SyncReply;
import chat.protocol.SyncRequest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One stalled member in a big room: the sender keeps getting acknowledgements, every other member
 * keeps getting every message, the stalled one is dropped once its unsent bytes pass the bound and
 * catches up from its cursor. CI runs 50 members; {@code -Dchat.bigroom.members=1000} runs the
 * full-size room (see SECURITY.md). The relay has one event loop, so the stalled member's
 * connection shares it with every other member's.
 */
class BigRoomSlowConsumerTest {
  private static final int MEMBERS = Integer.getInteger("chat.bigroom.members", 50);
  private static final int TEXT_CHARS = 2_000;
  private static final int BULK_CHARS = 90_000;
  private static final int FRAME_BYTES = Math.max(128 << 10, MEMBERS * 800 + (64 << 10));
  private static final long PENDING_BYTES = 2L * FRAME_BYTES;

  /**
   * Room-wide messages, each followed by a large one to the stalled member alone: enough to pass
   * the kernel's socket buffers (a few MB on loopback) and the relay's bound on unsent bytes.
   */
  private static final int MESSAGES = 40 + (int) (PENDING_BYTES / 100_000);

  @TempDir Path dataDir;
  private Relay relay;
  private final List<TestClient> clients = new ArrayList<>();

  @BeforeEach
  void startRelay() throws Exception {
    relay =
        Relay.start(
            RelayFixture.builder(dataDir)
                .maxFrameBytes(FRAME_BYTES)
                .maxPendingBytes(PENDING_BYTES)
                .requestsPerSecond(10_000)
                .requestBurst(10_000)
                // -Dchat.bigroom.members may ask for more members than one address may connect.
                .maxConnectionsPerAddress(0)
                .ioThreads(1)
                .build(),
            Clock.systemUTC(),
            RelayFixture.RANDOM);
  }

  @AfterEach
  void stopRelay() throws Exception {
    for (TestClient client : clients) {
      client.close();
    }
    relay.close();
  }

  /** Members share one RSA key (key generation would dominate); each has its own signing key. */
  private static List<IdentityKeyPair> identities() throws Exception {
    IdentityKeyPair template = RelayFixture.identity("member0");
    List<IdentityKeyPair> out = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      out.add(
          IdentityKeyPair.fromKeys(
              "member" + i,
              System.currentTimeMillis(),
              template.rsaPrivateKeyPkcs8(),
              Ed25519Signer.newSeed(RelayFixture.RANDOM)));
    }
    return out;
  }

  private static long send(
      TestClient client, IdentityKeyPair from, List<IdentityBundle> to, String text)
      throws Exception {
    Envelope envelope = RelayFixture.seal(from, "#big", to, text);
    return client
        .ok(new SendRequest(client.nextId(), "#big", Bytes.of(envelope.encode())), SendReply.class)
        .seq();
  }

  @Test
  void stalledMember_inABigRoom_roomKeepsFlowing_itIsDropped_andCatchesUp() throws Exception {
    long setupStart = System.nanoTime();
    List<IdentityKeyPair> members = identities();
    // In parallel, so that the relay's group commit batches the writes (each alone waits an fsync).
    ExecutorService setup = Executors.newFixedThreadPool(16);
    List<Future<TestClient>> joined = new ArrayList<>();
    for (IdentityKeyPair member : members.subList(0, MEMBERS - 1)) {
      joined.add(
          setup.submit(
              () -> {
                TestClient client = connect(relay, dataDir);
                register(client, member);
                login(client, member.userId());
                client.ok(new JoinRequest(client.nextId(), "#big"), JoinReply.class);
                return client;
              }));
    }
    for (Future<TestClient> client : joined) {
      clients.add(client.get());
    }
    setup.shutdown();
    IdentityKeyPair slow = members.get(MEMBERS - 1);
    StalledClient stalled = new StalledClient(relay.port(), dataDir.resolve("tls.crt"));
    stalled.call(
        new RegisterRequest(
            "r", slow.userId(), Secret.of(RelayFixture.PASSWORD), Bytes.of(slow.bundle().encode())),
        RegisterReply.class);
    stalled.call(
        new LoginRequest("l", slow.userId(), Secret.of(RelayFixture.PASSWORD)), LoginReply.class);
    stalled.call(new JoinRequest("j", "#big"), JoinReply.class);
    System.out.printf(
        "%d members joined in %d ms%n", MEMBERS, (System.nanoTime() - setupStart) / 1_000_000);
    TestClient sender = clients.get(0);
    List<IdentityBundle> recipients =
        members.subList(1, MEMBERS).stream().map(IdentityKeyPair::bundle).toList();
    ConcurrentMap<TestClient, Set<Long>> received = new ConcurrentHashMap<>();

    Set<Long> roomWide = new TreeSet<>();
    Set<Long> acked = new TreeSet<>();
    String text = "x".repeat(TEXT_CHARS);
    String bulk = "y".repeat(BULK_CHARS);
    long t0 = System.nanoTime();
    for (int i = 0; i < MESSAGES; i++) {
      long seq = send(sender, members.get(0), recipients, text + i);
      roomWide.add(seq);
      acked.add(seq);
      // and one large message to the stalled member alone, to fill its queue quickly
      acked.add(send(sender, members.get(0), List.of(slow.bundle()), bulk + i));
    }
    System.out.printf(
        "%d messages acknowledged in %d ms%n", acked.size(), (System.nanoTime() - t0) / 1_000_000);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              for (TestClient member : clients.subList(1, clients.size())) {
                Set<Long> seen = received.computeIfAbsent(member, k -> new TreeSet<>());
                for (Event event = member.events.poll();
                    event != null;
                    event = member.events.poll()) {
                  if (event instanceof MessageEvent message) {
                    seen.add(message.seq());
                  }
                }
                if (!seen.containsAll(roomWide)) {
                  return false;
                }
              }
              return true;
            });

    assertThat(stalled.readUntilClosed()).as("the relay dropped the stalled member").isTrue();
    stalled.close();
    try (TestClient again = connect(relay, dataDir)) {
      login(again, slow.userId());
      Set<Long> caughtUp = new TreeSet<>();
      long cursor = 0;
      boolean more = true;
      while (more) {
        SyncReply page =
            again.ok(new SyncRequest(again.nextId(), "#big", cursor, 0), SyncReply.class);
        page.messages().stream().map(StoredMessage::seq).forEach(caughtUp::add);
        cursor = page.cursor();
        more = page.more();
      }
      assertThat(caughtUp).containsExactlyElementsOf(acked);
    }
    System.out.printf(
        "big room: %d members, %d room-wide messages, one member stalled and dropped%n",
        MEMBERS, MESSAGES);
  }

  /**
   * A member that stops reading after joining, with a tiny socket receive buffer, so that what the
   * relay sends it piles up in the relay's outbound queue (where the bound is enforced) rather than
   * in kernel buffers.
   */
  private static final class StalledClient implements AutoCloseable {
    private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    StalledClient(int port, Path certificate) throws Exception {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream pem = Files.newInputStream(certificate)) {
        trust.setCertificateEntry(
            "relay", CertificateFactory.getInstance("X.509").generateCertificate(pem));
      }
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
      trustManagers.init(trust);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(null, trustManagers.getTrustManagers(), null);
      Socket plain = new Socket();
      plain.setReceiveBufferSize(4096);
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
      socket.setEnabledProtocols(new String[] {"TLSv1.3"});
      socket.startHandshake();
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      call(new HelloRequest("h", List.of(1), "stalled"), HelloReply.class);
    }

    /** Sends {@code request} and reads (skipping events) until its reply. */
    <T extends Reply> T call(Request request, Class<T> type) throws Exception {
      codec.write(out, request);
      out.flush();
      while (true) {
        Frame frame = codec.read(in);
        if (frame instanceof Reply reply && request.id().equals(reply.re())) {
          assertThat(reply).isInstanceOf(type);
          return type.cast(reply);
        }
      }
    }

    /** Reads the backlog; true if the relay closed the connection at its end. */
    boolean readUntilClosed() throws Exception {
      socket.setSoTimeout(10_000);
      try {
        while (true) {
          codec.read(in);
        }
      } catch (SocketTimeoutException stillOpen) {
        return false;
      } catch (IOException closed) {
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
