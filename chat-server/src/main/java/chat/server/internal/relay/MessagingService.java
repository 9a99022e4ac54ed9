package chat.server.internal.relay;

import chat.crypto.AuthenticationException;
import chat.crypto.Bytes;
import chat.crypto.EnvelopeHeader;
import chat.crypto.MalformedDataException;
import chat.crypto.ReceivedEnvelope;
import chat.crypto.RecipientForms;
import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.MessageEventHeader;
import chat.protocol.ProtocolVersions;
import chat.protocol.SendReply;
import chat.protocol.SendRequest;
import chat.protocol.SyncReply;
import chat.protocol.SyncRequest;
import chat.protocol.Usernames;
import chat.server.internal.audit.AuditLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending, history and sync. A send is checked (membership, envelope, sender and key, new id or a
 * copy of the stored one, a mute in a group, signature, recipients), stored durably, acknowledged,
 * and only then fanned out in per-recipient form; a copy of a stored envelope gets the first copy's
 * answer. The relay decrypts no user content: it only parses, verifies signatures and splits (and
 * opens its own at-rest layer to compare a copy).
 */
public final class MessagingService {
  private static final Logger LOG = LoggerFactory.getLogger(MessagingService.class);

  private final MessageStore store;
  private final AccountService accounts;
  private final ConversationService conversations;
  private final Router router;
  private final Pages pages;
  private final FanOutOrder fanOutOrder;
  private final MessageRate rate;

  /**
   * The service over its collaborators. A history or sync page carries at most {@code maxFrameBytes
   * / 2} bytes of envelopes (base64 and JSON add about a third), and always at least one message,
   * so a page of large messages never outgrows a frame; its readers' forms are kept in {@code
   * keptForms} for the next readers. Its log lines name conversations through {@code logIds}. One
   * account may send {@code messagesPerSecond} messages a second on average over all its
   * connections, {@code messageBurst} at once; a refusal is audited through {@code audit}.
   */
  public MessagingService(
      MessageStore store,
      AccountService accounts,
      ConversationService conversations,
      Router router,
      KeptForms keptForms,
      int maxFrameBytes,
      LogIds logIds,
      int messagesPerSecond,
      int messageBurst,
      AuditLog audit) {
    this.fanOutOrder = new FanOutOrder(logIds);
    this.store = store;
    this.accounts = accounts;
    this.conversations = conversations;
    this.router = router;
    this.pages = new Pages(keptForms, maxFrameBytes / 2);
    this.rate = new MessageRate(messagesPerSecond, messageBurst, System::nanoTime, audit);
  }

  /**
   * Sends one envelope. Checks it and queues it for storing without waiting for the store, so that
   * the connection's next request can be checked meanwhile. The future completes once the envelope
   * is stored, with what is left to do: acknowledge it through {@code connection} and fan it out.
   * It fails with the store's {@link RelayException} if the store refuses it.
   *
   * @throws RelayException if a check before storing refuses it; first of them, {@code
   *     RATE_LIMITED} if the account sent its allowance of messages ({@link MessageRate})
   */
  public CompletableFuture<Runnable> start(ClientConnection connection, SendRequest request) {
    String key = connection.state().requireUserKey();
    String username = connection.state().requireUsername();
    rate.take(connection, key, username);
    String conversation = request.conversation();
    List<String> parties = List.of();
    Optional<RelayException> muted = Optional.empty();
    if (ConversationIds.isDirect(conversation)) {
      if (!ConversationIds.parties(conversation).contains(key)) {
        throw new RelayException(ErrorCode.NOT_MEMBER);
      }
      // the sender first, as the store needs to tell their opening from the other party's
      parties = List.of(key, ConversationIds.otherParty(conversation, key));
      requireAccounts(parties);
    } else {
      muted = conversations.requirePoster(conversation, key);
    }
    ReceivedEnvelope envelope = parse(request.envelope());
    EnvelopeHeader header = envelope.header();
    if (!header.conversationId().equals(conversation)) {
      throw new RelayException(
          ErrorCode.INVALID_ENVELOPE, "envelope is addressed to another conversation");
    }
    RegisteredKey sender =
        accounts.registeredKey(key).orElseThrow(() -> new RelayException(ErrorCode.INTERNAL));
    if (!header.senderId().equals(username) || !header.senderKey().matches(sender.fingerprint())) {
      throw new RelayException(ErrorCode.SENDER_MISMATCH);
    }
    Optional<MessageStore.Row> earlier = store.find(header.messageId());
    if (earlier.isPresent()) {
      // Before the signature: a copy of a stored envelope was checked when it was stored. The
      // store, too, looks for a stored copy before it checks the recipients: one who left since
      // must not turn a copy into a refusal (the client would seal it again, and it would come
      // twice).
      return CompletableFuture.completedFuture(
          () -> answerCopy(connection, request, header, earlier));
    }
    if (muted.isPresent()) {
      // Read with the membership, thrown after the lookup of a copy, as a recipient who left is:
      // a copy of a message stored before the sender was muted gets its first answer.
      throw muted.get();
    }
    RecipientForms forms;
    try {
      forms = envelope.verifyForms(sender.verifier());
    } catch (AuthenticationException e) {
      throw new RelayException(ErrorCode.BAD_SIGNATURE);
    }
    // A set, so that each key is hashed here, on one of the workers, and only looked up by the
    // storage writer, which every message waits for; a user listed with several keys counts once.
    List<String> recipientIds = envelope.recipientIds();
    Set<String> recipientKeys = new HashSet<>(recipientIds.size() * 2);
    for (String recipient : recipientIds) {
      if (!Usernames.isValid(recipient)) {
        throw new RelayException(ErrorCode.RECIPIENT_NOT_MEMBER);
      }
      recipientKeys.add(Usernames.key(recipient));
    }
    // A direct conversation's members are its two parties, known here. A room's are checked by the
    // store, against one read of the member set inside the transaction that stores the message
    // (a read here too would be a second copy of 1,000 keys per message in a 1,000-member room).
    if (!parties.isEmpty() && !parties.containsAll(recipientKeys)) {
      throw new RelayException(ErrorCode.RECIPIENT_NOT_MEMBER);
    }
    return store
        .appendForMembers(
            conversation,
            parties,
            recipientKeys,
            header.messageId(),
            request.envelope(),
            key, // the sender the header names: checked above to be this account
            // On the storage writer as the message commits, in commit order: see FanOutOrder.
            stored -> fanOutOrder.committed(conversation, stored.seq()))
        .handle(
            (stored, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException ? failure.getCause() : failure;
                if (cause instanceof RelayException refused
                    && refused.code() == ErrorCode.DUPLICATE_MESSAGE) {
                  // An earlier copy was stored while this one was checked: a send whose answer
                  // the client gave up on, sent again. Looked up off the storage writer.
                  return () ->
                      answerCopy(connection, request, header, store.find(header.messageId()));
                }
                throw failure instanceof CompletionException c
                    ? c
                    : new CompletionException(failure);
              }
              return () -> {
                try {
                  acknowledge(connection, request, header, stored.seq(), stored.storedAtMillis());
                  LOG.debug("stored seq {} on {}", stored.seq(), connection.logId());
                } finally {
                  connection.finishedWhen(
                      fanOutOrder.inTurn(
                          conversation,
                          stored.seq(),
                          () -> fanOut(connection, stored, recipientIds, forms)));
                }
              };
            });
  }

  /**
   * Answers a send whose message id is already stored, as {@code stored} (read off the storage
   * writer). If the stored message is this very envelope in this conversation, the send is a copy
   * sent again by a client whose first answer was lost (a timeout, a dropped connection): it gets
   * the first copy's answer, and nothing is stored or pushed again. Its sender sent that copy: the
   * envelope names them and their key, which the relay checked before this. Anything else with a
   * stored id is refused with {@code DUPLICATE_MESSAGE}.
   */
  private void answerCopy(
      ClientConnection connection,
      SendRequest request,
      EnvelopeHeader header,
      Optional<MessageStore.Row> stored) {
    MessageStore.Row earlier =
        stored
            .filter(row -> row.conversation().equals(request.conversation()))
            .filter(row -> row.envelope().filter(request.envelope()::equals).isPresent())
            .orElseThrow(() -> new RelayException(ErrorCode.DUPLICATE_MESSAGE));
    acknowledge(connection, request, header, earlier.seq(), earlier.storedAtMillis());
    LOG.debug("answered seq {} sent again on {}", earlier.seq(), connection.logId());
  }

  private static void acknowledge(
      ClientConnection connection,
      SendRequest request,
      EnvelopeHeader header,
      long seq,
      long storedAtMillis) {
    connection.reply(
        new SendReply(
            request.id(),
            request.conversation(),
            seq,
            header.messageIdHex(),
            connection.state().version() >= ProtocolVersions.STORE_TIME ? storedAtMillis : null));
  }

  private static ReceivedEnvelope parse(Bytes encoded) {
    try {
      return ReceivedEnvelope.parse(encoded);
    } catch (MalformedDataException e) {
      throw new RelayException(ErrorCode.INVALID_ENVELOPE);
    }
  }

  /**
   * Pushes each online recipient its per-recipient form (from {@code forms}, made while the
   * signature was checked, form {@code i} for entry {@code i} of {@code recipientIds}; see {@link
   * ReceivedEnvelope#verifyForms}); nothing is pushed to offline ones. The pushes run as one {@link
   * Router#batch} and share one {@link MessageEventHeader}.
   *
   * <p>When the online recipients' frames together count for at least the bytes {@code forms} keeps
   * ({@link RecipientForms#retainedBytes}: each recipient's entry and audit path, about three
   * quarters of a kilobyte per recipient in a 1,000-member room, a frame being about 1.3 KB), their
   * connections share {@code forms} and write each form straight into their write buffers. A queued
   * frame then keeps all the forms' parts until the last such frame is written, while the outbound
   * budget counts each frame's own bytes; the condition keeps what the budget counts at least what
   * is kept. Otherwise each online member gets a copy of its own form.
   */
  private void fanOut(
      ClientConnection origin,
      MessageStore.Stored stored,
      List<String> recipientIds,
      RecipientForms forms) {
    MessageEventHeader header =
        new MessageEventHeader(stored.conversation(), stored.seq(), stored.storedAtMillis());
    List<ClientConnection> targets = new ArrayList<>();
    int[] formOf = new int[forms.size()];
    for (int i = 0; i < forms.size(); i++) {
      String recipient = recipientIds.get(i);
      for (ClientConnection target : router.connections(Usernames.key(recipient))) {
        // Only to the name as registered, as history and sync give an entry: one that differs in
        // case passed the member check (on keys) but is no one's.
        if (target != origin && recipient.equals(target.state().username().orElse(null))) {
          if (targets.size() == formOf.length) {
            formOf = Arrays.copyOf(formOf, 2 * formOf.length + 1);
          }
          formOf[targets.size()] = i;
          targets.add(target);
        }
      }
    }
    boolean share = sharesForms(forms, formOf, targets.size());
    int[] indexes = formOf;
    router.batch(
        () -> {
          for (int k = 0; k < targets.size(); k++) {
            int i = indexes[k];
            if (share) {
              targets.get(k).pushMessage(header, forms, i);
            } else {
              targets.get(k).push(header.event(forms.form(i)));
            }
          }
        });
  }

  /**
   * Whether the frames of forms {@code formOf[0]} to {@code formOf[count - 1]} together count for
   * at least the bytes {@code forms} keeps alive: the condition for sharing them (see {@link
   * #fanOut}).
   */
  static boolean sharesForms(RecipientForms forms, int[] formOf, int count) {
    long frameBytes = 0;
    for (int k = 0; k < count; k++) {
      frameBytes += forms.length(formOf[k]);
    }
    return frameBytes >= forms.retainedBytes();
  }

  /** A page of history, read newest first and returned oldest first (see {@link Pages}). */
  public HistoryReply history(ClientConnection connection, HistoryRequest request) {
    Pages.Reader reader = requireReader(connection, request.conversation());
    long before = request.before() == 0 ? Long.MAX_VALUE : request.before();
    List<MessageStore.Row> rows = store.before(request.conversation(), before, request.limit());
    requireOtherParty(connection, request.conversation(), rows);
    return pages.history(request, rows, reader);
  }

  /** Messages after the client's cursor, oldest first (see {@link Pages}). */
  public SyncReply sync(ClientConnection connection, SyncRequest request) {
    Pages.Reader reader = requireReader(connection, request.conversation());
    List<MessageStore.Row> rows =
        store.after(request.conversation(), request.since(), request.limit());
    requireOtherParty(connection, request.conversation(), rows);
    return pages.sync(request, rows, reader);
  }

  /**
   * An empty page of a direct conversation whose other party has no account is {@code
   * NO_SUCH_USER}: nothing can have been sent there ({@code send} refuses it), and "no messages"
   * would hide a mistyped name. A page with messages needs no look-up.
   */
  private void requireOtherParty(
      ClientConnection connection, String conversation, List<MessageStore.Row> rows) {
    if (!rows.isEmpty() || !ConversationIds.isDirect(conversation)) {
      return;
    }
    String key = connection.state().requireUserKey();
    requireAccounts(
        ConversationIds.parties(conversation).stream()
            .filter(party -> !party.equals(key))
            .toList());
  }

  /** Every one of {@code parties} has an account, else {@code NO_SUCH_USER}. */
  private void requireAccounts(List<String> parties) {
    for (String party : parties) {
      if (accounts.registeredBundle(party).isEmpty()) {
        throw RelayException.noSuchUser(party);
      }
    }
  }

  /**
   * The caller, as a reader of {@code conversation}, its registered key looked up only if a message
   * lists it with several keys.
   *
   * @throws RelayException ({@code NOT_MEMBER}) if it may not read it
   */
  private Pages.Reader requireReader(ClientConnection connection, String conversation) {
    String key = connection.state().requireUserKey();
    conversations.requireMember(conversation, key);
    return Pages.Reader.of(
        connection.state().requireUsername(),
        () -> accounts.registeredKey(key).map(RegisteredKey::fingerprint),
        connection.state().version() >= ProtocolVersions.DELETE);
  }
}
