package chat.server.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import chat.crypto.Bytes;
import chat.crypto.Envelope;
import chat.crypto.Fingerprint;
import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.protocol.HistoryReply;
import chat.protocol.HistoryRequest;
import chat.protocol.StoredMessage;
import chat.protocol.SyncReply;
import chat.protocol.SyncRequest;
import chat.server.RelayFixture;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PagesTest {
  private static final int BUDGET_BYTES = 1 << 20;
  private static final List<Envelope> SENT = new ArrayList<>();

  /** Five messages from alice to herself, bob and carol: seq 1 to 5. */
  @BeforeAll
  static void seal() {
    IdentityKeyPair alice = RelayFixture.identity("alice");
    List<IdentityBundle> members = RelayFixture.bundles(alice, "bob", "carol");
    for (int i = 1; i <= 5; i++) {
      SENT.add(RelayFixture.seal(alice, "#lobby", members, "message " + i));
    }
  }

  /** How often each row made here had its envelope read. */
  private final Map<MessageStore.Row, AtomicInteger> readsOf = new IdentityHashMap<>();

  /** Message {@code seq} of #lobby, whose envelope reads as {@code envelope}, reads counted. */
  private MessageStore.Row counted(long seq, Bytes messageId, Optional<Bytes> envelope) {
    AtomicInteger reads = new AtomicInteger();
    MessageStore.Row row =
        new MessageStore.Row(
            "#lobby",
            seq,
            1_000 * seq,
            messageId,
            null,
            false,
            () -> {
              reads.incrementAndGet();
              return envelope;
            });
    readsOf.put(row, reads);
    return row;
  }

  /** Message {@code seq} (1 to 5) as stored. */
  private MessageStore.Row row(long seq) {
    Envelope message = SENT.get((int) seq - 1);
    return counted(seq, message.header().messageId(), Optional.of(Bytes.of(message.encode())));
  }

  /** Message {@code seq} whose envelope can no longer be read. */
  private MessageStore.Row unreadable(long seq) {
    return counted(seq, SENT.get((int) seq - 1).header().messageId(), Optional.empty());
  }

  /** Rows of messages {@code seqs}, in that order. */
  private List<MessageStore.Row> rows(long... seqs) {
    List<MessageStore.Row> out = new ArrayList<>();
    for (long seq : seqs) {
      out.add(row(seq));
    }
    return out;
  }

  private int reads(List<MessageStore.Row> rows) {
    return rows.stream().mapToInt(row -> readsOf.get(row).get()).sum();
  }

  /** What one of the messages sent counts for when kept (they are all the same size). */
  private static long keptBytesOfOne() {
    Envelope message = SENT.get(0);
    return new KeptForms.Message(
            message.header().messageId(),
            message.unverifiedForms(),
            KeptFormsTest.received(message))
        .bytes();
  }

  private static Pages.Reader reader(String userId) {
    return Pages.Reader.of(
        userId,
        () -> {
          throw new AssertionError("no message lists " + userId + " with several keys");
        });
  }

  /** {@code userId}'s form of message {@code seq}, cut from its envelope. */
  private static Bytes formOf(String userId, long seq) {
    return Bytes.of(SENT.get((int) seq - 1).forRecipient(userId).orElseThrow().encode());
  }

  private static HistoryRequest history(int limit) {
    return new HistoryRequest("h", "#lobby", 0, limit);
  }

  @Test
  void aDeletedMessage_isAnEntryWithoutEnvelope_forAReaderOfVersion13Only() {
    Pages pages = new Pages(new KeptForms(1 << 20), BUDGET_BYTES);
    MessageStore.Row deleted =
        new MessageStore.Row(
            "#lobby",
            2,
            2_000,
            SENT.get(1).header().messageId(),
            null,
            true,
            () -> {
              throw new AssertionError("a deleted message's envelope is never read");
            });
    List<MessageStore.Row> rows = List.of(row(3), deleted, row(1));
    Pages.Reader sees =
        Pages.Reader.of(
            "bob",
            () -> {
              throw new AssertionError("no message lists bob with several keys");
            },
            true);

    HistoryReply newer = pages.history(history(3), rows, sees);
    HistoryReply older = pages.history(history(3), rows, reader("bob"));

    assertThat(newer.messages())
        .extracting(StoredMessage::seq, StoredMessage::deleted)
        .containsExactly(tuple(1L, false), tuple(2L, true), tuple(3L, false));
    assertThat(older.messages()).extracting(StoredMessage::seq).containsExactly(1L, 3L);
    assertThat(older.nextBefore()).isEqualTo(newer.nextBefore()).isEqualTo(1L);
  }

  @Test
  void history_readAgain_theFormsAreKept_noEnvelopeIsReadTwice() {
    Pages pages = new Pages(new KeptForms(1 << 20), BUDGET_BYTES);
    List<MessageStore.Row> first = rows(3, 2, 1);
    List<MessageStore.Row> second = rows(3, 2, 1);

    HistoryReply bobs = pages.history(history(10), first, reader("bob"));
    HistoryReply carols = pages.history(history(10), second, reader("carol"));

    assertThat(reads(first)).isEqualTo(3);
    assertThat(reads(second)).isZero();
    assertThat(bobs.messages())
        .extracting(StoredMessage::seq, StoredMessage::storedAtMillis, StoredMessage::envelope)
        .containsExactly(
            tuple(1L, 1_000L, formOf("bob", 1)),
            tuple(2L, 2_000L, formOf("bob", 2)),
            tuple(3L, 3_000L, formOf("bob", 3)));
    assertThat(carols.messages())
        .extracting(StoredMessage::envelope)
        .containsExactly(formOf("carol", 1), formOf("carol", 2), formOf("carol", 3));
    assertThat(carols.nextBefore()).isEqualTo(1);
    assertThat(carols.more()).isFalse();
  }

  @Test
  void history_theOldestRowOfAFullPageCannotBeRead_itIsExaminedAndThePageSaysThereIsMore() {
    Pages pages = new Pages(new KeptForms(1 << 20), BUDGET_BYTES);
    List<MessageStore.Row> rows = List.of(row(5), row(4), unreadable(3));

    HistoryReply reply = pages.history(history(3), rows, reader("bob"));

    assertThat(reply.messages()).extracting(StoredMessage::seq).containsExactly(4L, 5L);
    assertThat(reply.nextBefore()).isEqualTo(3);
    assertThat(reply.more()).isTrue();
  }

  @Test
  void history_notARecipient_nothingButTheRowsAreExamined_andNothingIsLaidOutOrKept() {
    KeptForms kept = new KeptForms(1 << 20);
    Pages pages = new Pages(kept, BUDGET_BYTES);

    HistoryReply reply = pages.history(history(2), rows(5, 4), reader("mallory"));

    assertThat(reply.messages()).isEmpty();
    assertThat(reply.nextBefore()).isEqualTo(4);
    assertThat(reply.more()).isTrue();
    assertThat(kept.bytesKept()).isZero();
  }

  @Test
  void history_aMessageBiggerThanWhatAPageMayKeep_theReadersFormIsCutAloneAndNothingKept() {
    long one = keptBytesOfOne();
    KeptForms kept = new KeptForms(one); // a page may keep half a message
    Pages pages = new Pages(kept, BUDGET_BYTES);
    List<MessageStore.Row> again = rows(2, 1);

    pages.history(history(10), rows(2, 1), reader("bob"));
    HistoryReply reply = pages.history(history(10), again, reader("bob"));

    assertThat(kept.bytesKept()).isZero();
    assertThat(reads(again)).isEqualTo(2);
    assertThat(reply.messages())
        .extracting(StoredMessage::envelope)
        .containsExactly(formOf("bob", 1), formOf("bob", 2));
  }

  @Test
  void sync_theLastRowCannotBeRead_theCursorMovesPastIt() {
    Pages pages = new Pages(new KeptForms(1 << 20), BUDGET_BYTES);
    List<MessageStore.Row> rows = List.of(row(2), row(3), unreadable(4));

    SyncReply reply = pages.sync(new SyncRequest("s", "#lobby", 1, 10), rows, reader("bob"));

    assertThat(reply.messages()).extracting(StoredMessage::seq).containsExactly(2L, 3L);
    assertThat(reply.cursor()).isEqualTo(4);
    assertThat(reply.more()).isFalse();
  }

  @Test
  void history_anEnvelopeUnderAnotherRowsMessageId_givesNothingAndIsNotKept() {
    KeptForms kept = new KeptForms(1 << 20);
    Pages pages = new Pages(kept, BUDGET_BYTES);
    Bytes othersId = SENT.get(0).header().messageId();
    MessageStore.Row moved = counted(2, othersId, Optional.of(Bytes.of(SENT.get(1).encode())));

    HistoryReply reply = pages.history(history(10), List.of(moved), reader("bob"));

    assertThat(reply.messages()).isEmpty();
    assertThat(reply.nextBefore()).isEqualTo(2);
    assertThat(kept.bytesKept()).isZero();
  }

  @Test
  void history_aPageOfMoreThanHalfOfWhatIsKept_keepsOnlyHalf() {
    long one = keptBytesOfOne();
    KeptForms kept = new KeptForms(4 * one + one / 2); // a page keeps at most 2.25 messages
    Pages pages = new Pages(kept, BUDGET_BYTES);
    List<MessageStore.Row> again = rows(5, 4, 3, 2, 1);

    pages.history(history(10), rows(5, 4, 3, 2, 1), reader("bob"));
    long afterFirst = kept.bytesKept();
    HistoryReply reply = pages.history(history(10), again, reader("carol"));

    assertThat(afterFirst).as("5 and 4 kept").isEqualTo(2 * one);
    assertThat(reads(again)).as("5 and 4 from what was kept; 3, 2 and 1 read").isEqualTo(3);
    assertThat(kept.bytesKept()).as("3 and 2 kept too").isEqualTo(4 * one);
    assertThat(reply.messages()).hasSize(5);
  }

  @Test
  void reader_itsKeyIsLookedUpOnceAtMost() {
    int[] lookups = {0};
    Pages.Reader reader =
        Pages.Reader.of(
            "bob",
            () -> {
              lookups[0]++;
              return Optional.<Fingerprint>empty();
            });

    assertThat(lookups[0]).isZero();
    assertThat(reader.registeredKey().get()).isEmpty();
    assertThat(reader.registeredKey().get()).isEmpty();
    assertThat(lookups[0]).isEqualTo(1);
  }
}
