package chat.server;

import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeSealer;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.RegisterReply;
import chat.protocol.RegisterRequest;
import chat.protocol.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/** Test helpers: an in-process relay on an ephemeral port, real identities and envelopes. */
public final class RelayFixture {
  public static final SecureRandom RANDOM = new SecureRandom();
  public static final String PASSWORD = "correct horse battery";

  private RelayFixture() {}

  /** The tests' relay: loopback, an ephemeral port, fast bcrypt and no registration limit. */
  public static RelayConfig config(Path dataDir) {
    return builder(dataDir).build();
  }

  /** A builder that starts from {@link #config}, for a test that changes some of it. */
  public static RelayConfigBuilder builder(Path dataDir) {
    // Tests register many users from one address (RegistrationLimitTest checks that limit), and
    // send many messages quickly from one account (MessageRateTest checks that one).
    return RelayConfig.builder("127.0.0.1", 0, dataDir)
        .bcryptCost(4)
        .registrationsPerHour(0)
        .messagesPerSecond(RelayConfig.MAX_COUNT)
        .messageBurst(RelayConfig.MAX_COUNT);
  }

  public static Relay start(Path dataDir) throws Exception {
    return Relay.start(config(dataDir), Clock.systemUTC(), RANDOM);
  }

  public static IdentityKeyPair identity(String userId) {
    return IdentityKeyPair.generate(userId, RANDOM, Clock.systemUTC());
  }

  public static TestClient connect(Relay relay, Path dataDir) throws Exception {
    TestClient client = new TestClient(relay.port(), dataDir.resolve("tls.crt"));
    client.hello();
    return client;
  }

  /** A client that said hello offering only wire {@code version}. */
  public static TestClient connect(Relay relay, Path dataDir, int version) throws Exception {
    TestClient client = new TestClient(relay.port(), dataDir.resolve("tls.crt"));
    client.hello(version);
    return client;
  }

  public static void register(TestClient client, IdentityKeyPair identity) throws Exception {
    client.ok(
        new RegisterRequest(
            client.nextId(),
            identity.userId(),
            Secret.of(PASSWORD),
            Bytes.of(identity.bundle().encode())),
        RegisterReply.class);
  }

  public static LoginReply login(TestClient client, String username) throws Exception {
    return client.ok(
        new LoginRequest(client.nextId(), username, Secret.of(PASSWORD)), LoginReply.class);
  }

  /**
   * Registers and logs in each of {@code people} on its client, then joins them to {@code room}.
   */
  public static void signInAndJoin(
      String room, List<TestClient> clients, List<IdentityKeyPair> people) throws Exception {
    for (int i = 0; i < clients.size(); i++) {
      register(clients.get(i), people.get(i));
      login(clients.get(i), people.get(i).userId());
    }
    for (TestClient client : clients) {
      client.ok(new JoinRequest(client.nextId(), room), JoinReply.class);
    }
  }

  /** {@code sender}'s bundle, then a fresh identity's bundle for each of {@code others}. */
  public static List<IdentityBundle> bundles(IdentityKeyPair sender, String... others) {
    List<IdentityBundle> out = new java.util.ArrayList<>();
    out.add(sender.bundle());
    for (String other : others) {
      out.add(identity(other).bundle());
    }
    return out;
  }

  public static Envelope seal(
      IdentityKeyPair sender, String conversation, List<IdentityBundle> to, String text) {
    return new EnvelopeSealer(RANDOM, Clock.systemUTC())
        .seal(sender, conversation, to, text.getBytes(StandardCharsets.UTF_8));
  }
}
