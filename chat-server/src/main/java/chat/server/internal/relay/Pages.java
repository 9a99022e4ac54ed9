package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.crypto.Fingerprint;
import chat.crypto.MalformedDataException;
import chat.crypto.ReceivedEnvelope;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.StoredMessage;
import chat.protocol.SyncReply;
import chat.protocol.SyncRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * History and sync pages: which of the stored messages a page read a reader gets, each in the
 * reader's own per-recipient form, within a byte budget, and where the next page starts. Forms come
 * from {@link KeptForms} where a page read the message before, and are laid out and kept there
 * otherwise.
 */
final class Pages {
  private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

  /**
   * Who reads: its user id, and the fingerprint of its registered key (empty if unknown), which is
   * asked for only if a message lists the reader with several keys.
   */
  record Reader(
      String userId, Supplier<Optional<Fingerprint>> registeredKey, boolean seesDeletions) {
    /** The reader, looking its key up with {@code lookup} once at most. Not thread-safe. */
    static Reader of(String userId, Supplier<Optional<Fingerprint>> lookup) {
      return of(userId, lookup, false);
    }

    /**
     * As {@link #of(String, Supplier)}; a reader that {@code seesDeletions} (wire version 13) gets
     * each deleted message of a page as an entry with an empty envelope, any other reader nothing.
     */
    static Reader of(String userId, Supplier<Optional<Fingerprint>> lookup, boolean seesDeletions) {
      Objects.requireNonNull(lookup, "lookup");
      return new Reader(
          userId,
          new Supplier<>() {
            private Optional<Fingerprint> known;

            @Override
            public Optional<Fingerprint> get() {
              if (known == null) {
                known = lookup.get();
              }
              return known;
            }
          },
          seesDeletions);
    }
  }

  /** What a page gives a reader that sees deletions for a deleted message: no envelope. */
  private static final Bytes DELETED = Bytes.of(new byte[0]);

  private final KeptForms kept;
  private final int budgetBytes;

  /**
   * Pages whose forms come from and go to {@code kept}, each carrying at most {@code budgetBytes}
   * of forms (and always at least one message).
   */
  Pages(KeptForms kept, int budgetBytes) {
    this.kept = kept;
    this.budgetBytes = budgetBytes;
  }

  /**
   * A page of history from {@code rows} (what the store gave for {@code request}, newest first),
   * returned oldest first. It ends early when its forms reach the byte budget; {@code nextBefore}
   * is then the lowest seq examined.
   */
  HistoryReply history(HistoryRequest request, List<MessageStore.Row> rows, Reader reader) {
    Page page = page(rows, reader);
    List<StoredMessage> out = page.messages();
    out.sort(Comparator.comparingLong(StoredMessage::seq));
    long lowest = page.lastSeq();
    boolean more = (page.truncated() || rows.size() == request.limit()) && lowest > 1;
    return new HistoryReply(
        request.id(), request.conversation(), out, page.examined() == 0 ? 0 : lowest, more);
  }

  /**
   * Messages after the client's cursor from {@code rows} (what the store gave for {@code request},
   * oldest first); {@code cursor} is the highest seq examined, which is short of the last row read
   * when the page reached its byte budget.
   */
  SyncReply sync(SyncRequest request, List<MessageStore.Row> rows, Reader reader) {
    Page page = page(rows, reader);
    long cursor = page.examined() == 0 ? request.since() : page.lastSeq();
    return new SyncReply(
        request.id(),
        request.conversation(),
        page.messages(),
        cursor,
        page.truncated() || rows.size() == request.limit());
  }

  /**
   * What one page holds.
   *
   * @param messages the reader's per-recipient forms, in row order
   * @param examined how many rows were looked at (visible or not)
   * @param lastSeq the seq of the last row examined
   * @param truncated whether rows were left out for the byte budget
   */
  private record Page(
      List<StoredMessage> messages, int examined, long lastSeq, boolean truncated) {}

  /**
   * The reader's forms of the rows that name it as a recipient, in row order, up to the byte budget
   * (the first visible message always fits). A row whose envelope cannot be read counts as examined
   * and gives nothing, as one not addressed to the reader does.
   */
  private Page page(List<MessageStore.Row> rows, Reader reader) {
    List<StoredMessage> out = new ArrayList<>(rows.size());
    long bytes = 0;
    int examined = 0;
    long lastSeq = 0;
    // One page keeps at most half of what is kept, so that a page longer than that (its later rows
    // miss every time) does not push out every other message the next readers want. (Two such
    // pages at once still may; and readers missing the same message at once each lay it out.)
    KeepBudget keepable = new KeepBudget(kept.maxBytes() / 2);
    for (MessageStore.Row row : rows) {
      Optional<Bytes> form =
          row.deleted()
              ? (reader.seesDeletions() ? Optional.of(DELETED) : Optional.empty())
              : formFor(row, reader, keepable);
      if (form.isPresent()) {
        if (!out.isEmpty() && bytes + form.get().length() > budgetBytes) {
          return new Page(out, examined, lastSeq, true);
        }
        bytes += form.get().length();
        out.add(new StoredMessage(row.seq(), row.storedAtMillis(), form.get()));
      }
      examined++;
      lastSeq = row.seq();
    }
    return new Page(out, examined, lastSeq, false);
  }

  /** What one page may still keep, in bytes. */
  private static final class KeepBudget {
    private long left;

    KeepBudget(long left) {
      this.left = left;
    }
  }

  /**
   * The reader's form of stored {@code row}, if it is a recipient and the envelope can be read:
   * from the kept forms; else laid out with every other recipient's and kept, if the message is
   * likely to fit in what the page may still keep ({@code keepable}, lowered by what it keeps);
   * else cut alone. For a reader that is not a recipient nothing is laid out.
   */
  private Optional<Bytes> formFor(MessageStore.Row row, Reader reader, KeepBudget keepable) {
    Optional<KeptForms.Message> found = kept.find(row.conversation(), row.seq(), row.messageId());
    if (found.isPresent()) {
      return found.get().formFor(reader.userId(), reader.registeredKey());
    }
    Optional<Bytes> encoded = row.envelope();
    if (encoded.isEmpty()) {
      return Optional.empty(); // the store said why
    }
    ReceivedEnvelope envelope;
    try {
      envelope = ReceivedEnvelope.parse(encoded.get());
    } catch (MalformedDataException e) {
      LOG.error("stored envelope seq {} does not parse", row.seq());
      return Optional.empty();
    }
    if (!envelope.header().messageId().equals(row.messageId())) {
      LOG.error("stored envelope seq {} does not carry its row's message id", row.seq());
      return Optional.empty();
    }
    OptionalInt entry = KeptForms.entryFor(envelope, reader.userId(), reader.registeredKey());
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    int entries = envelope.recipientIds().size();
    if (KeptForms.estimatedBytes(encoded.get().length(), entries) > keepable.left) {
      return Optional.of(envelope.unverifiedForm(entry.getAsInt()));
    }
    KeptForms.Message message =
        new KeptForms.Message(row.messageId(), envelope.unverifiedForms(), envelope);
    if (message.bytes() <= keepable.left && kept.keep(row.conversation(), row.seq(), message)) {
      keepable.left -= message.bytes();
    }
    return message.formFor(reader.userId(), reader.registeredKey());
  }
}
