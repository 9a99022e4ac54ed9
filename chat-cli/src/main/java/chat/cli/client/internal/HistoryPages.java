package chat.cli.client.internal;

import chat.cli.client.HeldMessages;
import chat.cli.client.HistoryPage;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.Posted;
import chat.crypto.MalformedDataException;
import chat.crypto.RecipientEnvelope;
import chat.protocol.ConversationIds;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.PageLimits;
import chat.protocol.StoredMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The last messages of a conversation for {@link RelayChatClient#historyPage}: asks the relay page
 * after page, newest first, until as many as were asked for are shown or the conversation's start
 * is reached, and opens each page through the {@link Inbox}.
 */
final class HistoryPages {
  private final SessionManager sessions;

  HistoryPages(SessionManager sessions) {
    this.sessions = sessions;
  }

  /** Up to {@code limit} of the last messages of conversation {@code id} (already checked). */
  HistoryPage last(String id, int limit) {
    Session session = sessions.require();
    Deque<Posted> newestFirst = new ArrayDeque<>();
    Map<String, HeldMessages> held = new TreeMap<>();
    LeftOutTally leftOut = new LeftOutTally(id);
    long before = 0;
    boolean more = true;
    // Sequence numbers have no gaps: the rows a page examined that it did not return were not
    // encrypted to this user, or withheld (the relay could not read them back); a deleted one is
    // returned without an envelope (wire version 13). The first page starts at the newest, which
    // the cursor tells.
    long top = session.state.cursor(id).orElse(0L);
    // Not above the relay's newest: a cursor read past a backup the relay was restored from is.
    top = Math.min(top, session.newestAtLogin.getOrDefault(id, top));
    long returned = 0;
    long lowest = 0;
    // The lowest number of a message given, and those of the deleted rows: a deleted row older than
    // the join is returned too, and is no "first message given".
    long lowestGiven = Long.MAX_VALUE;
    List<Long> deletedSeqs = new ArrayList<>();
    while (more && newestFirst.size() < limit) {
      RelayConnection relay = session.connection();
      int page = Math.min(PageLimits.MAX, Math.max(limit - newestFirst.size(), 1));
      HistoryReply reply =
          relay.call(new HistoryRequest(relay.nextId(), id, before, page), HistoryReply.class);
      List<StoredMessage> messages = reply.messages();
      returned += messages.size();
      for (StoredMessage message : messages) {
        top = Math.max(top, message.seq());
        if (message.deleted()) {
          deletedSeqs.add(message.seq());
        } else {
          lowestGiven = Math.min(lowestGiven, message.seq());
        }
      }
      if (reply.nextBefore() > 0) {
        lowest = reply.nextBefore();
      }
      List<StoredMessage> opening = new ArrayList<>(messages.size());
      List<RecipientEnvelope> envelopes = new ArrayList<>(messages.size());
      // The newest of them, no more than were asked for (a relay could send more).
      for (int i = messages.size() - 1; i >= Math.max(0, messages.size() - page); i--) {
        StoredMessage message = messages.get(i);
        if (message.deleted()) {
          continue; // its number is accounted for: neither left out nor withheld
        }
        parsed(id, message, leftOut)
            .ifPresent(
                envelope -> {
                  opening.add(message);
                  envelopes.add(envelope);
                });
      }
      HistoryPage opened = session.inbox.openAll(id, opening, envelopes);
      for (Posted message : opened.entries()) {
        if (newestFirst.size() == limit) {
          break;
        }
        newestFirst.addLast(message);
      }
      opened.held().forEach(h -> held.merge(h.sender(), h, (a, b) -> a.with(b.seqs())));
      opened.leftOut().forEach(leftOut::add);
      more = reply.more() && reply.nextBefore() > 1;
      before = reply.nextBefore();
    }
    List<Posted> out = new ArrayList<>(newestFirst.size());
    newestFirst
        .descendingIterator()
        .forEachRemaining(p -> out.add(session.inbox.quotes.requoted(p)));
    List<HeldMessages> heldOut = new ArrayList<>(held.values());
    boolean reachedStart = !more && out.size() < limit;
    // The numbers above the lowest message given that were not returned were not "sent before you
    // joined": not encrypted to this user, or withheld. Known whether or not the start was reached.
    long between = 0;
    if (lowestGiven != Long.MAX_VALUE) {
      long from = lowestGiven;
      long returnedFrom = returned - deletedSeqs.stream().filter(seq -> seq < from).count();
      between = Math.max(0, top - lowestGiven + 1 - returnedFrom);
    }
    // Below it, only a page that reached the start knows what was not given (sent before the join).
    long notForYou =
        reachedStart && lowest > 0 ? Math.max(between, top - lowest + 1 - returned) : between;
    return new HistoryPage(out, heldOut, notForYou, between, leftOut.messages());
  }

  /**
   * The envelope of {@code stored}, if it parses, is for conversation {@code id} and, in a private
   * conversation, from one of its two people; otherwise it is counted in {@code leftOut}, as
   * damaged, as from another conversation or as from an outsider.
   */
  private static Optional<RecipientEnvelope> parsed(
      String id, StoredMessage stored, LeftOutTally leftOut) {
    RecipientEnvelope envelope;
    try {
      envelope = RecipientEnvelope.parse(stored.envelope().toByteArray());
    } catch (MalformedDataException e) {
      leftOut.count("", LeftOutMessages.Reason.DAMAGED, stored.seq());
      return Optional.empty();
    }
    if (!envelope.header().conversationId().equals(id)) {
      leftOut.count(
          envelope.header().senderId(),
          LeftOutMessages.Reason.NOT_FOR_THIS_CONVERSATION,
          stored.seq());
      return Optional.empty();
    }
    if (ConversationIds.outsider(id, envelope.header().senderId())) {
      leftOut.count(envelope.header().senderId(), LeftOutMessages.Reason.NOT_A_PARTY, stored.seq());
      return Optional.empty();
    }
    return Optional.of(envelope);
  }
}
