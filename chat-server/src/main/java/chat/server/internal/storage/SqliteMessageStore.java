package chat.server.internal.storage;

import chat.crypto.Bytes;
import chat.crypto.CryptoException;
import chat.protocol.ErrorCode;
import chat.server.internal.relay.MessageStore;
import chat.server.internal.relay.RelayException;
import chat.server.internal.storage.MessageRepository.MessageRow;
import chat.server.internal.storage.SeqGuesses.Reservation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite {@link MessageStore}: envelopes are sealed with the at-rest cipher, bound to the row
 * identity {@code messages/<conversation>/<seq>/<message id hex>}, and written by the group-commit
 * {@link WriteQueue}. The thread that queues a message seals it for the number it will most likely
 * get ({@link SeqGuesses}), so that the writer, which every message waits for, only seals those
 * whose number was guessed wrong.
 */
public final class SqliteMessageStore implements MessageStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteMessageStore.class);

  /** Reads of one envelope at most: its row may have been moved once while it was read. */
  private static final int MAX_READS = 3;

  /** A message's write, queued, and the guess of its number that came with its place. */
  private record Queued(Reservation reservation, CompletableFuture<Stored> stored) {}

  private final Database database;
  private final WriteQueue writes;
  private final AtRestCipher cipher;
  private final Clock clock;
  private final ConversationRepository conversations;
  private final MemberRepository members;
  private final MessageRepository messages;
  private final MemberKeysCache memberKeys;
  private final int maxConversationsPerUser;
  private final SeqGuesses guesses = new SeqGuesses(Runtime.getRuntime().maxMemory() / 16);

  /**
   * A store over these collaborators. The first message of a direct conversation, or the first its
   * sender writes since they closed it (which opens it again for them), is refused with {@link
   * ErrorCode#LIMIT_REACHED} if a party it adds is already in {@code maxConversationsPerUser}
   * conversations (the login reply lists every one). One that opens it again for the other party,
   * who closed it, is not: that would tell the sender it was closed.
   */
  public SqliteMessageStore(
      Database database,
      WriteQueue writes,
      AtRestCipher cipher,
      Clock clock,
      ConversationRepository conversations,
      MemberRepository members,
      MessageRepository messages,
      int maxConversationsPerUser) {
    if (maxConversationsPerUser < 1) {
      throw new IllegalArgumentException("maxConversationsPerUser must be at least 1");
    }
    this.maxConversationsPerUser = maxConversationsPerUser;
    this.database = database;
    this.writes = writes;
    this.cipher = cipher;
    this.clock = clock;
    this.conversations = conversations;
    this.members = members;
    this.messages = messages;
    this.memberKeys = new MemberKeysCache(members, writes);
  }

  /** The writer's copies of member sets. */
  MemberKeysCache memberKeys() {
    return memberKeys;
  }

  /** The guesses of sequence numbers, and how often the writer could use their early seals. */
  SeqGuesses seqGuesses() {
    return guesses;
  }

  static byte[] rowId(String conversation, long seq, Bytes messageId) {
    return ("messages/" + conversation + "/" + seq + "/" + messageId.hex())
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public CompletableFuture<Stored> append(
      String conversation, List<String> parties, Bytes messageId, Bytes envelope) {
    return appendForMembers(conversation, parties, Set.of(), messageId, envelope);
  }

  @Override
  public CompletableFuture<Stored> appendForMembers(
      String conversation,
      List<String> parties,
      Set<String> recipientKeys,
      Bytes messageId,
      Bytes envelope,
      String senderKey,
      Consumer<Stored> onCommit) {
    // A room's recipients are checked here, on the caller's thread, against the writer's last copy
    // of its member set; the writer, which every message waits for, then only looks whether that
    // copy is still current (1,000 lookups a message in a 1,000-member room, off its path).
    MemberKeysCache.Copy vouched =
        checksMembers(parties, recipientKeys)
            ? memberKeys.vouch(conversation, recipientKeys)
            : null;
    Queued queued =
        guesses.queue(
            conversation,
            r ->
                new Queued(
                    r,
                    writes.submit(
                        c ->
                            write(
                                c,
                                r,
                                conversation,
                                parties,
                                recipientKeys,
                                vouched,
                                messageId,
                                envelope,
                                senderKey),
                        // On the writer as the message commits: in commit order, before the
                        // future completes for anyone.
                        onCommit)));
    Reservation reservation = queued.reservation();
    // A write that never ran (refused at shutdown, or its batch failed before it) settles here.
    queued.stored().whenComplete((done, failed) -> guesses.settle(reservation, SeqGuesses.NONE));
    // An idle writer takes the message at once and seals it before an early seal could be ready.
    if (writes.writing() && reservation.wantsSeal(envelope.length())) {
      try {
        reservation.offer(
            cipher.seal(envelope, rowId(conversation, reservation.guess(), messageId)));
      } catch (RuntimeException | OutOfMemoryError e) {
        // The writer seals it again and reports what goes wrong; this thread's caller must get the
        // future of a write that is already queued.
        LOG.debug("early at-rest seal failed ({}); the writer seals instead", e.toString());
      }
    }
    return queued.stored();
  }

  /**
   * Whether a message's recipients are checked against the member set: a room's are; a direct
   * conversation's parties are checked by the caller.
   */
  private static boolean checksMembers(List<String> parties, Set<String> recipientKeys) {
    return parties.isEmpty() && !recipientKeys.isEmpty();
  }

  /** The write of one message, on the writer thread. */
  private Stored write(
      Connection c,
      Reservation reservation,
      String conversation,
      List<String> parties,
      Set<String> recipientKeys,
      MemberKeysCache.Copy vouched,
      Bytes messageId,
      Bytes envelope,
      String senderKey)
      throws SQLException {
    long seq = SeqGuesses.NONE;
    try {
      // First: a copy of a stored message is answered as one (MessagingService), even if one of its
      // recipients has left since; refused as not a member, it would be sealed again and come
      // twice.
      if (messages.exists(c, messageId.toByteArray())) {
        throw new RelayException(ErrorCode.DUPLICATE_MESSAGE);
      }
      // One look at the member set, not one query per recipient, and from memory while no member
      // has changed: a message to a 1,000-member room would otherwise cost the single writer
      // thread 1,000 statements, or a read of 1,000 rows. Not even that if the copy that vouched
      // for the recipients when the message was queued is still the current one.
      if (checksMembers(parties, recipientKeys)) {
        MemberKeysCache.Copy now = memberKeys.copy(c, conversation);
        if (now != vouched && !now.keys().containsAll(recipientKeys)) {
          throw new RelayException(ErrorCode.RECIPIENT_NOT_MEMBER);
        }
      }
      long now = clock.millis();
      conversations.ensure(c, conversation, now);
      for (String party : parties) {
        // The sender must not learn that the other party closed it: opening it again for them is
        // not checked against their limit, as a message to an open conversation is not.
        boolean closedByOther =
            !party.equals(parties.get(0)) && members.isClosed(c, conversation, party);
        // Opens it again for a party who closed it: they are a recipient, and must see it.
        if (members.open(c, conversation, party, now) && !closedByOther) {
          int before = members.countOf(c, party) - 1; // without this one, just opened
          if (before >= maxConversationsPerUser) {
            throw new RelayException(
                ErrorCode.LIMIT_REACHED,
                party
                    + " is in "
                    + before
                    + " rooms and direct conversations, "
                    + (before > maxConversationsPerUser ? "past " : "")
                    + "this relay's limit (a login lists them all): a room must be left or a"
                    + " direct conversation closed first");
          }
        }
      }
      long next = conversations.nextSeq(c, conversation);
      byte[] sealed = reservation.take(next);
      if (sealed == null) {
        sealed = cipher.seal(envelope, rowId(conversation, next, messageId));
      }
      if (!messages.insert(c, conversation, next, messageId, now, sealed, senderKey)) {
        throw new RelayException(ErrorCode.DUPLICATE_MESSAGE);
      }
      seq = next;
      return new Stored(conversation, seq, now, envelope);
    } finally {
      guesses.settle(reservation, seq);
    }
  }

  @Override
  public Optional<Row> find(Bytes messageId) {
    try {
      return database.read(c -> messages.byId(c, messageId.toByteArray())).map(this::row);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public List<Row> before(String conversation, long before, int limit) {
    try {
      return rows(database.read(c -> messages.before(c, conversation, before, limit)));
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public List<Row> after(String conversation, long since, int limit) {
    try {
      return rows(database.read(c -> messages.after(c, conversation, since, limit)));
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private List<Row> rows(List<MessageRow> rows) {
    List<Row> out = new ArrayList<>(rows.size());
    for (MessageRow row : rows) {
      out.add(row(row));
    }
    return out;
  }

  private Row row(MessageRow row) {
    return new Row(
        row.conversation(),
        row.seq(),
        row.storedAtMillis(),
        row.messageId(),
        row.senderKey(),
        row.deleted(),
        row.deleted() ? Optional::empty : () -> envelope(row));
  }

  /**
   * The envelope of {@code row}, read from where it lies and opened: a {@link Row}'s reader. If
   * that fails, the row is read again: deleted meanwhile (gone, or a tombstone now), it is skipped
   * without alarm; moved meanwhile by the envelope log's compaction (whose old copy is then zeros
   * or gone), it is read from its new place.
   */
  private Optional<Bytes> envelope(MessageRow row) {
    byte[] rowId = rowId(row.conversation(), row.seq(), row.messageId());
    MessageRow reading = row;
    for (int attempt = 1; ; attempt++) {
      byte[] sealed = null;
      try {
        sealed = messages.sealed(reading);
        return Optional.of(Bytes.of(cipher.open(sealed, rowId)));
      } catch (IOException | CryptoException e) {
        Optional<MessageRow> now = reread(reading);
        if (now.isEmpty() || now.get().deleted()) {
          LOG.debug("stored message seq {} was deleted while it was being read", row.seq());
          return Optional.empty();
        }
        if (now.get().equals(reading) || attempt == MAX_READS) {
          LOG.error(
              "stored message seq {} {}",
              row.seq(),
              sealed == null
                  ? "cannot be read: " + e.getMessage()
                  : cipher.namesAnotherKey(sealed)
                      ? "was sealed under a key the at-rest keyset does not hold"
                      : "does not open: its bytes changed after it was stored (damaged storage)");
          return Optional.empty();
        }
        reading = now.get(); // moved meanwhile
      }
    }
  }

  /**
   * The row as stored now (same conversation, seq and message id), or empty if it is gone; the row
   * itself if that read fails (it said why).
   */
  private Optional<MessageRow> reread(MessageRow row) {
    try {
      return database
          .read(c -> messages.row(c, row.conversation(), row.seq()))
          .filter(now -> now.messageId().equals(row.messageId()));
    } catch (SQLException e) {
      LOG.error("message read failed", e);
      return Optional.of(row);
    }
  }

  private static RelayException failure(SQLException e) {
    LOG.error("message read failed", e);
    return new RelayException(ErrorCode.INTERNAL);
  }
}
