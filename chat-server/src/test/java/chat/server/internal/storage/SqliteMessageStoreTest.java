package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.server.internal.relay.MessageStore.Stored;
import chat.server.internal.relay.RelayException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages sealed for storage before their turn on the writer: whether the writer uses the early
 * seal or seals again, every row opens under its own number and the numbers have no gaps.
 */
class SqliteMessageStoreTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dataDir;
  private TestStorage storage;
  private SqliteMessageStore store;

  @BeforeEach
  void open() throws Exception {
    storage = TestStorage.open(dataDir);
    store = storage.messageStore();
  }

  @AfterEach
  void close() throws Exception {
    storage.close();
  }

  private static Bytes random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return Bytes.of(bytes);
  }

  private CompletableFuture<Stored> append(Bytes messageId, Bytes envelope) {
    return store.append("#room", List.of(), messageId, envelope);
  }

  private List<Stored> stored() {
    return store.after("#room", 0, 500);
  }

  @Test
  void append_manyThreadsWhileTheWriterIsBusy_everyEarlySealUsed_numbersWithoutGaps()
      throws Exception {
    append(random(16), random(2048)).join(); // the first number the relay assigns is not guessed
    TestStorage.HeldWriter writer = storage.holdWriter();
    List<Bytes> envelopes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      envelopes.add(random(1000 + i));
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<CompletableFuture<Stored>>> queued = new ArrayList<>();
    try {
      for (Bytes envelope : envelopes) {
        queued.add(threads.submit(() -> append(random(16), envelope)));
      }
      List<CompletableFuture<Stored>> writes = new ArrayList<>();
      for (Future<CompletableFuture<Stored>> each : queued) {
        writes.add(each.get());
      }
      writer.release();
      writes.forEach(CompletableFuture::join);
    } finally {
      threads.shutdownNow();
    }

    List<Stored> rows = stored();
    assertThat(rows)
        .extracting(Stored::seq)
        .containsExactly(LongStream.rangeClosed(1, 41).boxed().toArray(Long[]::new));
    assertThat(rows.subList(1, 41))
        .extracting(Stored::envelope)
        .containsExactlyInAnyOrderElementsOf(envelopes);
    assertThat(store.seqGuesses().usedEarly()).isEqualTo(40);
    assertThat(store.seqGuesses().sealedByWriter()).isEqualTo(1);
    assertThat(store.seqGuesses().waitingBytes()).isZero();
  }

  @Test
  void append_refusedMessageAhead_laterOnesSealedAgainForTheirNumber_noGap() throws Exception {
    Bytes taken = random(16);
    append(taken, random(500)).join();
    TestStorage.HeldWriter writer = storage.holdWriter();
    CompletableFuture<Stored> duplicate = append(taken, random(500));
    Bytes second = random(600);
    Bytes third = random(700);
    CompletableFuture<Stored> secondWrite = append(random(16), second);
    CompletableFuture<Stored> thirdWrite = append(random(16), third);
    writer.release();

    Throwable refused = catchThrowable(duplicate::join);
    assertThat(refused).isInstanceOf(CompletionException.class);
    assertThat(((RelayException) refused.getCause()).code()).isEqualTo(ErrorCode.DUPLICATE_MESSAGE);
    assertThat(secondWrite.join().seq()).isEqualTo(2);
    assertThat(thirdWrite.join().seq()).isEqualTo(3);
    List<Stored> rows = stored();
    assertThat(rows).extracting(Stored::seq).containsExactly(1L, 2L, 3L);
    assertThat(rows.get(1).envelope()).isEqualTo(second);
    assertThat(rows.get(2).envelope()).isEqualTo(third);
    assertThat(store.seqGuesses().usedEarly()).isZero();
    assertThat(store.seqGuesses().waitingBytes()).isZero();

    TestStorage.HeldWriter again = storage.holdWriter();
    CompletableFuture<Stored> fourth = append(random(16), random(100));
    again.release();
    assertThat(fourth.join().seq()).isEqualTo(4);
    assertThat(store.seqGuesses().usedEarly()).isEqualTo(1); // guessing is right again
  }
}
