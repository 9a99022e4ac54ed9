package chat.cli.client.internal;

import chat.protocol.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The events other than messages that the relay pushed to a session before its login was announced
 * to the listeners. The relay tells the invitations and friend requests waiting for the user right
 * after its login reply, while the key passphrase may still be being typed; until the login is
 * announced a listener does not know whose session it is, and would name the user as someone else
 * ({@code alice invited bob to #dev} instead of {@code alice invited you to #dev: /join #dev to
 * enter}). They are handled in order once it is. Used on the event thread only.
 */
final class EventsBeforeLogin {
  /**
   * Most events kept; a flood beyond it from the relay is dropped (what waits for the user is told
   * again at the next login).
   */
  static final int MAX_EVENTS = 1000;

  private final List<Event> kept = new ArrayList<>();
  private boolean announced;

  /**
   * Whether {@code event} waits for the login to be announced (it is kept, unless too many are).
   */
  boolean keep(Event event) {
    if (announced) {
      return false;
    }
    if (kept.size() < MAX_EVENTS) {
      kept.add(event);
    }
    return true;
  }

  /**
   * The login was announced: events are handled as they come from now on, and {@code handle} gets
   * those kept, in the order they came.
   */
  void announced(Consumer<Event> handle) {
    announced = true;
    List<Event> waiting = List.copyOf(kept);
    kept.clear();
    waiting.forEach(handle);
  }
}
