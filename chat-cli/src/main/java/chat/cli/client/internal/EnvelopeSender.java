package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.EnvelopeSealer;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.MemberInfo;
import chat.protocol.Reply;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import java.util.List;
import java.util.Optional;

/**
 * Seals content other than plain text (a file offer) to the pinned keys of a conversation's members
 * and sends it, as {@code RelayChatClient.send} does for text (with the same refusals: a changed
 * key, a member the relay never announced), and survives a lost connection: the same envelope is
 * sent again once the link is back, and a {@code DUPLICATE_MESSAGE} answer then means the first
 * copy was stored. A relay report of a recipient who left reseals once to a fresh member list. The
 * own message is recorded as seen.
 */
final class EnvelopeSender {
  /** Sends of one envelope before giving up. */
  static final int MAX_TRIES = 3;

  /**
   * What was sent.
   *
   * @param seq the relay's sequence number, or 0 if the acknowledgement was lost with a connection
   * @param messageId the envelope's message id
   * @param sentAtMillis the envelope's signed time
   */
  record Sent(long seq, String messageId, long sentAtMillis) {
    /** Checks the fields. */
    Sent {
      java.util.Objects.requireNonNull(messageId, "messageId");
      if (seq < 0) {
        throw new IllegalArgumentException("seq must not be negative");
      }
    }
  }

  private final EnvelopeSealer sealer;

  EnvelopeSender(EnvelopeSealer sealer) {
    this.sealer = sealer;
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
    session.members.requireAnnounced(conversation);
    session.keys.recipients(members, session.me().bundle());
  }

  /** Seals {@code plaintext} to {@code conversation}'s members and sends it over {@code link}. */
  Sent send(TransferLink link, String conversation, byte[] plaintext) {
    Session session = link.session();
    IdentityKeyPair me = session.me();
    for (int seal = 1; ; seal++) {
      List<MemberInfo> members = session.members.members(conversation);
      session.members.requireAnnounced(conversation);
      List<IdentityBundle> recipients = session.keys.recipients(members, me.bundle());
      Envelope envelope = sealer.seal(me, conversation, recipients, plaintext);
      Bytes encoded = Bytes.of(envelope.encode());
      String messageId = envelope.header().messageIdHex();
      long at = envelope.header().timestampMillis();
      for (int tries = 1; tries <= MAX_TRIES; tries++) {
        RelayConnection relay = link.online();
        Reply reply;
        try {
          reply = relay.exchange(new SendRequest(relay.nextId(), conversation, encoded));
        } catch (CommandException.Network e) {
          if (tries == MAX_TRIES) {
            throw e;
          }
          continue;
        }
        if (reply instanceof SendReply ok) {
          record(session, ok);
          return new Sent(ok.seq(), messageId, at);
        }
        ErrorCode code = reply instanceof ErrorReply error ? error.code() : null;
        if (code == ErrorCode.DUPLICATE_MESSAGE && tries > 1) {
          return new Sent(0, messageId, at);
        }
        if (code == ErrorCode.RECIPIENT_NOT_MEMBER && seal == 1) {
          session.members.invalidate(conversation);
          break;
        }
        FileErrors.expect(reply, SendReply.class);
      }
    }
  }

  private static void record(Session session, SendReply reply) {
    String conversation = reply.conversation();
    session.state.accept(reply.messageId(), conversation, reply.seq());
    Optional<Long> cursor = session.state.cursor(conversation);
    if (cursor.isEmpty() || cursor.get() == reply.seq() - 1) {
      session.state.advance(conversation, reply.seq());
    }
    session.addConversation(conversation);
  }
}
