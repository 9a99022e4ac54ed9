package chat.bench.load;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Redis pub/sub baseline: redis-server on loopback with a generated config (no persistence, no
 * protected mode). Each member subscribes to the room's channel; a sender publishes from a second
 * connection, since a subscribed RESP2 connection cannot publish, so its own subscription receives
 * its messages too. Nothing is stored. Plain TCP, or TLS 1.3 ({@code redis-tls}) with a certificate
 * made for the run by the JDK's {@code keytool}, so that the relay's TLS can be set beside a server
 * that does nothing but encrypt and forward. Messages may be padded to more bytes than the text
 * (the same message, carried in as many bytes as the relay sends each member of it), to see what
 * delivering the relay's bytes costs a server that does nothing else.
 */
public final class RedisTarget extends BaselineTarget {
  private static final char[] STORE_PASSWORD = "loadgen".toCharArray();

  private final boolean tls;
  private final int paddedTo;
  private SslContext clientTls;

  /** A Redis target, over TLS if {@code tls}, carrying each message as its text. */
  public RedisTarget(LoadSettings settings, NettyClients clients, boolean tls) {
    this(settings, clients, tls, 0);
  }

  /**
   * A Redis target, over TLS if {@code tls}, carrying each message's text padded to {@code
   * paddedTo} bytes (0: the text as it is).
   */
  public RedisTarget(LoadSettings settings, NettyClients clients, boolean tls, int paddedTo) {
    super(settings, clients, tls ? "redis-tls" : "redis");
    if (paddedTo != 0 && paddedTo < 16) {
      throw new IllegalArgumentException("Redis messages are padded to at least 16 bytes");
    }
    this.tls = tls;
    this.paddedTo = paddedTo;
  }

  @Override
  public String guarantees() {
    return (tls ? "TLS 1.3 (OpenSSL)" : "plain TCP (no TLS)")
        + "; pub/sub, nothing stored; PUBLISH answered after fan-out"
        + (paddedTo == 0 ? "" : "; each message padded to " + paddedTo + " bytes");
  }

  @Override
  List<String> command() throws Exception {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "bind 127.0.0.1",
                "protected-mode no",
                "daemonize no",
                "save \"\"",
                "appendonly no",
                "maxclients 50000",
                "dir " + home,
                "logfile \"\""));
    if (tls) {
      Path certificate = home.resolve("cert.pem");
      Path key = home.resolve("key.pem");
      if (!Files.exists(certificate)) { // a restart keeps the certificate
        selfSigned(certificate, key);
      }
      clientTls = NettyClients.tls(certificate);
      lines.addAll(
          List.of(
              "port 0",
              "tls-port " + port,
              "tls-cert-file " + certificate,
              "tls-key-file " + key,
              "tls-auth-clients no",
              "tls-protocols \"TLSv1.3\""));
    } else {
      lines.add("port " + port);
    }
    Path config = home.resolve("redis.conf");
    Files.writeString(config, String.join("\n", lines) + "\n");
    return List.of(settings.redisServer(), config.toString());
  }

  /**
   * Writes a self-signed P-256 certificate for 127.0.0.1 and its PKCS#8 key as PEM files, made by
   * the running JDK's {@code keytool} (a PKCS#12 store in {@link #home}, read back here).
   */
  private void selfSigned(Path certificate, Path key) throws IOException, GeneralSecurityException {
    Path store = home.resolve("tls.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "redis",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-sigalg",
                "SHA256withECDSA",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(STORE_PASSWORD))
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("keytool.log").toFile())
            .start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("keytool failed; see " + home.resolve("keytool.log"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making a certificate", e);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, STORE_PASSWORD);
    }
    Key privateKey = keys.getKey("redis", STORE_PASSWORD);
    Files.writeString(certificate, pem("CERTIFICATE", keys.getCertificate("redis").getEncoded()));
    Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
  }

  private static String pem(String label, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /** The channel of a room: its name; {@code lobby} for the default room. */
  static String channel(String room) {
    return room == null ? "lobby" : room;
  }

  @Override
  public CompletableFuture<BenchClient> connect(
      int user, String room, int receiver, Deliveries sink) {
    return RedisClient.open(clients, port, clientTls, receiver, sink)
        .thenCompose(
            client -> client.command("SUBSCRIBE", channel(room)).thenApply(reply -> client))
        .<BenchClient>thenApply(client -> client)
        .whenComplete((client, failure) -> clients.setupDone());
  }

  @Override
  public CompletableFuture<BenchClient> senderFor(int user, BenchClient member, Deliveries sink) {
    return RedisClient.open(clients, port, clientTls, -1, sink)
        .<BenchClient>thenApply(client -> client)
        .whenComplete((client, failure) -> clients.setupDone());
  }

  /** Appends the messages to a list named after the room, as a store of history would. */
  @Override
  public void storeHistory(
      BenchClient sender, String room, int members, int count, int payloadBytes) {
    RedisClient client = (RedisClient) sender;
    client.command("DEL", historyKey(room)).orTimeout(60, TimeUnit.SECONDS).join();
    for (int k = 0; k < count; k++) {
      String text = TextPayload.text(k, payloadBytes);
      client
          .command(
              "RPUSH", historyKey(room), paddedTo == 0 ? text : TextPayload.padded(text, paddedTo))
          .orTimeout(60, TimeUnit.SECONDS)
          .join();
    }
  }

  /** The list's newest {@code limit} entries ({@code LRANGE key -limit -1}). */
  @Override
  public CompletableFuture<Integer> fetchHistory(BenchClient reader, String room, int limit) {
    return ((RedisClient) reader)
        .command("LRANGE", historyKey(room), Integer.toString(-limit), "-1")
        .orTimeout(60, TimeUnit.SECONDS)
        .thenApply(
            reply -> {
              if (!(reply instanceof List<?> items)) {
                throw new IllegalStateException("LRANGE answered " + reply);
              }
              return items.size();
            });
  }

  private static String historyKey(String room) {
    return "history:" + channel(room);
  }

  @Override
  public byte[][] encodeMessages(String room, int members, int[] senders, String[] texts) {
    byte[][] out = new byte[texts.length][];
    for (int k = 0; k < texts.length; k++) {
      String text = paddedTo == 0 ? texts[k] : TextPayload.padded(texts[k], paddedTo);
      out[k] = RespDecoder.command("PUBLISH", channel(room), text);
    }
    return out;
  }

  @Override
  public int deliveriesPerMessage(int members) {
    return members;
  }
}
