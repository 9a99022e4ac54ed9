package chat.server.internal.relay;

import chat.server.internal.storage.TimedGroupRows;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the timed group bans and mutes that ended, with their reasons: once at start, then every
 * {@link #INTERVAL} on its own thread. An ended ban or mute is absent to every check already
 * ({@link TimedGroupRows}); this only keeps a reason a moderator wrote from staying on the relay's
 * disk long after the ban or mute.
 */
public final class GroupSweeper implements AutoCloseable {
  /** How often ended bans and mutes are deleted. */
  public static final Duration INTERVAL = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(GroupSweeper.class);

  private final Storage storage;
  private final List<TimedGroupRows> tables;
  private final PeriodicTask timer = new PeriodicTask("relay-group-sweeper");

  /** A sweeper over these collaborators; {@link #start} schedules it. */
  public GroupSweeper(Storage storage, TimedGroupRows... tables) {
    this.storage = storage;
    this.tables = List.of(tables);
  }

  /** Sweeps every {@link #INTERVAL} from now on. */
  public void start() {
    timer.sweepEvery(
        INTERVAL,
        this::sweep,
        LOG,
        "ended timed group bans and mutes removed: {}",
        "deleting ended group bans and mutes failed");
  }

  /**
   * Deletes every ban and mute that ended by now; returns how many, which the caller says (the
   * relay's start always does).
   */
  public int sweep() {
    int deleted =
        storage.write(
            c -> {
              int rows = 0;
              for (TimedGroupRows table : tables) {
                rows += table.deleteExpired(c);
              }
              return rows;
            });
    return deleted;
  }

  /** Stops the periodic sweeps; a sweep in progress finishes first. */
  @Override
  public void close() {
    timer.close();
  }
}
