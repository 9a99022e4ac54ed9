package chat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.RecipientEnvelope;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.protocol.StoredMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the shaded jar as a child process: kill -9 mid-stream, repeatedly and with concurrent
 * senders, loses nothing acknowledged and leaves a consistent database.
 */
class RelayCrashIT {
  private static final int ROUNDS = 3;
  private static final int MIN_ACKS_PER_ROUND = 150;

  @TempDir Path dataDir;

  private Process process;
  private int port;
  private String fingerprintLine;

  private void startRelay() throws Exception {
    ShadedRelay relay =
        ShadedRelay.start(
            dataDir,
            List.of(),
            List.of("--requests-per-second", "10000", "--request-burst", "10000"),
            line -> {
              if (line.contains("TLS certificate SHA-256 fingerprint: ")) {
                fingerprintLine = line.substring(line.indexOf("TLS certificate"));
              }
            });
    process = relay.process;
    port = relay.port;
  }

  private TestClient client() throws Exception {
    TestClient client = new TestClient(port, dataDir.resolve("tls.crt"));
    client.hello();
    return client;
  }

  /**
   * Several rounds of: four members send into one room at once, each with many sends in flight, and
   * the relay is killed with {@code kill -9} mid-stream. Afterwards every acknowledged message is
   * stored exactly once, sequence numbers have no gaps, and SQLite's integrity check passes.
   */
  @Test
  void killDashNine_repeatedUnderConcurrentSenders_keepsEveryAcknowledgedMessage()
      throws Exception {
    List<IdentityKeyPair> senders =
        List.of(
            RelayFixture.identity("alice"),
            RelayFixture.identity("bob"),
            RelayFixture.identity("carol"),
            RelayFixture.identity("dave"));
    startRelay();
    assertThat(fingerprintLine)
        .matches("TLS certificate SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}");
    try (TestClient client = client()) {
      for (IdentityKeyPair sender : senders) {
        RelayFixture.register(client, sender);
        RelayFixture.login(client, sender.userId());
        client.ok(new JoinRequest(client.nextId(), "#crash"), JoinReply.class);
      }
    }
    Set<String> acked = ConcurrentHashMap.newKeySet();
    for (int round = 1; round <= ROUNDS; round++) {
      if (round > 1) {
        startRelay();
      }
      int before = acked.size();
      ExecutorService pool = Executors.newFixedThreadPool(senders.size());
      for (IdentityKeyPair sender : senders) {
        List<IdentityBundle> others =
            senders.stream().filter(o -> o != sender).map(IdentityKeyPair::bundle).toList();
        pool.execute(() -> sendUntilCut(sender, others, acked));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> acked.size() >= before + MIN_ACKS_PER_ROUND);
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    startRelay();
    List<Long> seqs = new ArrayList<>();
    List<String> stored = new ArrayList<>();
    try (TestClient client = client()) {
      RelayFixture.login(client, "alice");
      long before = 0;
      boolean more = true;
      while (more) {
        HistoryReply page =
            client.ok(
                new HistoryRequest(client.nextId(), "#crash", before, 500), HistoryReply.class);
        for (StoredMessage message : page.messages()) {
          seqs.add(message.seq());
          stored.add(
              RecipientEnvelope.parse(message.envelope().toByteArray()).header().messageIdHex());
        }
        before = page.nextBefore();
        more = page.more();
      }
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    System.out.printf(
        "kill -9 rounds: %d, acknowledged: %d, stored: %d, integrity check next%n",
        ROUNDS, acked.size(), stored.size());
    assertThat(stored).containsAll(acked).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(seqs))
        .as("sequence numbers 1..n without gaps")
        .containsExactlyElementsOf(
            LongStream.rangeClosed(1, seqs.size()).boxed().collect(Collectors.toList()));
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("relay.db"));
        Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getString(1)).isEqualTo("ok");
    }
  }

  /**
   * Sends {@code sender}'s messages (to every member) with up to 16 in flight until the relay goes
   * away; records the message id of every acknowledged one.
   */
  private void sendUntilCut(
      IdentityKeyPair sender, List<IdentityBundle> others, Set<String> acked) {
    Semaphore inFlight = new Semaphore(16);
    try (TestClient client = client()) {
      RelayFixture.login(client, sender.userId());
      for (int i = 0; ; i++) {
        if (!inFlight.tryAcquire(10, TimeUnit.SECONDS)) {
          return;
        }
        Envelope envelope = RelayFixture.seal(sender, "#crash", others, sender.userId() + i);
        String messageId = envelope.header().messageIdHex();
        client
            .sendAsync(new SendRequest(client.nextId(), "#crash", Bytes.of(envelope.encode())))
            .whenComplete(
                (reply, failure) -> {
                  if (reply instanceof SendReply ok && ok.messageId().equals(messageId)) {
                    acked.add(messageId);
                  }
                  inFlight.release();
                });
      }
    } catch (Exception cut) {
      // the relay was killed: this sender's round is over
    }
  }
}
