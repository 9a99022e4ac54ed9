package chat.server.internal.relay;

import chat.protocol.ErrorCode;
import chat.server.internal.storage.SuspensionRepository;
import chat.server.internal.storage.SuspensionRepository.Suspension;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the connections of the accounts the relay's operator suspended ({@code chat-server users
 * suspend}, which writes {@code relay.db} while the relay runs): every {@value #INTERVAL_SECONDS}
 * seconds, on its own thread, a suspended account that still has connections (suspended while
 * logged in, or logging in as the suspension was written) has them closed with {@link
 * ErrorCode#ACCOUNT_SUSPENDED}. The table is small (one row per suspended account), so each look is
 * one short read. Logins and resumes of a suspended account are refused by {@link LoginCheck}.
 */
public final class SuspensionWatch implements AutoCloseable {
  /** How often the relay looks for suspended accounts with open connections, in seconds. */
  public static final int INTERVAL_SECONDS = 2;

  private static final Logger LOG = LoggerFactory.getLogger(SuspensionWatch.class);

  private final Storage storage;
  private final SuspensionRepository suspensions;
  private final LocalRouter router;
  private final AccountService accounts;
  private final PeriodicTask timer = new PeriodicTask("relay-suspension-watch");

  /** A watch over these collaborators; {@link #start} schedules its look. */
  public SuspensionWatch(
      Storage storage,
      SuspensionRepository suspensions,
      LocalRouter router,
      AccountService accounts) {
    this.storage = storage;
    this.suspensions = suspensions;
    this.router = router;
    this.accounts = accounts;
  }

  /** Looks every {@value #INTERVAL_SECONDS} seconds from now on. */
  public void start() {
    timer.every(
        Duration.ofSeconds(INTERVAL_SECONDS),
        this::closeSuspended,
        LOG,
        "looking for suspended accounts failed");
  }

  /**
   * Closes every connection of a suspended account, with {@link ErrorCode#ACCOUNT_SUSPENDED};
   * returns how many.
   */
  public int closeSuspended() {
    Map<String, Suspension> suspended = storage.read(suspensions::all);
    int closed = 0;
    for (Map.Entry<String, Suspension> entry : suspended.entrySet()) {
      if (router.connections(entry.getKey()).isEmpty()) {
        continue;
      }
      try {
        closed +=
            accounts.closeAll(
                entry.getKey(),
                ErrorCode.ACCOUNT_SUSPENDED,
                ErrorCode.suspended(entry.getValue().reason()));
      } catch (RuntimeException e) {
        // One account's failure must not keep the others' connections open.
        LOG.error("closing the connections of a suspended account failed", e);
      }
    }
    return closed;
  }

  /** Stops looking; a look in progress finishes first. */
  @Override
  public void close() {
    timer.close();
  }
}
