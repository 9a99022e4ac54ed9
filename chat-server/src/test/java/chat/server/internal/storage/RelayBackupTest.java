package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.crypto.Bytes;
import chat.server.Main;
import chat.server.internal.relay.MessageStore.Row;
import chat.server.internal.relay.MessageStore.Stored;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken while messages are stored and deleted holds what one moment held, opens as a
 * relay's data directory, and is taken again when a copy does not read back.
 */
class RelayBackupTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path root;

  private Path dataDir() {
    return root.resolve("data");
  }

  private Path target() {
    return root.resolve("backup");
  }

  private static Bytes random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return Bytes.of(bytes);
  }

  /** A data directory with {@code count} messages in #room (each 3,000 bytes), closed again. */
  private Map<Long, Bytes> stored(int count) throws Exception {
    Map<Long, Bytes> envelopes = new ConcurrentHashMap<>();
    try (TestStorage storage = TestStorage.open(dataDir())) {
      SqliteMessageStore store = storage.messageStore();
      for (int i = 0; i < count; i++) {
        Bytes envelope = random(3_000);
        envelopes.put(
            store.append("#room", List.of(), random(16), envelope).join().seq(), envelope);
      }
    }
    return envelopes;
  }

  /** Makes the data directory's relay.db one of a newer schema than this build's. */
  private void newerSchema() throws Exception {
    try (Connection c = Database.openForChange(dataDir());
        Statement s = c.createStatement()) {
      s.execute("UPDATE schema_version SET version = version + 1");
    }
  }

  /** The envelopes of #room in the relay data directory {@code dir}, by number; deleted aside. */
  private static Map<Long, Bytes> envelopesIn(Path dir) throws Exception {
    Map<Long, Bytes> out = new ConcurrentHashMap<>();
    try (TestStorage storage = TestStorage.open(dir)) {
      for (Row row : storage.messageStore().after("#room", 0, 100_000)) {
        if (!row.deleted()) {
          out.put(row.seq(), row.envelope().orElseThrow());
        }
      }
    }
    return out;
  }

  @Test
  void take_whileMessagesAreStoredAndDeleted_copiesOneMoment_andARelayOpensTheCopy()
      throws Exception {
    Map<Long, Bytes> sent = new ConcurrentHashMap<>(); // every envelope stored, deleted ones too
    AtomicBoolean backingUp = new AtomicBoolean(true);
    RelayBackup.Copied copied;
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try (TestStorage storage = TestStorage.openWithSegments(dataDir(), 256 * 1024)) {
      SqliteMessageStore store = storage.messageStore();
      MessageRepository messages = new MessageRepository(storage.database().envelopes());
      List<Bytes> ids = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        Bytes envelope = random(20_000);
        ids.add(random(16));
        sent.put(store.append("#room", List.of(), ids.get(i), envelope).join().seq(), envelope);
      }
      store.append("#other", List.of(), random(16), random(500)).join();
      storage.writes().submit(c -> messages.delete(c, "#room", ids.get(3), 5L)).join();
      // Stores and deletes go on while the backup is taken, across several segments.
      Future<Integer> meanwhile =
          sender.submit(
              () -> {
                int more = 0;
                while (backingUp.get() || more < 20) {
                  Bytes envelope = random(20_000);
                  Bytes id = random(16);
                  Stored stored = store.append("#room", List.of(), id, envelope).join();
                  sent.put(stored.seq(), envelope);
                  if (++more % 5 == 0) {
                    storage.writes().submit(c -> messages.delete(c, "#room", id, 6L)).join();
                  }
                }
                return more;
              });

      copied = RelayBackup.take(dataDir(), target());
      backingUp.set(false);
      assertThat(meanwhile.get()).isGreaterThanOrEqualTo(20);
      assertThat(target().resolve(EnvelopeLog.DIRECTORY).resolve(LogOwnership.LOCK_FILE))
          .as("the lock that reading the copy back took")
          .doesNotExist();
    } finally {
      sender.shutdownNow();
    }

    Map<Long, Bytes> inCopy = envelopesIn(target());
    assertThat(copied.messages()).as("#room's and #other's").isEqualTo(inCopy.size() + 1L);
    assertThat(copied.segments()).isGreaterThan(1);
    for (long seq = 1; seq <= 40; seq++) { // stored before the backup began
      if (seq == 4) {
        assertThat(inCopy).as("deleted before").doesNotContainKey(seq);
      } else {
        assertThat(inCopy.get(seq)).as("message %d", seq).isEqualTo(sent.get(seq));
      }
    }
    // Stored while it was taken: each one the copy holds, as it was stored.
    inCopy.forEach((seq, envelope) -> assertThat(envelope).isEqualTo(sent.get(seq)));
    if (Files.getFileStore(root).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target())))
          .isEqualTo("rwx------");
      try (Stream<Path> files = Files.walk(target())) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
              .as(file.toString())
              .isEqualTo("rw-------");
        }
      }
    }
    assertThat(envelopesIn(dataDir())).as("the relay's own, after").hasSizeGreaterThan(39);
  }

  @Test
  void take_aCopyThatDoesNotReadBack_isTakenAgain() throws Exception {
    Map<Long, Bytes> sent = stored(3);
    AtomicInteger copies = new AtomicInteger();

    RelayBackup.Copied copied =
        RelayBackup.take(
            dataDir(),
            target(),
            (attempt, copy) -> {
              copies.incrementAndGet();
              if (attempt == 1) { // as if the relay had erased it between the moment and the copy
                Path segment = copy.resolve(EnvelopeLog.DIRECTORY).resolve("0000000000000000.seg");
                Files.write(segment, new byte[(int) Files.size(segment)]);
              }
            });

    assertThat(copies).hasValue(2);
    assertThat(copied.attempts()).isEqualTo(2);
    assertThat(copied.messages()).isEqualTo(3);
    assertThat(envelopesIn(target())).isEqualTo(sent);
  }

  @Test
  void take_aLogThatDoesNotOpen_isRefusedAfterThreeTries_asDamaged_andLeavesNothing()
      throws Exception {
    stored(3);
    Path segment = dataDir().resolve(EnvelopeLog.DIRECTORY).resolve("0000000000000000.seg");
    byte[] bytes = Files.readAllBytes(segment);
    bytes[100] ^= 1; // in the first envelope
    Files.write(segment, bytes);
    AtomicInteger copies = new AtomicInteger();

    assertThatThrownBy(
            () ->
                RelayBackup.take(dataDir(), target(), (attempt, copy) -> copies.incrementAndGet()))
        .isInstanceOf(RelayBackup.Refused.class)
        .hasMessageStartingWith(
            "the copy could not be read back: message 1 of #room does not open in the copy, the"
                + " same in each of 3 copies, so the data directory is damaged there, and trying"
                + " again will not help");
    assertThat(copies).hasValue(3);
    assertThat(target()).doesNotExist();
  }

  /** Copies that fail on different messages are the relay's writes, maybe: it says try again. */
  @Test
  void take_copiesFailingOnDifferentMessages_isRefusedAsChangingMeanwhile() throws Exception {
    stored(3);

    assertThatThrownBy(
            () ->
                RelayBackup.take(
                    dataDir(),
                    target(),
                    (attempt, copy) -> {
                      Path segment =
                          copy.resolve(EnvelopeLog.DIRECTORY).resolve("0000000000000000.seg");
                      byte[] bytes = Files.readAllBytes(segment);
                      // the first try loses every envelope; the others the later half of them
                      int from = attempt == 1 ? 0 : bytes.length / 2;
                      Arrays.fill(bytes, from, bytes.length, (byte) 0);
                      Files.write(segment, bytes);
                    }))
        .isInstanceOf(RelayBackup.Refused.class)
        .hasMessageStartingWith("the copy could not be read back in 3 tries (message ")
        .hasMessageEndingWith(
            "does not open in the copy): the relay kept changing its envelope log meanwhile, or"
                + " the data directory is damaged; try again");
    assertThat(target()).doesNotExist();
  }

  @Test
  void take_intoAFolderThatHoldsFiles_isRefused_andLeavesThem() throws Exception {
    stored(1);
    Path kept = Files.writeString(Files.createDirectories(target()).resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> RelayBackup.take(dataDir(), target()))
        .isInstanceOf(RelayBackup.Refused.class)
        .hasMessage(target() + " is not empty; give a new or empty folder");
    assertThat(kept).hasContent("mine");
    try (Stream<Path> inside = Files.list(target())) {
      assertThat(inside).containsExactly(kept);
    }
  }

  @Test
  void take_intoAnEmptyFolder_keepsIt() throws Exception {
    stored(1);
    Files.createDirectories(target());

    assertThat(RelayBackup.take(dataDir(), target()).messages()).isEqualTo(1);
  }

  @Test
  void take_intoTheDataDirectory_isRefused() throws Exception {
    stored(1);

    assertThatThrownBy(() -> RelayBackup.take(dataDir(), dataDir().resolve("backup")))
        .isInstanceOf(RelayBackup.Refused.class)
        .hasMessageContaining("lie one inside the other");
    assertThat(dataDir().resolve("backup")).doesNotExist();
  }

  @Test
  void take_ofAFolderWithoutARelaysDatabase_isRefused() throws Exception {
    Files.createDirectories(dataDir());

    assertThatThrownBy(() -> RelayBackup.take(dataDir(), target()))
        .isInstanceOf(RelayBackup.Refused.class)
        .hasMessage("no relay.db in " + dataDir() + ": nothing to back up");
    assertThat(target()).doesNotExist();
  }

  /** The damaged keyset is named where it is, not as the copy made of it. */
  @Test
  void take_ofAnInvalidKeyset_isRefusedNamingTheSource_andLeavesNothing() throws Exception {
    stored(1);
    Path keyset = dataDir().resolve(AtRestKeys.FILE_NAME);
    Files.writeString(keyset, "{\"primaryKeyId\": 1}");

    assertThatThrownBy(() -> RelayBackup.take(dataDir(), target()))
        .isInstanceOf(RelayBackup.Refused.class)
        .hasMessageStartingWith("invalid at-rest keyset " + keyset + ": it is damaged; put back");
    assertThat(target()).doesNotExist();
  }

  @Test
  void take_ofADatabaseOfAnotherSchemaVersion_isRefused_andLeavesNothing() throws Exception {
    stored(1);
    newerSchema();

    assertThatThrownBy(() -> RelayBackup.take(dataDir(), target()))
        .isInstanceOf(RelayBackup.Refused.class)
        .hasMessage(
            dataDir().resolve("relay.db")
                + " has schema version "
                + (Migrations.latestVersion() + 1)
                + ", this build "
                + Migrations.latestVersion()
                + "; back it up with the chat-server of the relay that runs on it");
    assertThat(target()).doesNotExist();
  }

  @Test
  void take_ofKeysLinkedFromElsewhere_copiesWhatTheRelayReads() throws Exception {
    Map<Long, Bytes> sent = stored(3);
    Path secrets = Files.createDirectories(root.resolve("secrets"));
    for (String name : List.of(AtRestKeys.FILE_NAME, "tls.crt", "tls.key")) {
      Path file = dataDir().resolve(name);
      if (!Files.exists(file)) {
        Files.writeString(file, "pem of " + name);
      }
      Files.move(file, secrets.resolve(name));
      Files.createSymbolicLink(file, secrets.resolve(name)); // as the relay follows them
    }

    RelayBackup.Copied copied = RelayBackup.take(dataDir(), target());

    assertThat(copied.messages()).isEqualTo(3);
    for (String name : List.of(AtRestKeys.FILE_NAME, "tls.crt", "tls.key")) {
      assertThat(target().resolve(name)).as(name).isRegularFile();
      assertThat(Files.readAllBytes(target().resolve(name)))
          .isEqualTo(Files.readAllBytes(secrets.resolve(name)));
    }
    assertThat(envelopesIn(target())).isEqualTo(sent);
  }

  /**
   * The command's one write, its audit event, fails none of the writes of a store beside it (the
   * writer holds the write lock from each batch's start: {@link WriteQueue}).
   */
  @Test
  void backups_besideAStoreThatKeepsWriting_failNoneOfItsWrites() throws Exception {
    AtomicBoolean backingUp = new AtomicBoolean(true);
    AtomicInteger failed = new AtomicInteger();
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try (TestStorage storage = TestStorage.open(dataDir())) {
      SqliteMessageStore store = storage.messageStore();
      store.append("#room", List.of(), random(16), random(500)).join();
      Future<Integer> meanwhile =
          sender.submit(
              () -> {
                int sent = 0;
                while (backingUp.get()) {
                  try {
                    store.append("#room", List.of(), random(16), random(500)).join();
                  } catch (RuntimeException e) {
                    failed.incrementAndGet();
                  }
                  sent++;
                }
                return sent;
              });
      for (int i = 0; i < 6; i++) {
        String[] args = {
          "backup", "--data-dir", dataDir().toString(), root.resolve("b" + i).toString()
        };
        assertThat(Main.run(args, Map.of())).isZero();
      }
      backingUp.set(false);
      assertThat(meanwhile.get()).isPositive();
    } finally {
      sender.shutdownNow();
    }
    assertThat(failed).as("the relay's writes refused while backups were taken").hasValue(0);
  }

  @Test
  void take_intoTheDataDirectoryThroughALink_isRefused() throws Exception {
    stored(1);
    Path link = Files.createSymbolicLink(root.resolve("link"), dataDir());

    assertThatThrownBy(() -> RelayBackup.take(dataDir(), link.resolve("inside")))
        .isInstanceOf(RelayBackup.Refused.class)
        .hasMessageContaining("lie one inside the other");
    assertThat(dataDir().resolve("inside")).doesNotExist();
  }

  @Test
  void take_thatFails_removesTheFoldersItMade() throws Exception {
    stored(1);
    newerSchema();

    assertThatThrownBy(() -> RelayBackup.take(dataDir(), root.resolve("new/deeper/backup")))
        .isInstanceOf(RelayBackup.Refused.class);
    assertThat(root.resolve("new")).doesNotExist();
  }
}
