package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.client.ChatMessage;
import chat.cli.client.ConversationLabel;
import chat.cli.client.DeliveryNotice;
import chat.cli.client.FileOffer;
import chat.cli.client.HeldMessages;
import chat.cli.client.HistoryPage;
import chat.cli.client.LeftOutFromOthers;
import chat.cli.client.LeftOutMessages;
import chat.cli.client.Posted;
import chat.cli.client.PushedNotice;
import chat.cli.client.TrustState;
import chat.crypto.CryptoException;
import chat.crypto.EnvelopeHeader;
import chat.crypto.EnvelopeOpener;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.MalformedDataException;
import chat.crypto.NotRecipientException;
import chat.crypto.OpenedMessage;
import chat.crypto.RecipientEnvelope;
import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.StoredMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Opens what the relay delivers and decides what the person sees. Every envelope must parse, be for
 * the conversation it arrived in, be signed by the key pinned for its sender, open with this user's
 * key, and carry a message id not accepted before; anything else becomes a notice, never a message.
 * A message signed with the sender's changed key that is not yet accepted is held until {@code
 * /trust}, and never silently: a pushed one is announced as it arrives, those a catch-up or a
 * history page held are counted per sender. One signed by any other key (an older one the sender
 * replaced since) can never be verified: it is left out, said in the same way, as is one that does
 * not parse, is for another conversation, does not verify or does not open: one pushed at once,
 * those of a catch-up counted per sender and reason when it ends.
 */
final class Inbox {
  /** The file offers opened so far, with their keys (memory only). */
  final OfferBook offers = new OfferBook();

  /** Conversations whose messages wait until a sender's key can be written to the profile. */
  final StalledDeliveries stalled = new StalledDeliveries();

  private final ClientState state;
  private final KeyDirectory keys;
  private final MemberCache members;
  private final Listeners listeners;
  private final EnvelopeOpener opener;
  private final Supplier<IdentityKeyPair> me;
  private final Clock clock;
  private final BooleanSupplier connectionGone;
  private final HeldBook held = new HeldBook();
  private final LeftOutCopies leftOutCopies = new LeftOutCopies();
  private final DeletedIds deletedIds = new DeletedIds();
  private final RecipientSetCheck recipients;

  /** The messages shown lately, for what replies to them quote. */
  final Quotes quotes = new Quotes(deletedIds);

  /**
   * Messages of {@code sender} deleted from {@code conversation}: their offers can no longer be
   * accepted, those held for a changed key are not shown when it is accepted, and replies no longer
   * quote their text (which is forgotten here).
   */
  void deleted(String conversation, String sender, Set<String> messageIds) {
    offers.forget(conversation, messageIds);
    held.forget(sender, conversation, messageIds);
    deletedIds.add(conversation, messageIds);
    quotes.deleted(conversation, messageIds);
  }

  Inbox(
      ClientState state,
      KeyDirectory keys,
      MemberCache members,
      Listeners listeners,
      EnvelopeOpener opener,
      Supplier<IdentityKeyPair> me,
      Clock clock,
      BooleanSupplier connectionGone) {
    this.state = state;
    this.keys = keys;
    this.members = members;
    this.listeners = listeners;
    this.opener = opener;
    this.me = me;
    this.clock = clock;
    this.connectionGone = connectionGone;
    this.recipients = new RecipientSetCheck(members, listeners, clock, this::label);
  }

  /**
   * Handles one delivered envelope: shows it once if it passes every check, and moves the cursor
   * past it either way, unless a listener refused it. Once the listeners want no more messages
   * ({@link Listeners#messagesStopped}) nothing more is handled: the envelope is neither shown,
   * marked as seen nor passed. Nor is one whose sender's key cannot be written to the profile, or
   * that could not be opened because the relay did not answer what opening it asks (the sender's
   * key, the members of a room): the connection dropped, the relay is stopping or asks to slow down
   * ({@link #waitsForRelay}). It waits, with the read position before it, until {@link #stalled}
   * delivers it again, or the catch-up after the reconnect does.
   *
   * @param live whether it arrived as an event now (then the recipient set is also checked)
   * @throws CommandException.FileAccess if the sender's key could not be written (said once)
   * @throws CommandException.Network if the relay could not be asked (the message waits)
   */
  void deliver(String conversation, StoredMessage stored, boolean live) {
    if (listeners.messagesStopped()) {
      return;
    }
    if (stored.deleted()) {
      state.advance(conversation, stored.seq()); // a number used by a message since deleted
      return;
    }
    listeners.takeRefusal(); // one left from a message shown elsewhere is not this one's
    Optional<Opened> opened = Optional.empty();
    boolean waits = false;
    try {
      opened = accept(conversation, stored, live);
      // A push that was on its way when the relay said the message was deleted: not shown.
      if (opened.isPresent()
          && deletedIds.contains(conversation, opened.get().message().messageId())) {
        if (opened.get().content() instanceof Content.File file) {
          file.key().destroy();
        }
        opened = Optional.empty();
      }
      opened.ifPresent(message -> show(message, true));
    } catch (CommandException.FileAccess e) {
      waits = true;
      stalled.stall(conversation, stored.seq());
      throw e;
    } catch (CommandException e) {
      if (waitsForRelay(e)) {
        // Not read: moving the read position past it would lose it for good, as no catch-up
        // asks for it again.
        waits = true;
        stalled.stall(conversation, stored.seq());
      }
      throw e;
    } finally {
      if (!listeners.takeRefusal() && !waits) {
        opened.ifPresent(
            message -> state.accept(message.message().messageId(), conversation, stored.seq()));
        state.advance(conversation, stored.seq());
      }
    }
  }

  /**
   * Whether {@code failure}, met while opening a message, says only that the relay could not answer
   * now: too many requests, the relay stopping, or the connection gone. Then the message waits. A
   * refusal of another kind, or an answer that makes no sense over a connection still up, is the
   * relay's answer about that message, as before.
   */
  private boolean waitsForRelay(CommandException failure) {
    if (failure instanceof CommandException.RateLimited) {
      return true;
    }
    return failure instanceof CommandException.Network network
        && (network.relayCode() == ErrorCode.SHUTTING_DOWN || connectionGone.getAsBoolean());
  }

  private void show(Opened opened, boolean notify) {
    if (opened.content() instanceof Content.File file) {
      offer(opened.message(), file, notify);
    } else {
      listeners.message(opened.message());
    }
  }

  /** Files an opened offer; tells the listeners about a new one when {@code notify}. */
  private void offer(ChatMessage message, Content.File file, boolean notify) {
    FileOffer offer = OfferBook.offerOf(message, file);
    if (offers.add(offer, file)) {
      if (notify) {
        listeners.fileOffer(offer);
      }
      return;
    }
    file.key().destroy();
    Optional<OfferBook.Entry> first = offers.get(offer.fileId());
    if (!notify || first.isEmpty()) {
      return;
    }
    if (first.get().offer().messageId().equals(offer.messageId())) {
      listeners.fileOffer(first.get().offer());
    } else {
      listeners.pushed(
          PushedNotice.secondOffer(message.conversation(), offer.shortId(), message.sender()));
    }
  }

  private Optional<Opened> accept(String conversation, StoredMessage stored, boolean live) {
    if (leftOutCopies.contains(conversation, stored)) {
      return Optional.empty(); // left out already, and said so (or counted for its catch-up)
    }
    RecipientEnvelope envelope;
    try {
      envelope = RecipientEnvelope.parse(stored.envelope().toByteArray());
    } catch (MalformedDataException e) {
      leftOut(conversation, "", LeftOutMessages.Reason.DAMAGED, stored, live);
      return Optional.empty();
    }
    EnvelopeHeader header = envelope.header();
    if (!header.conversationId().equals(conversation)) {
      leftOut(
          conversation,
          header.senderId(),
          LeftOutMessages.Reason.NOT_FOR_THIS_CONVERSATION,
          stored,
          live);
      return Optional.empty();
    }
    // before the sender's key is looked up, so that no key is pinned for an outsider
    if (ConversationIds.outsider(conversation, header.senderId())) {
      leftOut(conversation, header.senderId(), LeftOutMessages.Reason.NOT_A_PARTY, stored, live);
      return Optional.empty();
    }
    String id = header.messageIdHex();
    // Read before the seen check, as a send records its message before it ends: a send that ends
    // meanwhile, or while this message is being opened, has it seen or still marked here.
    boolean beingSent = state.isSending(id);
    Optional<ClientState.Seen> seen = state.seen(id);
    if (seen.isPresent()) {
      if (!seen.get().conversation().equals(conversation) || seen.get().seq() != stored.seq()) {
        listeners.delivery(DeliveryNotice.replayed(conversation, stored.seq()));
      }
      return Optional.empty();
    }
    Optional<Opened> opened = openContent(conversation, stored, envelope, true, live);
    if (opened.isEmpty()) {
      return opened;
    }
    if (opened.get().message().own() && beingSent) {
      // Stored before its sender's answer came (lost with a connection): the send shows it.
      return Optional.empty();
    }
    if (live) {
      recipients.check(conversation, header, stored.storedAtMillis());
    }
    return opened;
  }

  /**
   * Opens a page of history for display, each envelope as a delivered one is opened but with no
   * notice for what does not open, and none marked as seen. Each sender's key is resolved one
   * envelope after the other (pinning may ask the relay); the signature checks, unwraps and
   * decryptions then run on the processors at once ({@link EnvelopeOpener} is safe for concurrent
   * use, and a message's RSA unwrap is most of what opening it costs). File offers are returned in
   * their place among the messages, and filed in {@link #offers} in the order given (a second offer
   * of a file id another message offered is left out, as a delivered one is ignored).
   *
   * <p>A message signed with a sender's new key that is not accepted yet is held (as a delivered
   * one is, so that {@code /trust} shows it) and counted in the page's {@link HistoryPage#held}.
   *
   * @param stored the page's messages, each with its parsed envelope at the same index in {@code
   *     envelopes}, addressed to {@code conversation}
   * @return the messages and offers that opened, in the order given, and those held
   * @throws CommandException.FileAccess if a sender's key came but could not be written here
   */
  HistoryPage openAll(
      String conversation, List<StoredMessage> stored, List<RecipientEnvelope> envelopes) {
    IdentityKeyPair self = me.get();
    int count = envelopes.size();
    IdentityBundle[] senders = new IdentityBundle[count];
    Map<String, List<Long>> heldHere = new TreeMap<>();
    LeftOutTally leftOut = new LeftOutTally(conversation);
    for (int i = 0; i < count; i++) {
      EnvelopeHeader header = envelopes.get(i).header();
      String sender = header.senderId();
      try {
        senders[i] = keys.signer(header, stored.get(i).storedAtMillis(), self).orElse(null);
      } catch (CommandException.DamagedFile e) {
        throw e; // a damaged contacts.json: to be moved away, not the relay's doing
      } catch (CommandException.FileAccess e) {
        // the key came but could not be recorded here (a full profile disk): the page waits too
        throw keyNotWritten(e, sender, ", needed to show their messages in " + label(conversation));
      } catch (CommandException e) {
        leftOut.count(sender, LeftOutMessages.Reason.NO_KEY, stored.get(i).seq());
        continue;
      }
      if (senders[i] != null) {
        continue;
      }
      if (awaitsAcceptance(header)) {
        held.file(sender, new HeldBook.Held(conversation, stored.get(i), true));
        heldHere.computeIfAbsent(sender, k -> new ArrayList<>()).add(stored.get(i).seq());
      } else {
        leftOut.count(
            sender, KeyDirectory.unverifiable(envelopes.get(i), self), stored.get(i).seq());
      }
    }
    OpenedMessage[] opened = new OpenedMessage[count];
    LeftOutMessages.Reason[] failed = new LeftOutMessages.Reason[count];
    IntStream.range(0, count)
        .parallel()
        .forEach(
            i -> {
              if (senders[i] != null) {
                try {
                  opened[i] = opener.open(self, senders[i], envelopes.get(i));
                } catch (NotRecipientException e) {
                  failed[i] = LeftOutMessages.Reason.NOT_FOR_YOUR_KEY;
                } catch (CryptoException e) {
                  failed[i] = LeftOutMessages.Reason.NOT_VERIFIED;
                }
              }
            });
    Opened[] shown = new Opened[count];
    for (int i = 0; i < count; i++) {
      if (opened[i] == null) {
        if (failed[i] != null) {
          leftOut.count(envelopes.get(i).header().senderId(), failed[i], stored.get(i).seq());
        }
        continue;
      }
      try {
        shown[i] = Opened.of(conversation, stored.get(i), self, opened[i]);
      } catch (CommandException e) {
        leftOut.count(
            envelopes.get(i).header().senderId(),
            LeftOutMessages.Reason.UNREADABLE,
            stored.get(i).seq());
      }
    }
    // Remembered oldest first, and before any reply of the page is read (a page comes newest
    // first).
    for (int i = count - 1; i >= 0; i--) {
      if (shown[i] != null) {
        remember(shown[i]);
      }
    }
    List<Posted> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (shown[i] != null) {
        Opened message = replied(shown[i]);
        if (message.content() instanceof Content.File file) {
          offers.listed(message.message(), file).ifPresent(out::add);
        } else {
          out.add(message.message());
        }
      }
    }
    List<HeldMessages> heldOut = new ArrayList<>();
    heldHere.forEach((sender, seqs) -> heldOut.add(new HeldMessages(conversation, sender, seqs)));
    return new HistoryPage(out, heldOut, 0, leftOut.messages());
  }

  /**
   * Whether {@code header} is signed with the key its sender changed to, which waits for the
   * person's acceptance: only such a message is held, since {@code /trust} accepts that key and no
   * other. A message signed by any other key that is not the pin (an older key the sender replaced
   * since, an intermediate one, or a forgery) can never be verified, and is left out with a notice.
   */
  private boolean awaitsAcceptance(EnvelopeHeader header) {
    String sender = header.senderId();
    return keys.contacts().state(sender) == TrustState.CHANGED
        && keys.contacts()
            .pending(sender)
            .map(pending -> pending.fingerprint().matches(header.senderKey()))
            .orElse(false);
  }

  /**
   * Opens {@code envelope} with its sender's pinned key. A failure is a notice when {@code
   * noticeFailures}; a message signed with a new key that is not accepted is then held, announced
   * at once when {@code live}, else counted for {@link #reportHeld}.
   */
  private Optional<Opened> openContent(
      String conversation,
      StoredMessage stored,
      RecipientEnvelope envelope,
      boolean noticeFailures,
      boolean live) {
    EnvelopeHeader header = envelope.header();
    IdentityKeyPair self = me.get();
    String sender = header.senderId();
    Optional<IdentityBundle> key;
    try {
      // Pushed live, it reaches this client now: a relay holding a replaced key cannot show its
      // message as one stored before the change by stamping it so.
      long storedBy =
          live ? Math.max(stored.storedAtMillis(), clock.millis()) : stored.storedAtMillis();
      key = keys.signer(header, storedBy, self);
    } catch (CommandException.DamagedFile e) {
      throw e; // says which file and key; the message waits until it is moved away
    } catch (CommandException.FileAccess e) {
      // the sender's key could not be recorded here: not shown, not skipped either
      throw keyNotWritten(
          e,
          sender,
          ", whose message in " + label(conversation) + " waits until it can be written");
    } catch (CommandException e) {
      if (waitsForRelay(e)) {
        // the relay could not answer (the connection dropped, the relay is stopping): the message
        // waits for the catch-up after the reconnect, never left out for a key it could not ask
        throw e;
      }
      if (noticeFailures) {
        leftOut(
            LeftOutMessages.one(
                conversation,
                sender,
                LeftOutMessages.Reason.NO_KEY,
                stored.seq(),
                live ? Objects.requireNonNullElse(e.getMessage(), "") : ""),
            stored,
            live);
      }
      return Optional.empty();
    }
    if (key.isEmpty()) {
      if (noticeFailures) {
        hold(conversation, stored, envelope, live);
      }
      return Optional.empty();
    }
    try {
      return Optional.of(
          replied(Opened.of(conversation, stored, self, opener.open(self, key.get(), envelope))));
    } catch (NotRecipientException e) {
      if (noticeFailures) {
        leftOut(conversation, sender, LeftOutMessages.Reason.NOT_FOR_YOUR_KEY, stored, live);
      }
    } catch (CryptoException e) {
      if (noticeFailures) {
        leftOut(conversation, sender, LeftOutMessages.Reason.NOT_VERIFIED, stored, live);
      }
    } catch (CommandException e) {
      if (noticeFailures) {
        leftOut(
            LeftOutMessages.one(
                conversation,
                sender,
                LeftOutMessages.Reason.UNREADABLE,
                stored.seq(),
                live ? Objects.requireNonNullElse(e.getMessage(), "") : ""),
            stored,
            live);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code stored}, from {@code sender} (empty for a damaged one), is left out for good: said at
   * once when {@code live}, else counted for {@link #reportHeld}, which says how many the catch-up
   * left out. Either way with its sequence number, so that a front end that meets it again in a
   * history page counts it once.
   */
  private void leftOut(
      String conversation,
      String sender,
      LeftOutMessages.Reason reason,
      StoredMessage stored,
      boolean live) {
    leftOut(LeftOutMessages.one(conversation, sender, reason, stored.seq()), stored, live);
  }

  /**
   * {@code stored}, the one message {@code left} names (with what the client met, if live), is left
   * out for good: said or counted as above.
   */
  private void leftOut(LeftOutMessages left, StoredMessage stored, boolean live) {
    leftOutCopies.add(left.conversation(), stored);
    if (live) {
      listeners.leftOutPushed(left);
    } else {
      held.countLeftOutInCatchUp(left.conversation(), left.sender(), left.reason(), stored.seq());
    }
  }

  /**
   * {@code opened}, a reply (an edit) given the message it answers (corrects) as this client holds
   * it; remembered for replies to it ({@link #quotes}).
   */
  private Opened replied(Opened opened) {
    Opened shown =
        opened.content() instanceof Content.Text t
            ? new Opened(quotes.related(opened.message(), t), t)
            : opened;
    remember(shown);
    return shown;
  }

  private void remember(Opened opened) {
    if (opened.content() instanceof Content.File file) {
      quotes.rememberOffer(opened.message(), file.name());
    } else if (opened.content() instanceof Content.Text t && t.reactsTo() != null) {
      return; // a reaction is not answered, corrected or reacted to
    } else {
      quotes.remember(opened.message());
    }
  }

  /**
   * Holds a message signed with its sender's key that waits for acceptance (announced at once when
   * {@code live}, else counted for {@link #reportHeld}); one signed with any other key is left out,
   * said at once or counted the same way.
   */
  private void hold(
      String conversation, StoredMessage stored, RecipientEnvelope envelope, boolean live) {
    EnvelopeHeader header = envelope.header();
    String sender = header.senderId();
    if (awaitsAcceptance(header)) {
      if (!held.file(sender, new HeldBook.Held(conversation, stored, false))) {
        return; // held already, and said so
      }
      if (live) {
        listeners.heldPushed(HeldMessages.one(conversation, sender, stored.seq()));
      } else {
        held.countInCatchUp(conversation, sender, stored.seq());
      }
    } else {
      leftOut(conversation, sender, KeyDirectory.unverifiable(envelope, me.get()), stored, live);
    }
  }

  /**
   * Tells the person how many messages the catch-up of {@code conversation} held, per sender, in
   * the words a held live message is announced with, and how many it left out for good, per sender
   * and reason, in the words of a history page: for the first {@link
   * LeftOutFromOthers#MAX_NAMED_SENDERS} senders, and then once for all the others (a relay can
   * forge any number of sender names); called when that catch-up ends.
   */
  void reportHeld(String conversation) {
    for (HeldMessages messages : held.takeCatchUp(conversation)) {
      listeners.held(messages);
    }
    List<LeftOutMessages> leftOut = held.takeLeftOutInCatchUp(conversation);
    LeftOutFromOthers.named(leftOut).forEach(listeners::leftOut);
    LeftOutFromOthers.others(leftOut).ifPresent(listeners::leftOutFromOthers);
  }

  /**
   * Shows the messages held for {@code username} now that their key is accepted, in the order they
   * were stored: each one not accepted before, and each one a history page left out; then says in
   * which conversations more were held than were kept.
   */
  void release(String username) {
    for (HeldBook.Held message : held.release(username)) {
      try {
        RecipientEnvelope envelope =
            RecipientEnvelope.parse(message.stored().envelope().toByteArray());
        boolean accepted = state.seen(envelope.header().messageIdHex()).isPresent();
        if (deletedIds.contains(message.conversation(), envelope.header().messageIdHex())) {
          continue; // held from a push that came after its deletion was said
        }
        if (!accepted || message.listed()) {
          openContent(message.conversation(), message.stored(), envelope, true, true)
              .ifPresent(
                  opened -> {
                    ChatMessage m = opened.message();
                    if (!accepted) {
                      state.accept(m.messageId(), m.conversation(), m.seq());
                    }
                    show(opened, true);
                  });
        }
      } catch (MalformedDataException e) {
        // it parsed when it was held
      }
    }
    for (String conversation : held.takeNotKept(username)) {
      listeners.notice(conversation, HeldBook.notKeptNotice(username));
    }
  }

  /** {@code e}, naming the key of {@code sender} it could not write and what waits for it. */
  private static CommandException.FileAccess keyNotWritten(
      CommandException.FileAccess e, String sender, String waiting) {
    return new CommandException.FileAccess(
        e.getMessage() + " (the key of " + sender + waiting + ")", e);
  }

  /** {@code conversation} as this user names it, as {@link Session#label} does. */
  private String label(String conversation) {
    return ConversationLabel.of(conversation, me.get().userId(), keys.contacts()::spelling);
  }
}
