package chat.server.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.WriteQueue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueuedAuditLogTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final AuditQuery ALL =
      new AuditQuery(Optional.empty(), 0, Optional.empty(), AuditQuery.MAX_LIMIT);

  @TempDir Path dataDir;
  private Database database;
  private WriteQueue writes;
  private final AuditRepository repository = new AuditRepository();

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dataDir);
    writes = new WriteQueue(database);
  }

  @AfterEach
  void close() throws Exception {
    writes.close();
    database.close();
  }

  private List<AuditEvent> stored() throws Exception {
    return database.read(c -> repository.find(c, ALL));
  }

  @Test
  void record_thenClose_writesEveryEventInOrder() throws Exception {
    QueuedAuditLog audit = new QueuedAuditLog(writes, repository, CLOCK, Duration.ofDays(90), 2000);
    for (int i = 0; i < 1200; i++) {
      audit.record(AuditType.CONNECT, null, "192.0.2." + (i % 250), "n" + i);
    }
    audit.record(AuditType.LOGIN_FAILED, "Alice", "192.0.2.1", "wrong password");

    audit.close();

    List<AuditEvent> events = stored();
    assertThat(events).hasSize(1201);
    assertThat(events.get(0).detail()).isEqualTo("n0");
    assertThat(events.get(1199).detail()).isEqualTo("n1199");
    assertThat(events.get(1200))
        .isEqualTo(
            new AuditEvent(
                NOW.toEpochMilli(),
                AuditType.LOGIN_FAILED,
                "Alice",
                "192.0.2.1",
                "",
                "wrong password"));
  }

  @Test
  void record_queueFullWhileDatabaseStalls_dropsAndLaterSaysHowMany() throws Exception {
    CountDownLatch stalled = new CountDownLatch(1);
    writes.submit(
        c -> {
          try {
            stalled.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
    QueuedAuditLog audit = new QueuedAuditLog(writes, repository, CLOCK, Duration.ZERO, 1);
    for (int i = 0; i < 5; i++) {
      audit.record(AuditType.CONNECT, null, null, "n" + i);
    }

    stalled.countDown();
    audit.close();

    List<AuditEvent> events = stored();
    List<AuditEvent> kept = events.stream().filter(e -> e.type() == AuditType.CONNECT).toList();
    int reported =
        events.stream()
            .filter(e -> e.type() == AuditType.ERROR)
            .peek(
                e ->
                    assertThat(e.detail())
                        .endsWith(" audit events dropped: the audit queue was full"))
            .mapToInt(e -> Integer.parseInt(e.detail().substring(0, e.detail().indexOf(' '))))
            .sum();
    assertThat(reported).isPositive().isEqualTo(5 - kept.size());
    // The first event always fits the empty queue; the report of what was dropped comes after it.
    // An event kept after the report may follow it (the writer took the first one and made room).
    assertThat(events.get(0).detail()).isEqualTo("n0");
    assertThat(events.get(0).type()).isEqualTo(AuditType.CONNECT);
  }

  @Test
  void record_afterClose_isIgnored() throws Exception {
    QueuedAuditLog audit = new QueuedAuditLog(writes, repository, CLOCK, Duration.ZERO, 10);
    audit.close();

    audit.record(AuditType.LOGIN, "alice", null, null);

    assertThat(stored()).isEmpty();
  }

  @Test
  void start_withRetention_prunesOlderEvents() throws Exception {
    long old = NOW.minus(Duration.ofDays(31)).toEpochMilli();
    long recent = NOW.minus(Duration.ofDays(29)).toEpochMilli();
    writes
        .submit(
            c -> {
              repository.insertAll(
                  c,
                  List.of(
                      new AuditEvent(old, AuditType.LOGIN, "alice", "", "", ""),
                      new AuditEvent(recent, AuditType.LOGIN, "bob", "", "", "")));
              return null;
            })
        .join();

    QueuedAuditLog audit = new QueuedAuditLog(writes, repository, CLOCK, Duration.ofDays(30), 10);
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> stored().stream().map(AuditEvent::username).toList(), List.of("bob")::equals);
    } finally {
      audit.close();
    }
  }

  @Test
  void start_retentionZero_keepsEverything() throws Exception {
    long ancient = NOW.minus(Duration.ofDays(3650)).toEpochMilli();
    writes
        .submit(
            c -> {
              repository.insertAll(
                  c, List.of(new AuditEvent(ancient, AuditType.LOGIN, "alice", "", "", "")));
              return null;
            })
        .join();

    QueuedAuditLog audit = new QueuedAuditLog(writes, repository, CLOCK, Duration.ZERO, 10);
    audit.record(AuditType.LOGOUT, "alice", null, null);
    audit.close();

    assertThat(stored())
        .extracting(AuditEvent::type)
        .containsExactly(AuditType.LOGIN, AuditType.LOGOUT);
  }
}
