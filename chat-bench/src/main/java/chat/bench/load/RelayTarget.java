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
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.ProtocolVersions;
import chat.protocol.RegisterRequest;
import chat.protocol.ResumeReply;
import chat.protocol.ResumeRequest;
import chat.protocol.Secret;
import chat.protocol.SendReply;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The relay under test: started with its launcher ({@code bin/chat-server}, so with the JVM and
 * allocator settings it ships with) in its own process with a fresh data directory, driven over TLS
 * 1.3 with registered users (bcrypt cost 4 for setup) and envelopes sealed with {@link
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
  private final Set<Integer> registered = ConcurrentHashMap.newKeySet();
  private final Path dataDir;
  private final int wireVersion;

  /** The versions the clients offer in {@code hello}, newest first. */
  private final List<Integer> offered;

  private final String name;
  private ServerProcess server;
  private SslContext tls;
  private int port;

  /**
   * A relay target for up to {@code users} users (identities are made now) whose clients speak the
   * binary wire versions: binary {@code send} and {@code event.message} frames, and binary history
   * pages from a relay that speaks version 8.
   */
  public RelayTarget(LoadSettings settings, NettyClients clients, int users) {
    this(settings, clients, users, false);
  }

  /**
   * As above; with {@code json}, the clients speak wire version 1 (every frame JSON, envelopes in
   * base64), as clients older than version 3 do: target {@code relay-json}.
   */
  public RelayTarget(LoadSettings settings, NettyClients clients, int users, boolean json) {
    this.settings = settings;
    this.clients = clients;
    this.identities = new BenchIdentities(users, random);
    this.wireVersion = json ? 1 : ProtocolVersions.BINARY;
    // Binary clients also offer version 8 (binary history and sync pages): a relay that has it
    // picks it, an older one version 3. Of what versions 4 to 7 add, the generator meets only
    // send_ok's store time, and it reads a send_ok's type alone.
    this.offered =
        json ? List.of(1) : List.of(ProtocolVersions.BINARY_PAGES, ProtocolVersions.BINARY);
    this.name = json ? "relay-json" : "relay";
    this.dataDir = settings.workDir().resolve(name + "-data");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean carriesSequenceNumbers() {
    return true;
  }

  @Override
  public String guarantees() {
    return "TLS 1.3; send acknowledged after fsync (envelope log, then SQLite WAL, synchronous=FULL);"
        + " every envelope's"
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
    List<String> command =
        List.of(
            settings.relayLauncher().toString(),
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
            "3600",
            // Every simulated client connects from 127.0.0.1.
            "--max-connections-per-address",
            "0",
            "--registrations-per-hour",
            "0");
    Map<String, String> environment = new HashMap<>(settings.relayEnvironment());
    environment.put("CHAT_SERVER_JAVA_OPTS", String.join(" ", settings.relayJavaOptions()));
    // Each simulated sender sends far more than a person: no per-account message limit. Set in
    // the environment, which a relay built before that limit ignores, where a flag would not start.
    environment.putIfAbsent("CHAT_SERVER_MESSAGES_PER_SECOND", "1000000");
    environment.putIfAbsent("CHAT_SERVER_MESSAGE_BURST", "1000000");
    server =
        ServerProcess.start(
            name,
            command,
            environment,
            port,
            settings.workDir().resolve(name + ".log"),
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
                            new HelloRequest(client.nextId(), offered, "loadgen"), HelloReply.class)
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
    CompletableFuture<RelayClient> account =
        registered.contains(user)
            ? CompletableFuture.completedFuture(client)
            : register(client, user);
    return account
        .thenCompose(
            ready ->
                client.expect(
                    new LoginRequest(client.nextId(), identity.userId(), Secret.of(PASSWORD)),
                    LoginReply.class))
        .thenApply(
            login -> {
              tokens.put(user, login.token().chars());
              return client;
            });
  }

  private CompletableFuture<RelayClient> register(RelayClient client, int user) {
    IdentityKeyPair identity = identities.get(user);
    return client
        .call(
            new RegisterRequest(
                client.nextId(),
                identity.userId(),
                Secret.of(PASSWORD),
                Bytes.of(identity.bundle().encode())))
        .thenApply(
            reply -> {
              if (reply instanceof ErrorReply error && error.code() != ErrorCode.USERNAME_TAKEN) {
                throw new IllegalStateException("register refused: " + error);
              }
              registered.add(user);
              return client;
            });
  }

  /**
   * Registers users {@code 0 .. count-1} and logs each in once, over a few connections (each login
   * replaces the previous user on its connection, so few are online at a time): the accounts exist
   * and have joined {@code #lobby} before anything is measured, and their session tokens are kept,
   * so that later connections resume without a password.
   */
  @Override
  public void prepareUsers(int count) {
    int lanes = 8;
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int lane = 0; lane < lanes; lane++) {
      int first = lane;
      done.add(
          RelayClient.open(clients, port, tls, codec, -1, new Deliveries(), ids)
              .whenComplete((client, failure) -> clients.setupDone())
              .thenCompose(
                  client ->
                      client
                          .expect(
                              new HelloRequest(client.nextId(), offered, "loadgen"),
                              HelloReply.class)
                          .thenCompose(hello -> prepareEvery(client, first, lanes, count))
                          .whenComplete((ignored, failure) -> client.close())));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
  }

  private CompletableFuture<Void> prepareEvery(RelayClient client, int first, int step, int count) {
    CompletableFuture<RelayClient> chain = CompletableFuture.completedFuture(client);
    for (int user = first; user < count; user += step) {
      int next = user;
      chain = chain.thenCompose(ready -> logIn(ready, next));
    }
    return chain.thenApply(ready -> null);
  }

  /** Counts the {@code login} lines (each one a bcrypt check) in the log since the last start. */
  @Override
  public long passwordChecksSinceStart() {
    try {
      List<String> lines = Files.readAllLines(server.log(), StandardCharsets.UTF_8);
      long logins = 0;
      for (String line : lines) {
        if (line.contains("Relay listening on")) {
          logins = 0;
        } else if (line.contains(" - login ") || line.contains(" - login failed")) {
          logins++;
        }
      }
      return logins;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Runs a full GC in the relay, then waits for G1 to give back the heap it no longer needs (it
   * uncommits concurrently, after the GC returns).
   */
  @Override
  public long rssAfterCollection() {
    jcmd("GC.run");
    try {
      Thread.sleep(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return server.stats().rssBytes();
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
              Envelope envelope = seal(senders[k], room, everyone, texts[k]);
              ids.put(envelope.header().messageId().toByteArray(), k);
              out[k] =
                  codec.encode(
                      new SendRequest("m" + k, room, Bytes.of(envelope.encode())),
                      wireVersion >= ProtocolVersions.BINARY);
            });
    ids.publish();
    return out;
  }

  @Override
  public void storeHistory(
      BenchClient sender, String room, int members, int count, int payloadBytes) {
    RelayClient client = (RelayClient) sender;
    for (Bytes envelope : seal(room, 0, members, count, payloadBytes)) {
      send(client, room, envelope).join();
    }
  }

  /**
   * {@code count} envelopes of user {@code sender} in {@code conversation}, each sealed to users
   * {@code 0 .. members-1} with a text of {@code textBytes}.
   */
  Bytes[] seal(String conversation, int sender, int members, int count, int textBytes) {
    List<IdentityBundle> everyone = identities.bundles(0, members);
    Bytes[] out = new Bytes[count];
    IntStream.range(0, count)
        .parallel()
        .forEach(
            k ->
                out[k] =
                    Bytes.of(
                        seal(sender, conversation, everyone, TextPayload.text(k, textBytes))
                            .encode()));
    return out;
  }

  /**
   * Sends {@code envelope} to {@code conversation} through {@code client}; completes on send_ok.
   */
  static CompletableFuture<SendReply> send(
      RelayClient client, String conversation, Bytes envelope) {
    return client
        .expect(new SendRequest(client.nextId(), conversation, envelope), SendReply.class)
        .orTimeout(60, TimeUnit.SECONDS);
  }

  @Override
  public CompletableFuture<Integer> fetchHistory(BenchClient reader, String room, int limit) {
    RelayClient client = (RelayClient) reader;
    return client
        .expect(new HistoryRequest(client.nextId(), room, 0, limit), HistoryReply.class)
        .orTimeout(60, TimeUnit.SECONDS)
        .thenApply(reply -> reply.messages().size());
  }

  /** {@code text} sealed by user {@code sender} to {@code everyone} in {@code room}. */
  private Envelope seal(int sender, String room, List<IdentityBundle> everyone, String text) {
    return new EnvelopeSealer(random, Clock.systemUTC())
        .seal(identities.get(sender), room, everyone, content(text));
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

  /** Starts the flight recording, if one was asked for, so that it covers the measured phase. */
  @Override
  public void measuring() {
    if (settings.relayRecording() != null) {
      jcmd("JFR.start", "name=loadgen", "settings=profile");
    }
  }

  /** Dumps the flight recording (the relay exits by halting, which skips JFR's own dump). */
  private void dumpRecording() {
    Path file = settings.relayRecording();
    if (file != null) {
      jcmd("JFR.dump", "name=loadgen", "filename=" + file.toAbsolutePath());
    }
  }

  @Override
  public void memoryDetail(String label) {
    boolean tracking =
        settings.relayJavaOptions().stream()
            .anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking"));
    StringBuilder out = new StringBuilder(jcmd("GC.heap_info"));
    if (tracking) {
      out.append(
          "before".equals(label)
              ? jcmd("VM.native_memory", "baseline")
              : jcmd("VM.native_memory", "summary.diff"));
    }
    try {
      Files.writeString(settings.workDir().resolve("relay-memory-" + label + ".txt"), out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Runs {@code jcmd} on the relay; returns its output. */
  private String jcmd(String... arguments) {
    List<String> command = new ArrayList<>(List.of("jcmd", Long.toString(server.pid())));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return output;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("jcmd failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
