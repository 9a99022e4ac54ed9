package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.ConnectionState;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a live client does now and then with its current session ({@link SessionManager}): writes
 * the profile's state, looks for trust another process changed, says timed mutes that ended,
 * delivers again what waited for a write, and pings the relay. A task of the timer that threw would
 * never run again: each catches what it can meet.
 */
final class SessionHousekeeping {
  private final SessionManager sessions;
  private final Listeners listeners;
  private final Clock clock;

  SessionHousekeeping(SessionManager sessions, Clock clock) {
    this.sessions = sessions;
    this.listeners = sessions.listeners();
    this.clock = clock;
  }

  /** Schedules the tasks on {@code timer}, the ping every {@code keepAlive}. */
  void start(ScheduledExecutorService timer, Duration keepAlive) {
    timer.scheduleWithFixedDelay(this::saveState, 2, 2, TimeUnit.SECONDS);
    timer.scheduleWithFixedDelay(this::retryStalled, 2, 2, TimeUnit.SECONDS);
    timer.scheduleWithFixedDelay(this::checkContacts, 2, 2, TimeUnit.SECONDS);
    timer.scheduleWithFixedDelay(this::endMutes, 1, 1, TimeUnit.SECONDS);
    long every = keepAlive.toMillis();
    timer.scheduleWithFixedDelay(this::ping, every, every, TimeUnit.MILLISECONDS);
  }

  /** Every 2 s: writes the profile's state if it changed ({@link ClientState#save}). */
  private void saveState() {
    Session current = sessions.current().orElse(null);
    if (current != null) {
      try {
        if (current.state.save()) {
          listeners.localWriteSucceeded();
        }
      } catch (CommandException.FileAccess e) {
        // once closed, close() saves again, and a failure of that one is its own to throw
        if (!sessions.closed()) {
          sessions.post(() -> listeners.localWriteFailure(e.getMessage()));
        }
      }
    }
  }

  /**
   * Every 2 s: looks whether another process of the profile changed a contact's trust ({@link
   * ContactStore#onChangedElsewhere}).
   */
  private void checkContacts() {
    Session current = sessions.current().orElse(null);
    if (current != null) {
      try {
        current.contacts.checkForChanges();
      } catch (RuntimeException e) {
        // a damaged file is said at its next use; a task of the timer that threw never runs again
      }
    }
  }

  /** Every second: says the end of this user's timed mutes that ran out ({@link TimedMutes}). */
  private void endMutes() {
    Session current = sessions.current().orElse(null);
    if (current != null && current.timedMutes.anyEnded(clock.instant())) {
      sessions.post(() -> new Events(current, listeners).mutesEnded(clock.instant()));
    }
  }

  /** Every 2 s: delivers again what waited for a profile write ({@link StalledDeliveries}). */
  private void retryStalled() {
    Session current = sessions.current().orElse(null);
    if (current != null
        && current.connectionState() == ConnectionState.ONLINE
        && current.inbox.stalled.any()) {
      sessions.post(
          () ->
              current.inbox.stalled.retry(
                  new CatchUp(current, listeners), listeners, current::lists));
    }
  }

  /**
   * Every keep-alive interval: pings the session's connection ({@link RelayConnection#keepAlive}),
   * which drops it if the relay no longer answers; the reader then reports the loss and the client
   * reconnects. A connection already closed is left to that: a task of the timer that threw would
   * never run again.
   */
  private void ping() {
    Session current = sessions.current().orElse(null);
    RelayConnection connection = current == null ? null : current.rawConnection();
    if (connection != null
        && connection.isOpen()
        && current.connectionState() == ConnectionState.ONLINE) {
      connection.keepAlive();
    }
  }
}
