package chat.cli.client.internal;

import chat.protocol.Event;
import chat.protocol.GroupEvent;
import chat.protocol.MembershipEvent;
import java.util.function.Consumer;

/** Routes connection callbacks of one session to the event thread. */
final class EventHandler {
  private final Listeners listeners;
  private final Consumer<Runnable> post;

  EventHandler(Listeners listeners, Consumer<Runnable> post) {
    this.listeners = listeners;
    this.post = post;
  }

  RelayConnection.Listener forSession(Session target, Reconnector reconnector) {
    return new RelayConnection.Listener() {
      @Override
      public void onEvent(Event event) {
        // A join, leave or removal is recorded here, on the reader thread, before the frames
        // after it are read: a member list the relay sends after announcing a join (asked for by
        // a send right after it) then never finds that member unannounced because the event
        // thread had not got to the announcement yet.
        if (event instanceof MembershipEvent || event instanceof GroupEvent) {
          Events.recordMembership(target, event);
        }
        post.accept(() -> new Events(target, listeners).handle(event));
      }

      @Override
      public void onSessionEnded(RelayConnection connection) {
        reconnector.sessionEnded(target, connection);
      }

      @Override
      public void onClosed(RelayConnection connection, boolean byUs, String reason) {
        post.accept(() -> reconnector.connectionLost(target, connection, byUs, reason));
      }

      @Override
      public String sessionUser() {
        return target.username();
      }
    };
  }
}
