package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.DeliveryNotice;
import chat.protocol.ConversationState;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.StoredMessage;
import chat.protocol.SyncReply;
import chat.protocol.SyncRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a session up to date after login or a reconnect: for each conversation, everything after
 * its cursor (paged {@code sync}); for a conversation this machine has never seen, the last {@link
 * #FIRST_VIEW} messages as context. Runs on the event thread, so it never races pushed messages.
 * Messages held because their sender's key changed are reported once per conversation and sender
 * when its catch-up ends ({@link Inbox#reportHeld}), not one notice each, and so are those left out
 * for good, once per sender and reason.
 */
final class CatchUp {
  /** Messages shown from a conversation this machine has no cursor for. */
  static final int FIRST_VIEW = 20;

  /** Messages a page while looking for where a relay restored from a backup went back to. */
  static final int REWIND_PAGE = 100;

  /**
   * The most messages read back while looking for it: what a relay stored after the backup's moment
   * beyond them, under numbers this device had read, is taken as read.
   */
  static final int MAX_REWIND = 2_000;

  private final Session session;
  private final Listeners listeners;

  CatchUp(Session session, Listeners listeners) {
    this.session = session;
    this.listeners = listeners;
  }

  /**
   * Catches up every conversation in {@code states}, then those a message was pushed in before the
   * login was ready that this user is in ({@link PushedConversations}). Once the reader wants no
   * more messages ({@link Listeners#messagesStopped}) it ends without a word: what is left, and a
   * failure because the reader closed the connection, are for the next client.
   */
  void run(List<ConversationState> states) {
    CommandException.FileAccess unwritten = null;
    for (ConversationState conversation : states) {
      try {
        conversation(conversation);
      } catch (CommandException.FileAccess e) {
        unwritten = e; // that conversation waits (Inbox.stalled); the others go on
      } catch (CommandException e) {
        failed(conversation.conversation(), e);
        return;
      }
    }
    for (String conversation : List.copyOf(session.pushedBeforeReady)) {
      session.pushedBeforeReady.remove(conversation);
      try {
        if (!PushedConversations.admitMessage(session, listeners, conversation)) {
          continue;
        }
        syncFrom(conversation, session.state.cursor(conversation).orElse(0L));
      } catch (CommandException.FileAccess e) {
        unwritten = e;
      } catch (CommandException e) {
        failed(conversation, e);
      }
    }
    session.state.save();
    if (unwritten != null) {
      throw unwritten; // this machine's disk, not a conversation: said once, by the event thread
    }
  }

  /** A conversation could not be caught up: a notice. */
  private void failed(String conversation, CommandException e) {
    if (!listeners.messagesStopped()) {
      listeners.notice(conversation, "could not catch up: " + e.getMessage());
    }
  }

  /** Catches up one conversation as the relay listed it at login or resume. */
  void conversation(ConversationState state) {
    if (listeners.messagesStopped()) {
      return;
    }
    String conversation = state.conversation();
    long lastSeq = state.lastSeq();
    Optional<Long> cursor = session.state.cursor(conversation);
    if (cursor.isEmpty()) {
      firstView(conversation, lastSeq);
    } else if (session.state.wentBackAt(state)) {
      wentBack(conversation, cursor.get(), lastSeq);
    } else if (cursor.get() < lastSeq) {
      syncFrom(conversation, cursor.get(), true, null);
    }
  }

  /**
   * The relay's {@code conversation} no longer holds what this device read up to {@code cursor}: it
   * was restored from a backup taken before. The cursor goes back to the newest message it still
   * holds that this device read (found by its id, at most {@link #MAX_REWIND} messages back from
   * {@code newest}), with one notice, and what the relay stored after that is delivered: the
   * messages sent since the restore under numbers this device had read. Those it showed before are
   * not shown again (their ids were seen). What it accepted under the numbers the relay now gives
   * to other messages, or no longer has, is then {@link ClientState#superseded}: no later check
   * takes it for what the relay holds there.
   */
  private void wentBack(String conversation, long cursor, long newest) {
    Map<Long, String> accepted = session.state.acceptedIn(conversation);
    long kept = restorePoint(conversation, accepted, Math.min(cursor, newest));
    session.state.rewind(conversation, kept);
    listeners.historyWentBack(conversation, kept);
    listeners.notice(
        conversation,
        "the relay's copy of "
            + session.label(conversation)
            + " goes back to #"
            + kept
            + ", where this device had read up to #"
            + cursor
            + ": the relay was restored from a backup, and what was sent after that is gone from"
            + " it; what was sent since is shown");
    Map<Long, String> relayIds = new HashMap<>();
    long end = syncFrom(conversation, kept, false, relayIds);
    // Past where a sync the reader stopped ended, the relay may still hold what was read there.
    session.state.superseded(
        conversation, accepted, relayIds, end, listeners.messagesStopped() ? end : cursor);
  }

  /**
   * The number of the newest message at or below {@code from} that the relay holds as this device
   * read it (the same id at the same number), read back a page at a time; 0 if none is found, or
   * the lowest number read when {@link #MAX_REWIND} messages, or every message this device
   * remembers reading there, were passed first.
   */
  private long restorePoint(String conversation, Map<Long, String> accepted, long from) {
    long oldestAccepted = accepted.keySet().stream().mapToLong(Long::longValue).min().orElse(0);
    if (accepted.isEmpty() || oldestAccepted > from) {
      return from; // nothing to compare: at least the numbers above the relay's newest are new
    }
    long before = from + 1;
    int read = 0;
    while (read < MAX_REWIND && before > 1) {
      RelayConnection relay = session.connection();
      HistoryReply reply =
          relay.call(
              new HistoryRequest(relay.nextId(), conversation, before, REWIND_PAGE),
              HistoryReply.class);
      List<StoredMessage> page = reply.messages();
      for (int i = page.size() - 1; i >= 0; i--) {
        StoredMessage message = page.get(i);
        String id = accepted.get(message.seq());
        if (id != null && !message.deleted() && id.equals(HeldBook.messageId(message))) {
          return message.seq();
        }
      }
      read += page.size();
      if (page.isEmpty() || !reply.more() || reply.nextBefore() <= 1) {
        return 0;
      }
      before = reply.nextBefore();
      if (before <= oldestAccepted) {
        return before - 1; // below all this device remembers: the rest is taken as read
      }
    }
    return Math.max(0, before - 1);
  }

  private void firstView(String conversation, long lastSeq) {
    if (lastSeq > 0) {
      RelayConnection relay = session.connection();
      HistoryReply reply =
          relay.call(
              new HistoryRequest(relay.nextId(), conversation, 0, FIRST_VIEW), HistoryReply.class);
      try {
        for (StoredMessage message : reply.messages()) {
          session.inbox.deliver(conversation, message, false);
        }
      } finally {
        session.inbox.reportHeld(conversation);
      }
    }
    if (!listeners.messagesStopped()) {
      session.state.advance(conversation, lastSeq);
    }
  }

  /**
   * Delivers everything after {@code since} and returns the cursor reached. Sequence numbers the
   * relay skipped are reported: in a conversation this user is in, a skipped number is a message
   * that was not encrypted to this user (sent before the sender learnt of a join) or one the relay
   * withheld, and the person should know either way. Once the reader wants no more messages, the
   * cursor stays after the last one it took.
   */
  long syncFrom(String conversation, long since) {
    return syncFrom(conversation, since, false, null);
  }

  /**
   * As {@link #syncFrom(String, long)}; with {@code check}, the message at {@code since} is asked
   * for too (one more in the first page, no more requests) and compared with the one this device
   * read there: another one means that the relay went back to a backup and has stored new messages
   * past this device's cursor since ({@link #wentBack}). With {@code relayIds}, the id of each
   * message given (not of a deleted one) is put there by its number.
   */
  private long syncFrom(
      String conversation, long since, boolean check, Map<Long, String> relayIds) {
    String read = check && since > 0 ? session.state.acceptedAt(conversation, since) : null;
    long cursor = read == null ? since : since - 1;
    long expected = since + 1;
    boolean more = true;
    try {
      while (more) {
        RelayConnection relay = session.connection();
        SyncReply reply =
            relay.call(new SyncRequest(relay.nextId(), conversation, cursor, 0), SyncReply.class);
        for (StoredMessage message : reply.messages()) {
          if (listeners.messagesStopped()) {
            break;
          }
          if (read != null && message.seq() == since) {
            if (!message.deleted() && !read.equals(HeldBook.messageId(message))) {
              wentBack(conversation, since, since);
              return session.state.cursor(conversation).orElse(since);
            }
            continue; // the message this device read there (or deleted since)
          }
          if (message.seq() > expected) {
            gap(conversation, expected, message.seq() - 1);
          }
          expected = Math.max(expected, message.seq() + 1);
          if (relayIds != null && !message.deleted()) {
            relayIds.put(message.seq(), HeldBook.messageId(message));
          }
          session.inbox.deliver(conversation, message, false); // a deleted one only advances
        }
        if (listeners.messagesStopped()) {
          return cursor; // the rest of the page is left for the next client
        }
        more = reply.more() && reply.cursor() > cursor;
        cursor = Math.max(cursor, reply.cursor());
        session.state.advance(conversation, cursor);
      }
    } finally {
      session.inbox.reportHeld(conversation);
    }
    if (cursor >= expected) {
      gap(conversation, expected, cursor);
    }
    return cursor;
  }

  private void gap(String conversation, long first, long last) {
    listeners.delivery(
        DeliveryNotice.undelivered(
            conversation,
            last - first + 1,
            range(first, last)
                + " of "
                + session.label(conversation)
                + (first == last ? " was" : " were")
                + " not delivered to you: not encrypted to you (sent before the sender saw you"
                + " join), or withheld by the relay"));
  }

  /** {@code "message #5"} or {@code "messages #5 to #9"}. */
  static String range(long first, long last) {
    return first == last ? "message #" + first : "messages #" + first + " to #" + last;
  }
}
