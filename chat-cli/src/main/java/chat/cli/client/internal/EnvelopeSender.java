package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeSealer;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.MemberInfo;
import chat.protocol.Reply;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Seals content to the pinned keys of a conversation's members and sends it, with the refusals of
 * every send (a changed key, a member the relay never announced), and survives an answer that does
 * not come: the same envelope is sent again, on the same connection after a timeout, on the next
 * one after a lost connection. The relay answers a copy of a message it stored with the first
 * copy's {@code send_ok}, so the message is stored once and its sequence number known; an older
 * relay answers {@code DUPLICATE_MESSAGE}, which then means the first copy was stored. A relay
 * report of a recipient who left reseals once to a fresh member list. The own message is recorded
 * as seen.
 *
 * <p>{@link #forFiles} sends a file offer, after its upload: up to {@link #MAX_TRIES} copies,
 * waiting for the connection even before the first. {@link #forText} sends a message a person
 * typed: a client that is not connected refuses it at once, and after a first copy whose answer did
 * not come it sends one more ({@link #TEXT_TRIES}); if that fails too, the error says the message
 * may have been delivered. A send the relay refuses for now ({@code RATE_LIMITED}) waits and goes
 * again, up to {@link #RATE_LIMITED_WAITS} times, not counted as a copy.
 */
final class EnvelopeSender {
  /** Copies of a file offer sent before giving up. */
  static final int MAX_TRIES = 3;

  /**
   * Copies of a text message sent before giving up. A person waits at most two request timeouts
   * and, after a lost connection, the wait for it to come back ({@code RelayChatClient}'s 30 s): a
   * minute and a half at worst with the defaults.
   */
  static final int TEXT_TRIES = 2;

  /**
   * How long a send the relay refused for now ({@code RATE_LIMITED}: over the account's message
   * rate, or the connection's request rate) waits before the same copy goes again. Such a refusal
   * comes before the relay reads the message, so the copy is not counted as one that may have been
   * delivered.
   */
  static final java.time.Duration RATE_LIMITED_PAUSE = java.time.Duration.ofSeconds(1);

  /** Refusals for now that one send waits out before it fails with the relay's words. */
  static final int RATE_LIMITED_WAITS = 60;

  /**
   * Put before a text message's network failure that came before it was sealed (its members or a
   * key could not be fetched): nothing of it went out, so it can be sent again as it is.
   */
  static final String NOT_SENT = "not sent: ";

  /** Added to a text message's last failure once a copy of it may have reached the relay. */
  static final String MAY_BE_DELIVERED =
      "; the message may still have been delivered: look at the conversation's history before"
          + " sending it again";

  /**
   * What was sent.
   *
   * @param seq the relay's sequence number, or 0 if an older relay only said that the first copy
   *     was stored (its answer lost with a connection or a timeout)
   * @param messageId the envelope's message id
   * @param sentAtMillis the envelope's signed time
   * @param storedAtMillis when the relay stored it, or {@code sentAtMillis} if it did not say
   */
  record Sent(long seq, String messageId, long sentAtMillis, long storedAtMillis) {
    /** Checks the fields. */
    Sent {
      java.util.Objects.requireNonNull(messageId, "messageId");
      if (seq < 0) {
        throw new IllegalArgumentException("seq must not be negative");
      }
    }
  }

  private final EnvelopeSealer sealer;
  private final boolean text;

  private EnvelopeSender(EnvelopeSealer sealer, boolean text) {
    this.sealer = sealer;
    this.text = text;
  }

  /** Sends file offers (a refusal worded as for file requests: {@link FileErrors}). */
  static EnvelopeSender forFiles(EnvelopeSealer sealer) {
    return new EnvelopeSender(sealer, false);
  }

  /** Sends text messages (a refusal worded as for any request: {@link RelayErrors}). */
  static EnvelopeSender forText(EnvelopeSealer sealer) {
    return new EnvelopeSender(sealer, true);
  }

  /**
   * Checks that every member's key may be used and that the relay lists nobody it did not announce,
   * without sending anything (so a file is not uploaded only to be refused at its offer).
   *
   * @throws CommandException.Untrusted if a member's key changed and was not accepted, or the relay
   *     lists members this client was never told about (this takes that refusal: see {@link
   *     MemberCache#requireAnnounced})
   */
  static void checkRecipients(Session session, String conversation) {
    List<MemberInfo> members = session.members.members(conversation);
    requireParties(session, conversation, members);
    session.members.requireAnnounced(conversation);
    session.keys.recipients(members, session.me().bundle(), session.profile);
  }

  /**
   * Refuses, every time, a member list of a private conversation that names anyone but the two
   * people its id names: a message there is for them alone, whatever the relay lists (a receiving
   * client leaves out one from anyone else likewise).
   *
   * @throws CommandException.Untrusted naming those listed besides them
   */
  private static void requireParties(
      Session session, String conversation, List<MemberInfo> members) {
    List<String> others =
        members.stream()
            .map(MemberInfo::username)
            .filter(name -> ConversationIds.outsider(conversation, name))
            .map(TerminalSafe::line)
            .toList();
    if (!others.isEmpty()) {
      throw new CommandException.Untrusted(
          "not sent: "
              + AnnouncedMembers.listedAsMembers(others, session.label(conversation))
              + ", a private conversation only its two people may read");
    }
  }

  /** Seals {@code plaintext} to {@code conversation}'s members and sends it over {@code link}. */
  Sent send(TransferLink link, String conversation, byte[] plaintext) {
    Session session = link.session();
    IdentityKeyPair me = session.me();
    for (int seal = 1; ; seal++) {
      List<IdentityBundle> recipients;
      try {
        List<MemberInfo> members = session.members.members(conversation);
        requireParties(session, conversation, members);
        session.members.requireAnnounced(conversation);
        recipients = session.keys.recipients(members, me.bundle(), session.profile);
      } catch (CommandException.Network e) {
        // The members or a key could not be fetched: nothing was sealed, so nothing went out.
        throw text ? new CommandException.Network(NOT_SENT + e.getMessage(), e.getCause()) : e;
      }
      Envelope envelope = sealer.seal(me, conversation, recipients, plaintext);
      Bytes encoded = Bytes.of(envelope.encode());
      String messageId = envelope.header().messageIdHex();
      long at = envelope.header().timestampMillis();
      // Until its answer comes, a catch-up or push that finds this message stored (its first
      // copy's answer lost) leaves it to this send to show, which then shows it once.
      session.state.sending(messageId, true);
      try {
        Optional<Sent> sent = sendCopies(link, session, conversation, encoded, messageId, at, seal);
        if (sent.isPresent()) {
          return sent.get();
        }
      } finally {
        session.state.sending(messageId, false);
      }
    }
  }

  /**
   * Sends {@code encoded} up to its number of copies; empty if the relay reported a recipient who
   * left, for a seal to a fresh member list.
   */
  private Optional<Sent> sendCopies(
      TransferLink link,
      Session session,
      String conversation,
      Bytes encoded,
      String messageId,
      long at,
      int seal) {
    int tries = text ? TEXT_TRIES : MAX_TRIES;
    int waits = 0;
    for (int copy = 1; ; copy++) {
      RelayConnection relay;
      Reply reply;
      try {
        // Text is refused at once while the client reconnects ("try again in a moment"): nothing
        // of it has gone out yet, and a person should not wait on a message they can send again.
        relay = text && copy == 1 ? session.connection() : link.online();
      } catch (CommandException e) {
        throw copy == 1 ? e : mayBeDelivered(e);
      }
      SendRequest request = new SendRequest(relay.nextId(), conversation, encoded);
      try {
        reply = relay.exchange(request);
      } catch (CommandException.Network e) {
        if (relay.refusedUnread(request.id())) {
          // This copy was refused unread, and the first too if it got this far: nothing is kept.
          throw new CommandException.Usage(
              "not sent: the message is too large for this relay (its envelope is "
                  + encoded.length()
                  + " bytes; the relay refused it unread, FRAME_TOO_LARGE)");
        }
        if (Thread.currentThread().isInterrupted()) {
          throw mayBeDelivered(e); // the client is closing: no more copies
        }
        if (!RelayConnection.timedOut(e)) {
          // A write can fail before the reader notices the loss: the next copy waits for the
          // next connection instead of going the same way. A slow relay's connection is kept.
          relay.abort();
        }
        if (copy == tries) {
          throw mayBeDelivered(e);
        }
        continue;
      }
      if (reply instanceof SendReply ok) {
        record(session, ok);
        long stored = ok.storedAtMillis() != null ? ok.storedAtMillis() : at; // before version 4
        return Optional.of(new Sent(ok.seq(), messageId, at, stored));
      }
      ErrorCode code = reply instanceof ErrorReply error ? error.code() : null;
      if (code == ErrorCode.RATE_LIMITED && waits < RATE_LIMITED_WAITS && pause()) {
        // Refused before it was read: the same copy again once the allowance has grown; not one
        // more copy (a script's bulk posts are paced to the relay's rate instead of failing).
        waits++;
        copy--;
        continue;
      }
      if (code == ErrorCode.BAD_FRAME && copy == 1 && text) {
        // Refused as it was read: nothing of it was kept (a relay's send limit, most likely).
        throw new CommandException.Usage(
            "not sent: the relay refused the message ("
                + Objects.requireNonNullElse(((ErrorReply) reply).message(), "BAD_FRAME")
                + "; its envelope is "
                + encoded.length()
                + " bytes): send it in shorter parts");
      }
      if (code == ErrorCode.DUPLICATE_MESSAGE && copy > 1) {
        return Optional.of(new Sent(0, messageId, at, at));
      }
      if (code == ErrorCode.RECIPIENT_NOT_MEMBER && seal == 1 && copy == 1) {
        // Refused, so not stored: sealed again without them. (A later copy refused so, by a relay
        // older than this client, may follow a stored first one: sealed again, it would be twice.)
        session.members.invalidate(conversation);
        return Optional.empty();
      }
      try {
        if (text) {
          RelayConnection.expect(reply, SendReply.class);
        } else {
          FileErrors.expect(reply, SendReply.class);
        }
      } catch (CommandException e) {
        throw copy == 1 ? e : mayBeDelivered(e);
      }
    }
  }

  /** Waits {@link #RATE_LIMITED_PAUSE}; false if interrupted (the client is closing). */
  static boolean pause() {
    try {
      Thread.sleep(RATE_LIMITED_PAUSE.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * A text message's failure after a copy of it may have reached the relay, saying so, of the same
   * kind (so with the same exit code) where it is a network, rate-limit or usage failure.
   */
  private CommandException mayBeDelivered(CommandException failure) {
    if (!text) {
      return failure;
    }
    String message = failure.getMessage() + MAY_BE_DELIVERED;
    if (failure instanceof CommandException.Network) {
      return new CommandException.Network(message, failure);
    } else if (failure instanceof CommandException.RateLimited) {
      return new CommandException.RateLimited(message);
    } else if (failure instanceof CommandException.Refused refused) {
      return new CommandException.Refused(refused.code(), message);
    } else if (failure.getClass() == CommandException.Usage.class) {
      return new CommandException.Usage(message);
    }
    return failure;
  }

  /**
   * Takes an own message as read where it was stored, and moves the cursor onto it when it is the
   * next number; not where a client that does not catch up found the cursor in doubt ({@link
   * Session#cursorsInDoubt}), and not onto a conversation it has no cursor for that the relay
   * listed at its login (the next client that catches up shows what others sent there before).
   */
  private static void record(Session session, SendReply reply) {
    String conversation = reply.conversation();
    if (!session.cursorsInDoubt.contains(conversation)) {
      session.state.accept(reply.messageId(), conversation, reply.seq());
      Optional<Long> cursor = session.state.cursor(conversation);
      if (cursor.isEmpty()
          ? !session.newestAtLogin.containsKey(conversation)
          : cursor.get() == reply.seq() - 1) {
        session.state.advance(conversation, reply.seq());
      }
    }
    session.addConversation(conversation);
  }
}
