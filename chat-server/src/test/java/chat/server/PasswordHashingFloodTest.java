package chat.server;

import static chat.server.RelayFixture.connect;
import static org.assertj.core.api.Assertions.assertThat;

import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.LoginRequest;
import chat.protocol.PingRequest;
import chat.protocol.PongReply;
import chat.protocol.Reply;
import chat.protocol.Secret;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floods of requests that cost a bcrypt each: concurrent guesses cannot pass the account lockout,
 * and hashing cannot take the workers that cheap requests need.
 */
class PasswordHashingFloodTest {
  @TempDir Path dataDir;

  @Test
  void login_twentyConcurrentGuesses_checkAtMostFivePasswords() throws Exception {
    // Enough workers and bcrypt slots that every guess could be checked at once.
    RelayConfig config =
        RelayFixture.builder(dataDir).bcryptCost(8).workerThreads(32).bcryptThreads(16).build();
    try (Relay relay = Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM)) {
      try (TestClient owner = connect(relay, dataDir)) {
        RelayFixture.register(owner, RelayFixture.identity("alice"));
      }
      List<ErrorCode> codes = guessConcurrently(relay, 20);
      assertThat(codes)
          .filteredOn(ErrorCode.AUTH_FAILED::equals)
          .as("passwords checked")
          .hasSize(5);
      assertThat(codes).filteredOn(ErrorCode.RATE_LIMITED::equals).hasSize(15);
    }
  }

  @Test
  void ping_duringALoginFlood_isAnsweredBeforeAnyPasswordIsChecked() throws Exception {
    // Three workers give one bcrypt slot; a bcrypt takes long enough to see the order clearly.
    RelayConfig config =
        RelayFixture.builder(dataDir).bcryptCost(13).workerThreads(3).bcryptThreads(0).build();
    ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    try (Relay relay = Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM);
        TestClient pinger = connect(relay, dataDir)) {
      List<TestClient> guessers = new ArrayList<>();
      ExecutorService threads = Executors.newFixedThreadPool(6);
      try {
        for (int i = 0; i < 6; i++) {
          guessers.add(connect(relay, dataDir));
        }
        List<Future<?>> logins = new ArrayList<>();
        for (int i = 0; i < guessers.size(); i++) {
          TestClient client = guessers.get(i);
          String name = "ghost" + i;
          logins.add(
              threads.submit(
                  () -> {
                    ErrorReply reply = (ErrorReply) client.call(login(client, name));
                    order.add(reply.code() + ": " + reply.message());
                    return null;
                  }));
        }
        // The first answer to the flood: the workers have taken up its logins.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (order.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        pinger.ok(new PingRequest(pinger.nextId()), PongReply.class);
        order.add("pong");
        for (Future<?> login : logins) {
          login.get(60, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
        for (TestClient client : guessers) {
          client.close();
        }
      }
    }
    List<String> answers = List.copyOf(order);
    assertThat(answers).hasSize(7);
    int pong = answers.indexOf("pong");
    assertThat(answers.subList(0, pong))
        .as("answers before the pong: no password was checked yet")
        .noneMatch(answer -> answer.startsWith("AUTH_FAILED"));
    assertThat(answers)
        .filteredOn(
            "RATE_LIMITED: the relay is busy checking other passwords; retry in a few seconds"
                ::equals)
        .as("logins refused as busy")
        .hasSizeGreaterThan(1);
    // An operator learns of it without DEBUG logging: one audit row for the flood, not one each.
    try (Connection c = Database.openReadOnly(dataDir)) {
      List<AuditEvent> limited =
          new AuditRepository()
              .find(
                  c, new AuditQuery(Optional.empty(), 0, Optional.of(AuditType.RATE_LIMITED), 10));
      assertThat(limited).extracting(AuditEvent::detail).containsExactly("password hashing busy");
    }
  }

  private static LoginRequest login(TestClient client, String name) {
    return new LoginRequest(client.nextId(), name, Secret.of("wrong password"));
  }

  /** {@code count} wrong passwords for alice, sent at once from as many connections. */
  private List<ErrorCode> guessConcurrently(Relay relay, int count) throws Exception {
    List<TestClient> clients = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(count);
    try {
      for (int i = 0; i < count; i++) {
        clients.add(connect(relay, dataDir));
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ErrorCode>> replies = new ArrayList<>();
      for (TestClient client : clients) {
        replies.add(
            threads.submit(
                () -> {
                  start.await();
                  Reply reply = client.call(login(client, "alice"));
                  return ((ErrorReply) reply).code();
                }));
      }
      start.countDown();
      List<ErrorCode> codes = new ArrayList<>();
      for (Future<ErrorCode> reply : replies) {
        codes.add(reply.get(60, TimeUnit.SECONDS));
      }
      return codes;
    } finally {
      threads.shutdownNow();
      for (TestClient client : clients) {
        client.close();
      }
    }
  }
}
