package chat.cli.client.internal;

import chat.cli.CommandException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Conversations whose delivery waits: a message arrived from a sender whose key could not be pinned
 * (a full or read-only profile), or that could not be opened because the relay did not answer what
 * opening it asks (the connection dropped, the relay is stopping), so it was neither shown nor
 * passed, and the conversation's read position stays before it. The client tries again every 2
 * seconds ({@link #retry}) by syncing from that position, until the key can be written or the relay
 * answers (the catch-up after a reconnect delivers it too); messages pushed to the conversation
 * meanwhile are left for that sync ({@link #holds}), so none is shown out of order or passed. The
 * failure itself is said once, as it happens ({@link Listeners#localWriteFailure}), not at each
 * retry.
 *
 * <p>Recorded on the event thread and retried there; {@link #any} may be asked from any thread.
 */
final class StalledDeliveries {
  /** Per conversation, the sequence number just before the first message that waits. */
  private final Map<String, Long> before = new LinkedHashMap<>();

  /** The message {@code seq} of {@code conversation} could not be recorded: it waits. */
  synchronized void stall(String conversation, long seq) {
    before.merge(conversation, seq - 1, Math::min);
  }

  /** Whether messages of {@code conversation} wait for the profile. */
  synchronized boolean holds(String conversation) {
    return before.containsKey(conversation);
  }

  /** Whether any conversation waits. */
  synchronized boolean any() {
    return !before.isEmpty();
  }

  /**
   * Syncs each waiting conversation from before its first waiting message, on the event thread. A
   * conversation whose messages went through waits no more, nor does one this user is no longer in
   * ({@code listed} says which are): there is nothing left to deliver there. A failure (the profile
   * still cannot be written, or the connection dropped) keeps it waiting and ends the attempt, to
   * be tried again. When none waits any more, a later write failure is said again.
   */
  void retry(CatchUp catchUp, Listeners listeners, Predicate<String> listed) {
    Map<String, Long> waiting;
    synchronized (this) {
      waiting = new LinkedHashMap<>(before);
    }
    for (Map.Entry<String, Long> entry : waiting.entrySet()) {
      String conversation = entry.getKey();
      synchronized (this) {
        before.remove(conversation); // the sync delivers its messages, or stalls it again
      }
      if (!listed.test(conversation)) {
        continue; // left, removed or closed since: nothing waits there any more
      }
      try {
        catchUp.syncFrom(conversation, entry.getValue());
      } catch (CommandException.NotMember e) {
        continue; // removed meanwhile: as above
      } catch (CommandException.FileAccess e) {
        keep(conversation, entry.getValue());
        return; // still cannot be written: said when it first failed, not every 2 seconds
      } catch (RuntimeException e) {
        keep(conversation, entry.getValue());
        throw e;
      }
    }
    if (!any()) {
      listeners.localWriteSucceeded();
    }
  }

  private synchronized void keep(String conversation, long seq) {
    before.merge(conversation, seq, Math::min);
  }
}
