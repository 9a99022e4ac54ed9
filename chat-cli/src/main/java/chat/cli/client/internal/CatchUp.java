package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.DeliveryNotice;
import chat.protocol.ConversationState;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.StoredMessage;
import chat.protocol.SyncReply;
import chat.protocol.SyncRequest;
import java.util.List;
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
        conversation(conversation.conversation(), conversation.lastSeq());
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

  /** Catches up one conversation whose newest sequence number is {@code lastSeq}. */
  void conversation(String conversation, long lastSeq) {
    if (listeners.messagesStopped()) {
      return;
    }
    Optional<Long> cursor = session.state.cursor(conversation);
    if (cursor.isEmpty()) {
      firstView(conversation, lastSeq);
    } else if (cursor.get() < lastSeq) {
      syncFrom(conversation, cursor.get());
    }
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
    long cursor = since;
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
          if (message.seq() > expected) {
            gap(conversation, expected, message.seq() - 1);
          }
          expected = Math.max(expected, message.seq() + 1);
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
