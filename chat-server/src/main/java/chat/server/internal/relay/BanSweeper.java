package chat.server.internal.relay;

import chat.server.internal.storage.GroupBanRepository;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the timed group bans that ended, with their reasons: once at start, then every {@link
 * #INTERVAL} on its own thread. An ended ban is absent to every check already ({@link
 * GroupBanRepository}); this only keeps a reason a moderator wrote from staying on the relay's disk
 * long after the ban.
 */
public final class BanSweeper implements AutoCloseable {
  /** How often ended bans are deleted. */
  public static final Duration INTERVAL = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(BanSweeper.class);

  private final Storage storage;
  private final GroupBanRepository bans;
  private final PeriodicTask timer = new PeriodicTask("relay-ban-sweeper");

  /** A sweeper over these collaborators; {@link #start} schedules it. */
  public BanSweeper(Storage storage, GroupBanRepository bans) {
    this.storage = storage;
    this.bans = bans;
  }

  /** Sweeps every {@link #INTERVAL} from now on. */
  public void start() {
    timer.every(INTERVAL, this::sweep, LOG, "deleting ended group bans failed");
  }

  /** Deletes every ban that ended by now; returns how many. */
  public int sweep() {
    int deleted = storage.write(bans::deleteExpired);
    if (deleted > 0) {
      LOG.info("ended timed group bans removed: {}", deleted);
    }
    return deleted;
  }

  /** Stops the periodic sweeps; a sweep in progress finishes first. */
  @Override
  public void close() {
    timer.close();
  }
}
