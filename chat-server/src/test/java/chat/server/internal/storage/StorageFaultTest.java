package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.server.CapturedLog;
import chat.server.internal.relay.MessageStore.Row;
import chat.server.internal.relay.MessageStore.Stored;
import chat.server.internal.relay.RelayException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up or turns read-only under the relay. Simulated inside SQLite, which needs no
 * root: {@code PRAGMA max_page_count} makes the database "full" exactly as a full disk does ({@code
 * SQLITE_FULL}), and {@code PRAGMA query_only} refuses writes as a read-only file does ({@code
 * SQLITE_READONLY}). Writes are refused with {@link ErrorCode#STORAGE_UNAVAILABLE}, nothing
 * acknowledged is lost, reads keep working, the file stays consistent, and writing resumes once the
 * condition is gone.
 */
class StorageFaultTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dataDir;
  private TestStorage storage;
  private Database database;
  private WriteQueue writes;
  private SqliteMessageStore store;

  @BeforeEach
  void open() throws Exception {
    storage = TestStorage.open(dataDir);
    database = storage.database();
    writes = storage.writes();
    store = storage.messageStore();
  }

  @AfterEach
  void close() throws Exception {
    storage.close();
  }

  private long pageCount() throws Exception {
    return database.read(
        c -> {
          try (Statement statement = c.createStatement();
              ResultSet result = statement.executeQuery("PRAGMA page_count")) {
            result.next();
            return result.getLong(1);
          }
        });
  }

  private String integrityCheck() throws Exception {
    return database.read(
        c -> {
          try (Statement statement = c.createStatement();
              ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
            result.next();
            return result.getString(1);
          }
        });
  }

  private Stored append() {
    byte[] id = new byte[16];
    byte[] envelope = new byte[4096];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(envelope);
    return store.append("#room", List.of(), Bytes.of(id), Bytes.of(envelope)).join();
  }

  private static ErrorCode refusal(Throwable thrown) {
    assertThat(thrown).isInstanceOf(CompletionException.class);
    assertThat(thrown.getCause()).isInstanceOf(RelayException.class);
    return ((RelayException) thrown.getCause()).code();
  }

  private List<Long> storedSeqs() {
    return store.after("#room", 0, 10_000).stream().map(Row::seq).toList();
  }

  @Test
  void diskFull_writesRefusedAsStorageUnavailable_nothingAcknowledgedLost_thenResumes()
      throws Exception {
    List<Long> acknowledged = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      acknowledged.add(append().seq());
    }
    // Envelopes lie in the envelope log: a row in relay.db is about a hundred bytes.
    storage.execute("PRAGMA max_page_count = " + (pageCount() + 1));
    Throwable full = null;
    for (int i = 0; i < 5000 && full == null; i++) {
      try {
        acknowledged.add(append().seq());
      } catch (CompletionException e) {
        full = e;
      }
    }
    assertThat(full).as("the database filled up").isNotNull();
    assertThat(refusal(full)).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
    assertThat(refusal(catchThrowable(this::append))).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);

    assertThat(storedSeqs()).containsExactlyElementsOf(acknowledged);
    assertThat(integrityCheck()).isEqualTo("ok");
    storage.execute("PRAGMA max_page_count = 1073741823");
    assertThat(append().seq()).isEqualTo(acknowledged.size() + 1L);
  }

  @Test
  void readOnlyStorage_writesRefusedAsStorageUnavailable_readsWork_thenResumes() throws Exception {
    List<Long> acknowledged = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      acknowledged.add(append().seq());
    }
    storage.execute("PRAGMA query_only = ON");
    assertThat(refusal(catchThrowable(this::append))).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
    assertThat(refusal(catchThrowable(this::append))).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
    assertThat(storedSeqs()).containsExactlyElementsOf(acknowledged);

    storage.execute("PRAGMA query_only = OFF");
    assertThat(append().seq()).isEqualTo(4);
    assertThat(integrityCheck()).isEqualTo("ok");
  }

  /**
   * The log of an outage ({@link StorageOutage}) through the writer: a batch whose only write was
   * refused for another reason commits even on a read-only database, and must not be taken for the
   * storage working again; rows stored are.
   */
  @Test
  void outageLog_aBatchThatStoresNothing_isNotTakenForRecovery_rowsStoredAre() throws Exception {
    try (CapturedLog log = CapturedLog.of(WriteQueue.class)) {
      append();
      storage.execute("PRAGMA query_only = ON");
      for (int i = 0; i < 3; i++) {
        assertThat(refusal(catchThrowable(this::append))).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        Throwable other =
            catchThrowable(
                () ->
                    writes
                        .submit(
                            c -> {
                              throw new RelayException(ErrorCode.NOT_MEMBER);
                            })
                        .join());
        assertThat(refusal(other)).isEqualTo(ErrorCode.NOT_MEMBER);
      }
      storage.execute("PRAGMA query_only = OFF");
      append();
      append();

      List<String> lines = log.messages();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).startsWith("storage unavailable: relay.db cannot be written");
      assertThat(lines.get(1))
          .matches("storage writable again after \\d+ s; 3 writes refused meanwhile");
    }
  }
}
