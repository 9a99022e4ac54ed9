package chat.server.internal.audit;

import chat.server.internal.relay.ClientConnection;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.WriteQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's {@link AuditLog}: {@link #record} only stamps the time and offers the event to a
 * bounded queue; one thread drains the queue in batches into the {@link WriteQueue} (one write per
 * batch, so audit rows ride along in the group commits) and prunes rows older than the retention.
 *
 * <p>If the queue is full (the database is stalled), new events are dropped and counted, and an
 * {@link AuditType#ERROR} event saying how many were lost is written once the queue drains: the
 * audit log can lose events under overload, but never silently and never by slowing requests.
 * {@link #close()} writes everything still queued; close it before the write queue.
 */
public final class QueuedAuditLog implements AuditLog, AutoCloseable {
  /** Events held in memory before new ones are dropped. */
  public static final int DEFAULT_CAPACITY = 10_000;

  /** How often rows past the retention are deleted. */
  public static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(QueuedAuditLog.class);
  private static final int MAX_BATCH = 500;
  private static final long POLL_MILLIS = 200;

  private final WriteQueue writes;
  private final AuditRepository repository;
  private final Clock clock;
  private final long retentionMillis;
  private final BlockingQueue<AuditEvent> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closing;
  private long nextPruneMillis;

  /**
   * Starts the audit writer thread.
   *
   * @param writes the relay's write queue
   * @param repository the SQL of the audit table
   * @param clock stamps the events and drives pruning
   * @param retention how long events are kept; {@link Duration#ZERO} keeps them forever
   * @param capacity events held before new ones are dropped
   */
  public QueuedAuditLog(
      WriteQueue writes,
      AuditRepository repository,
      Clock clock,
      Duration retention,
      int capacity) {
    this.writes = Objects.requireNonNull(writes, "writes");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (retention.isNegative() || capacity < 1) {
      throw new IllegalArgumentException("retention must not be negative, capacity positive");
    }
    this.retentionMillis = retention.toMillis();
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "relay-audit");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void record(AuditType type, String username, String remoteAddress, String detail) {
    offer(new AuditEvent(clock.millis(), type, username, remoteAddress, "", detail));
  }

  @Override
  public void record(ClientConnection connection, AuditType type, String username, String detail) {
    offer(
        new AuditEvent(
            clock.millis(),
            type,
            username,
            connection.remoteAddress(),
            connection.logId(),
            detail));
  }

  private void offer(AuditEvent event) {
    if (closing) {
      return;
    }
    if (!queue.offer(event) && dropped.getAndIncrement() == 0) {
      LOG.warn("audit queue full: dropping audit events until it drains");
    }
  }

  private void run() {
    List<AuditEvent> batch = new ArrayList<>(MAX_BATCH + 1);
    try {
      while (true) {
        boolean finishing = closing;
        AuditEvent first = queue.poll(finishing ? 0 : POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
          batch.add(
              new AuditEvent(
                  clock.millis(),
                  AuditType.ERROR,
                  "",
                  "",
                  "",
                  lost + " audit events dropped: the audit queue was full"));
        }
        if (!batch.isEmpty()) {
          write(List.copyOf(batch));
          batch.clear();
        }
        pruneIfDue();
        if (finishing && first == null) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(List<AuditEvent> events) {
    try {
      writes
          .submit(
              c -> {
                repository.insertAll(c, events);
                return null;
              })
          .join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      // A storage failure says what failed (disk full, read-only), as the write queue logged it.
      String why =
          cause instanceof chat.server.internal.relay.RelayException relay
                  && relay.getMessage() != null
              ? relay.getMessage()
              : cause.getClass().getSimpleName();
      LOG.error(
          "audit write of {} {} failed: {}",
          events.size(),
          events.size() == 1 ? "event" : "events",
          why);
    }
  }

  private void pruneIfDue() {
    long now = clock.millis();
    if (retentionMillis == 0 || now < nextPruneMillis || closing) {
      return;
    }
    nextPruneMillis = now + PRUNE_INTERVAL.toMillis();
    try {
      int removed = writes.submit(c -> repository.deleteBefore(c, now - retentionMillis)).join();
      if (removed > 0) {
        LOG.info("audit log: {} events older than the retention removed", removed);
      }
    } catch (CompletionException e) {
      LOG.error("audit pruning failed: {}", e.getCause().getClass().getSimpleName());
    }
  }

  /** Stops taking events, writes everything queued, and stops the thread. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
