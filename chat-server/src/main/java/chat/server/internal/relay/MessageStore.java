package chat.server.internal.relay;

import chat.crypto.Bytes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Durable storage of full-form envelopes per conversation. The embedded SQLite store is the
 * default; another database can implement the same contract.
 */
public interface MessageStore {
  /** A stored envelope with its sequence number and store time. */
  record Stored(String conversation, long seq, long storedAtMillis, Bytes envelope) {}

  /**
   * A stored message as a history or sync page reads it: what its row says, and its envelope, which
   * {@code reader} reads and opens only when asked for, so that a page whose readers' forms are
   * kept from an earlier read reads no envelope from the envelope log. Safe to use from any thread.
   *
   * @param messageId the id its envelope's header carries, as the store recorded it
   * @param senderKey the sender's user key as the store recorded it, or null if it did not (a
   *     message stored before the store recorded senders): its envelope's header names the sender
   * @param deleted whether the message was deleted: its number and id stay, its envelope (which
   *     {@code reader} never gives) and sender are gone
   * @param reader reads and opens its envelope (see {@link #envelope})
   */
  record Row(
      String conversation,
      long seq,
      long storedAtMillis,
      Bytes messageId,
      String senderKey,
      boolean deleted,
      Supplier<Optional<Bytes>> reader) {
    /**
     * Its full envelope, read and opened now; empty if it cannot be read or does not open: the row
     * was deleted since it was selected (with its conversation's messages), or the store is
     * damaged, which it logs.
     */
    public Optional<Bytes> envelope() {
      return reader.get();
    }
  }

  /**
   * Stores {@code envelope} under the next sequence number of {@code conversation}; for a direct
   * conversation {@code parties} (its two parties, the sender first) are made members first (open
   * members: a party who closed it has it opened again). The future completes after the commit and
   * fails with {@link RelayException} ({@code DUPLICATE_MESSAGE}) if the id is already stored, or
   * ({@code LIMIT_REACHED}) if it would add a conversation to a party at the conversations limit,
   * except by opening it again for the other party, which the sender must not learn was closed.
   */
  CompletableFuture<Stored> append(
      String conversation, List<String> parties, Bytes messageId, Bytes envelope);

  /**
   * Like {@link #append}, but the store first checks, in the same transaction as the insert, that
   * every user in {@code recipientKeys} is still a member of the room, and fails with {@link
   * RelayException} ({@code RECIPIENT_NOT_MEMBER}) if one is not. A member removed while the
   * envelope was being checked can then never receive it. This is the only membership check a
   * room's recipients get, so every store must make it. The caller builds {@code recipientKeys} off
   * the storage writer's thread, so that hashing them is not that thread's work.
   */
  default CompletableFuture<Stored> appendForMembers(
      String conversation,
      List<String> parties,
      Set<String> recipientKeys,
      Bytes messageId,
      Bytes envelope) {
    return appendForMembers(
        conversation, parties, recipientKeys, messageId, envelope, null, s -> {});
  }

  /**
   * As {@link #appendForMembers(String, List, Set, Bytes, Bytes)}, recording {@code senderKey} (the
   * user key of the sender the envelope's header names, which the caller checked; null if not
   * known) with the message; and {@code onCommit} is called with the stored message as it commits,
   * in commit order across all conversations, before the returned future completes. It must be
   * quick; what it throws is logged and ignored.
   */
  CompletableFuture<Stored> appendForMembers(
      String conversation,
      List<String> parties,
      Set<String> recipientKeys,
      Bytes messageId,
      Bytes envelope,
      String senderKey,
      Consumer<Stored> onCommit);

  /**
   * The stored message with this id, if there is one; its envelope is read only when asked for, so
   * that this costs a send no more than a look at the id.
   */
  Optional<Row> find(Bytes messageId);

  /** Up to {@code limit} messages with seq below {@code before}, newest first. */
  List<Row> before(String conversation, long before, int limit);

  /** Up to {@code limit} messages with seq above {@code since}, oldest first. */
  List<Row> after(String conversation, long since, int limit);
}
