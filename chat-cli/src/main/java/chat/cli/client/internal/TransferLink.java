package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.ConnectionState;
import chat.protocol.Reply;
import chat.protocol.Request;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The connection a long file transfer, or a message whose answer did not come, uses across
 * disconnects: the session's current connection while it is up; after it is lost, the next one. A
 * live client reconnects by itself and this waits for it; a one-shot client is resumed here with
 * its stored session token. Gives up after its patience ({@link #PATIENCE} for a transfer) without
 * a connection, however many requests were waiting for it ({@link Outage}).
 */
final class TransferLink implements FileLink {
  /** How long a transfer waits for the relay to come back. */
  static final Duration PATIENCE = Duration.ofMinutes(2);

  private final SessionManager sessions;
  private final Session session;
  private final boolean live;
  private final Duration patience;
  private final Outage outage;

  /** Whether a one-shot client's listeners were told of the loss that is being waited out. */
  private boolean lossSaid;

  /** A link that waits up to {@code patience} for a lost connection to come back. */
  TransferLink(SessionManager sessions, Session session, boolean live, Duration patience) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.session = Objects.requireNonNull(session, "session");
    this.live = live;
    this.patience = Objects.requireNonNull(patience, "patience");
    this.outage = new Outage(patience, System::nanoTime);
  }

  @Override
  public Reply exchange(Function<String, Request> build) {
    RelayConnection relay = online();
    try {
      return relay.exchange(build.apply(relay.nextId()));
    } catch (CommandException.Network e) {
      // A write can fail before the reader notices the loss: make sure this one is not reused.
      relay.abort();
      throw e;
    }
  }

  /** The session this link belongs to. */
  Session session() {
    return session;
  }

  /** The session's connection if it is up now; never waits for one. */
  Optional<RelayConnection> ifOnline() {
    RelayConnection current = session.rawConnection();
    if (sessions.current().orElse(null) == session
        && current != null
        && current.isOpen()
        && session.connectionState() == ConnectionState.ONLINE) {
      return Optional.of(current);
    }
    return Optional.empty();
  }

  /**
   * Before a transfer's first request on the session's connection (the members check): a one-shot
   * client whose connection is already down resumes on a new one here, as it does for a loss during
   * the transfer, instead of failing with "not connected to the relay". A live client's is refused
   * at once while it reconnects ("try again in a moment"), even when the members could be checked
   * from its cache: the transfer would otherwise wait, unseen, to go out long after.
   *
   * @throws CommandException as {@link #online} does, for a one-shot client
   */
  void beforeStart() {
    if (!live) {
      online();
    } else {
      session.connection(); // refuses while not online, whatever the member cache could answer
    }
  }

  /**
   * An online connection: the current one, or a new one after a loss.
   *
   * @throws CommandException.Network if none comes within the patience of the loss (counted once
   *     for all the requests that wait for the same outage)
   * @throws CommandException.SessionEnded if the relay ended the session or no longer accepts its
   *     token (a one-shot client's {@link SessionManager#reopen}), or a live client's reconnect
   *     stopped because the relay ended the session ({@link Session#ended})
   * @throws CommandException.Untrusted if a one-shot client's new connection finds the relay
   *     holding another key for the user ({@link SessionManager#reopen})
   */
  RelayConnection online() {
    CommandException last = null;
    for (int attempt = 0; ; attempt++) {
      if (sessions.current().orElse(null) != session) {
        throw new CommandException.Network(
            sessions.closed()
                ? "the client was closed before it finished (/quit, or the end of the command)"
                : "the session ended while waiting for the relay",
            null);
      }
      CommandException.SessionEnded ended = session.ended();
      if (ended != null) {
        throw ended; // a live client stopped reconnecting: no connection is coming
      }
      RelayConnection current = session.rawConnection();
      if (current != null
          && current.isOpen()
          && session.connectionState() == ConnectionState.ONLINE) {
        outage.over();
        return current;
      }
      if (!live) {
        sayLost(current);
        try {
          RelayConnection reopened = sessions.reopen(session);
          outage.over();
          sayBack();
          return reopened;
        } catch (CommandException.Auth
            | CommandException.Untrusted
            | CommandException.KeyRejected e) {
          throw e; // trying again cannot help: the session ended, or the key is not the relay's
        } catch (CommandException e) {
          last = e;
          say(ConnectionState.RECONNECTING, e.getMessage()); // a front end reminds of some
        }
      }
      if (outage.exhausted()) {
        throw new CommandException.Network(
            "the connection to the relay was lost and did not come back within "
                + (patience.toSecondsPart() == 0 && patience.toMinutes() > 1
                    ? patience.toMinutes() + " minutes"
                    : patience.toSeconds() + " s"),
            last);
      }
      // A live client reconnects by itself within a second or so: look often. A one-shot client
      // tries again itself: back off.
      pause(live ? 100L : Math.min(5_000L, 250L << Math.min(attempt, 4)));
    }
  }

  /**
   * Tells a one-shot client's listeners, once per outage, that the connection is lost and is being
   * brought back (a live client's reconnector says so itself): a script waiting for the relay says
   * why it is waiting.
   */
  private void sayLost(RelayConnection lost) {
    if (!lossSaid) {
      lossSaid = true;
      say(
          ConnectionState.RECONNECTING,
          (lost == null ? "connection to the relay lost" : lost.closeReason()) + "; reconnecting");
    }
  }

  /** After {@link #sayLost}: tells the listeners the connection is back. */
  private void sayBack() {
    if (lossSaid) {
      lossSaid = false;
      say(ConnectionState.ONLINE, "reconnected to " + sessions.options().server());
    }
  }

  private void say(ConnectionState state, String detail) {
    sessions.post(() -> sessions.listeners().connection(state, detail));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandException.Network("interrupted while waiting for the relay", e);
    }
  }
}
