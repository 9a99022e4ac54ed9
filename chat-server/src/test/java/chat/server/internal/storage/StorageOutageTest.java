package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.CapturedLog;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StorageOutage}: a disk that fills up under a busy relay gives one line when writes start
 * to be refused, at most one a minute while they are, and one when they are stored again.
 */
class StorageOutageTest {
  private final CapturedLog log = CapturedLog.of(WriteQueue.class);
  private long now = TimeUnit.HOURS.toNanos(5);
  private final StorageOutage outage = new StorageOutage(() -> now);

  @AfterEach
  void stopListening() {
    log.close();
  }

  private List<String> lines() {
    return log.events().stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  private void refuseOne() {
    outage.unavailable("relay.db cannot be written (SQLITE_FULL)");
    outage.refused(1);
  }

  @Test
  void refusals_oneLineAtTheStart_oneAMinuteWhileTheyLast_andOneWhenStoredAgain() {
    for (int i = 0; i < 100; i++) {
      refuseOne();
      now += TimeUnit.MILLISECONDS.toNanos(100);
    }
    assertThat(lines())
        .containsExactly(
            "ERROR storage unavailable: relay.db cannot be written (SQLITE_FULL); check the data"
                + " directory's free space, quota, permissions and mount. Writes are refused"
                + " until then");

    now += TimeUnit.SECONDS.toNanos(51);
    refuseOne();
    outage.stored();
    outage.stored();

    assertThat(lines())
        .hasSize(3)
        .endsWith(
            "ERROR storage still unavailable: relay.db cannot be written (SQLITE_FULL); 100 writes"
                + " refused since the last report",
            "INFO storage writable again after 61 s; 101 writes refused meanwhile");
  }

  @Test
  void aSecondOutage_isSaidAgainFromItsStart() {
    refuseOne();
    outage.stored();
    now += TimeUnit.SECONDS.toNanos(5);
    outage.unavailable("the envelope log (envelopes/) cannot be written (No space left on device)");
    outage.refused(1);
    now += TimeUnit.SECONDS.toNanos(2);
    outage.stored();

    assertThat(lines())
        .hasSize(4)
        .endsWith(
            "ERROR storage unavailable: the envelope log (envelopes/) cannot be written (No space"
                + " left on device); check the data directory's free space, quota, permissions"
                + " and mount. Writes are refused until then",
            "INFO storage writable again after 2 s; 1 write refused meanwhile");
  }
}
