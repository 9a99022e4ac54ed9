package chat.bench.load;

import chat.bench.BenchIdentities;
import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeSealer;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FrameCodec;
import chat.protocol.HelloReply;
import chat.protocol.HelloRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.RegisterRequest;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.protocol.SendRequest;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The relay under test: {@code chat-server.jar} in its own JVM with a fresh data directory, driven
 * over TLS 1.3 with registered users (bcrypt cost 4 for setup) and envelopes sealed with {@link
 * EnvelopeSealer} to the room's members before the timed phase.
 */
public final class RelayTarget implements Target {
  private static final String PASSWORD = "load generator password";

  private final LoadSettings settings;
  private final NettyClients clients;
  private final BenchIdentities identities;
  private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
  private final SecureRandom random = new SecureRandom();
  private final MessageIds ids = new MessageIds();
  private final Map<Integer, char[]> tokens = new ConcurrentHashMap<>();
  private final Path dataDir;
  private ServerProcess server;
  private SslContext tls;
  private int port;

  /** A relay target for up to {@code users} users (identities are made now). */
  public RelayTarget(LoadSettings settings, NettyClients clients, int users) {
    this.settings = settings;
    this.clients = clients;
    this.identities = new BenchIdentities(users, random);
    this.dataDir = settings.workDir().resolve("relay-data");
  }

  @Override
  public String name() {
    return "relay";
  }

  @Override
  public String guarantees() {
    return "TLS 1.3; send acknowledged after fsync (SQLite WAL, synchronous=FULL); every envelope's"
        + " structure, sender, signature and recipients checked";
  }

  @Override
  public void start() throws Exception {
    Files.createDirectories(settings.workDir());
    Workspace.deleteTree(dataDir);
    port = ServerProcess.freePort();
    launch();
  }

  private void launch() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("java");
    command.addAll(settings.relayJavaOptions());
    if (settings.relayRecording() != null) {
      command.add("-XX:StartFlightRecording=name=loadgen,settings=profile");
    }
    command.addAll(
        List.of(
            "-jar",
            settings.relayJar().toString(),
            "--data-dir",
            dataDir.toString(),
            "--port",
            Integer.toString(port),
            "--bcrypt-cost",
            "4",
            "--requests-per-second",
            "1000000",
            "--request-burst",
            "1000000",
            "--idle-timeout-seconds",
            "3600"));
    server =
        ServerProcess.start(
            "relay",
            command,
            Map.of(),
            port,
            settings.workDir().resolve("relay.log"),
            Duration.ofSeconds(60));
    tls = NettyClients.tls(dataDir.resolve("tls.crt"));
  }

  @Override
  public void restart() throws Exception {
    server.stop(Duration.ofSeconds(60));
    launch();
  }

  @Override
  public ServerProcess server() {
    return server;
  }

  @Override
  public CompletableFuture<BenchClient> connect(
      int user, String room, int receiver, Deliveries sink) {
    CompletableFuture<RelayClient> ready =
        RelayClient.open(clients, port, tls, codec, receiver, sink, ids)
            .thenCompose(
                client ->
                    client
                        .expect(
                            new HelloRequest(client.nextId(), List.of(1), "loadgen"),
                            HelloReply.class)
                        .thenCompose(hello -> logIn(client, user)))
            .thenCompose(
                client ->
                    room == null ? CompletableFuture.completedFuture(client) : join(client, room));
    return ready
        .<BenchClient>thenApply(client -> client)
        .whenComplete((client, failure) -> clients.setupDone());
  }

  private CompletableFuture<RelayClient> logIn(RelayClient client, int user) {
    char[] token = tokens.get(user);
    if (token != null) {
      return client
          .expect(
              new ResumeRequest(client.nextId(), Secret.ofChars(token.clone())), ResumeReply.class)
          .thenApply(resumed -> client);
    }
    IdentityKeyPair identity = identities.get(user);
    return client
        .call(
            new RegisterRequest(
                client.nextId(),
                identity.userId(),
                Secret.of(PASSWORD),
                Bytes.of(identity.bundle().encode())))
        .thenCompose(
            registered -> {
              if (registered instanceof ErrorReply error
                  && error.code() != ErrorCode.USERNAME_TAKEN) {
                throw new IllegalStateException("register refused: " + error);
              }
              return client.expect(
                  new LoginRequest(client.nextId(), identity.userId(), Secret.of(PASSWORD)),
                  LoginReply.class);
            })
        .thenApply(
            login -> {
              tokens.put(user, login.token().chars());
              return client;
            });
  }

  private static CompletableFuture<RelayClient> join(RelayClient client, String room) {
    return client
        .expect(new JoinRequest(client.nextId(), room), JoinReply.class)
        .thenApply(joined -> client);
  }

  @Override
  public CompletableFuture<BenchClient> senderFor(int user, BenchClient member, Deliveries sink) {
    return CompletableFuture.completedFuture(member);
  }

  @Override
  public byte[][] encodeMessages(String room, int members, int[] senders, String[] texts) {
    ids.clear();
    List<IdentityBundle> everyone = identities.bundles(0, members);
    byte[][] out = new byte[senders.length][];
    IntStream.range(0, senders.length)
        .parallel()
        .forEach(
            k -> {
              EnvelopeSealer sealer = new EnvelopeSealer(random, Clock.systemUTC());
              Envelope envelope =
                  sealer.seal(identities.get(senders[k]), room, everyone, content(texts[k]));
              ids.put(envelope.header().messageId().toByteArray(), k);
              out[k] = codec.encode(new SendRequest("m" + k, room, Bytes.of(envelope.encode())));
            });
    ids.publish();
    return out;
  }

  /** The end-to-end plaintext a chat client would seal: content v1 {@code text}. */
  private static byte[] content(String text) {
    return ("{\"kind\":\"text\",\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public int deliveriesPerMessage(int members) {
    return members - 1;
  }

  /** The data directory of the running relay (its TLS certificate, database). */
  public Path dataDir() {
    return dataDir;
  }

  /** The relay's port. */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    if (server != null) {
      dumpRecording();
      server.close();
    }
  }

  /** Dumps the flight recording (the relay exits by halting, which skips JFR's own dump). */
  private void dumpRecording() {
    Path file = settings.relayRecording();
    if (file == null) {
      return;
    }
    try {
      new ProcessBuilder(
              "jcmd",
              Long.toString(server.pid()),
              "JFR.dump",
              "name=loadgen",
              "filename=" + file.toAbsolutePath())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("jcmd JFR.dump failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
