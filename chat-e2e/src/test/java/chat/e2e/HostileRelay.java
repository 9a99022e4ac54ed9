package chat.e2e;

import chat.protocol.Frame;
import chat.protocol.FrameCodec;
import chat.protocol.HelloReply;
import chat.protocol.LoginReply;
import chat.protocol.ResumeReply;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A relay that misbehaves on purpose: a TLS man-in-the-middle between real clients and the real
 * relay. It terminates the clients' TLS with its own certificate (so, to a client that pinned it,
 * it <em>is</em> the relay), decodes every frame in both directions with {@link FrameCodec}, and
 * lets a test rewrite, drop, add or replay frames through a {@link Tamper}. It holds no user key:
 * it can do exactly what a compromised relay can do.
 */
final class HostileRelay implements AutoCloseable {
  /** A rewriting rule; the default forwards everything unchanged. */
  interface Tamper {
    /** What the client receives instead of {@code frame} from the relay (empty drops it). */
    default List<Frame> toClient(Link link, Frame frame) {
      return List.of(frame);
    }

    /** What the relay receives instead of {@code frame} from the client (empty drops it). */
    default List<Frame> toRelay(Link link, Frame frame) {
      return List.of(frame);
    }
  }

  /** One client connection and its upstream connection to the real relay. */
  final class Link {
    private final Socket client;
    private final SSLSocket relay;
    private final OutputStream toClient;
    private final OutputStream toRelay;
    private volatile String username;
    private volatile int version;

    private Link(Socket client, SSLSocket relay) throws IOException {
      this.client = client;
      this.relay = relay;
      this.toClient = client.getOutputStream();
      this.toRelay = relay.getOutputStream();
    }

    /** The user logged in on this link, once a login or resume reply passed through. */
    Optional<String> username() {
      return Optional.ofNullable(username);
    }

    /** Sends {@code frame} to the client as if the relay had sent it. */
    void sendToClient(Frame frame) {
      write(toClient, frame);
    }

    /** Sends {@code frame}, length prefix included, to the client as they are. */
    void sendRawToClient(byte[] frame) {
      try {
        synchronized (toClient) {
          toClient.write(frame);
          toClient.flush();
        }
      } catch (IOException e) {
        close();
      }
    }

    /** The wire version the two ends agreed on, 0 before the relay's hello reply. */
    int version() {
      return version;
    }

    private void write(OutputStream out, Frame frame) {
      try {
        synchronized (out) {
          out.write(codec.encode(frame, version));
          out.flush();
        }
      } catch (IOException e) {
        close();
      }
    }

    private void pump(InputStream in, boolean fromRelay) {
      try {
        while (true) {
          Frame frame = codec.read(in);
          if (fromRelay && frame instanceof HelloReply hello) {
            // Frames are written back in the encoding the two ends agreed on (binary messages from
            // wire version 3, binary pages from 8), as a relay on the path would.
            version = hello.version();
          } else if (fromRelay && frame instanceof LoginReply login) {
            username = login.username();
          } else if (fromRelay && frame instanceof ResumeReply resume) {
            username = resume.username();
          }
          Tamper rule = tamper;
          List<Frame> out = fromRelay ? rule.toClient(this, frame) : rule.toRelay(this, frame);
          for (Frame each : out) {
            write(fromRelay ? toClient : toRelay, each);
          }
        }
      } catch (Exception e) {
        close();
      }
    }

    void close() {
      links.remove(this);
      closeQuietly(client);
      closeQuietly(relay);
    }
  }

  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  private final SecureRandom random = new SecureRandom();
  private final int relayPort;
  private final SSLContext upstream;
  private final ServerSocket listener;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private volatile SSLContext downstream;
  private volatile String certificateSha256;
  private volatile Tamper tamper = new Tamper() {};

  /** A proxy in front of the relay on {@code relayPort}, whose certificate is in that file. */
  HostileRelay(int relayPort, Path relayCertificate) throws Exception {
    this.relayPort = relayPort;
    this.upstream = trusting(relayCertificate);
    newCertificate();
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "hostile-relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port clients connect to. */
  int port() {
    return listener.getLocalPort();
  }

  /** Lowercase hex SHA-256 of the certificate shown to new connections. */
  String certificateSha256() {
    return certificateSha256;
  }

  /** Replaces the rewriting rule for every frame from now on. */
  void tamper(Tamper rule) {
    this.tamper = rule;
  }

  /** The open link of {@code username}, once it logged in through this proxy. */
  Link linkOf(String username) {
    return links.stream()
        .filter(link -> link.username().filter(username::equals).isPresent())
        .findFirst()
        .orElseThrow(() -> new AssertionError(username + " is not connected through the proxy"));
  }

  /** How many client connections are open through the proxy now. */
  int openLinks() {
    return links.size();
  }

  /** Closes every open link; clients see a lost connection and reconnect. */
  void dropConnections() {
    List.copyOf(links).forEach(Link::close);
  }

  /** Shows a new self-signed certificate (new key) to every connection from now on. */
  void newCertificate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256, random);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=hostile-relay");
    long now = System.currentTimeMillis();
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        name,
                        new BigInteger(64, random),
                        new Date(now - 86_400_000L),
                        new Date(now + 86_400_000L),
                        name,
                        pair.getPublic())
                    .build(
                        new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    char[] password = "unused".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("relay", pair.getPrivate(), password, new Certificate[] {certificate});
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, password);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(factory.getKeyManagers(), null, random);
    certificateSha256 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    downstream = context;
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry(
          "relay", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket plain = listener.accept();
        Thread setup = new Thread(() -> open(plain), "hostile-relay-link");
        setup.setDaemon(true);
        setup.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void open(Socket plain) {
    SSLSocket client = null;
    SSLSocket relay = null;
    try {
      client =
          (SSLSocket)
              downstream.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
      client.setUseClientMode(false);
      client.setEnabledProtocols(new String[] {"TLSv1.3"});
      client.startHandshake();
      relay =
          (SSLSocket)
              upstream.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), relayPort);
      relay.setEnabledProtocols(new String[] {"TLSv1.3"});
      relay.startHandshake();
      Link link = new Link(client, relay);
      links.add(link);
      InputStream fromClient = new BufferedInputStream(client.getInputStream());
      InputStream fromRelay = new BufferedInputStream(relay.getInputStream());
      Thread up = new Thread(() -> link.pump(fromClient, false), "hostile-relay-up");
      up.setDaemon(true);
      up.start();
      link.pump(fromRelay, true);
    } catch (IOException e) {
      closeQuietly(client == null ? plain : client);
      closeQuietly(relay);
    }
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    dropConnections();
  }
}
