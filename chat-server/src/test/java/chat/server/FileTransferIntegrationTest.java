package chat.server;

import static chat.server.RelayFixture.connect;
import static chat.server.RelayFixture.login;
import static chat.server.RelayFixture.register;
import static org.assertj.core.api.Assertions.assertThat;

import chat.crypto.Bytes;
import chat.crypto.IdentityKeyPair;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FileChunkReply;
import chat.protocol.FileChunkRequest;
import chat.protocol.FileDataReply;
import chat.protocol.FileDeleteReply;
import chat.protocol.FileDeleteRequest;
import chat.protocol.FileDownloadRequest;
import chat.protocol.FileFinishReply;
import chat.protocol.FileFinishRequest;
import chat.protocol.FileStatusReply;
import chat.protocol.FileStatusRequest;
import chat.protocol.FileUploadReply;
import chat.protocol.FileUploadRequest;
import chat.protocol.GroupAction;
import chat.protocol.GroupCreateRequest;
import chat.protocol.GroupDisbandRequest;
import chat.protocol.GroupMemberRequest;
import chat.protocol.GroupReply;
import chat.protocol.JoinReply;
import chat.protocol.JoinRequest;
import chat.protocol.LeaveReply;
import chat.protocol.LeaveRequest;
import chat.protocol.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared files against a real relay: chunked upload and resume, download by offset, the size limit
 * and quotas, access control, expiry by the sweep (with a test clock) and the at-rest seal of every
 * chunk.
 */
class FileTransferIntegrationTest {
  private static final long MAX_FILE = 2L << 20;
  private static final long QUOTA = 3L << 20;
  private static final int CHUNK = 256 * 1024;

  @TempDir static Path dataDir;
  static MutableClock clock = new MutableClock();
  static Relay relay;

  @BeforeAll
  static void startRelay() throws Exception {
    FileLimits limits =
        new FileLimits(MAX_FILE, Duration.ofHours(168), QUOTA, 64L << 20, Duration.ofHours(1));
    relay =
        Relay.start(
            RelayFixture.builder(dataDir).files(limits).build(), clock, RelayFixture.RANDOM);
    try (TestClient client = connect(relay, dataDir)) {
      for (String name : new String[] {"alice", "bob", "carol", "dave"}) {
        IdentityKeyPair identity = RelayFixture.identity(name);
        register(client, identity);
      }
    }
    for (String name : new String[] {"alice", "bob", "dave"}) {
      try (TestClient client = as(name)) {
        client.ok(new JoinRequest(client.nextId(), "#files"), JoinReply.class);
      }
    }
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  private static TestClient as(String name) throws Exception {
    TestClient client = connect(relay, dataDir, 2);
    login(client, name);
    return client;
  }

  private static String newFileId() {
    byte[] id = new byte[16];
    RelayFixture.RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  private static byte[] randomBytes(int size) {
    byte[] data = new byte[size];
    RelayFixture.RANDOM.nextBytes(data);
    return data;
  }

  private static ErrorCode error(Reply reply) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    return ((ErrorReply) reply).code();
  }

  private static FileUploadReply start(TestClient client, String id, String where, long size)
      throws Exception {
    return client.ok(
        new FileUploadRequest(client.nextId(), id, where, size), FileUploadReply.class);
  }

  /** Uploads {@code data} from {@code from} on, chunk by chunk, and finishes. */
  private static void upload(TestClient client, String id, byte[] data, long from)
      throws Exception {
    for (long offset = from; offset < data.length; offset += CHUNK) {
      byte[] chunk =
          Arrays.copyOfRange(data, (int) offset, (int) Math.min(data.length, offset + CHUNK));
      FileChunkReply reply =
          client.ok(
              new FileChunkRequest(client.nextId(), id, offset, Bytes.of(chunk)),
              FileChunkReply.class);
      assertThat(reply.received()).isEqualTo(offset + chunk.length);
    }
    client.ok(new FileFinishRequest(client.nextId(), id), FileFinishReply.class);
  }

  private static byte[] download(TestClient client, String id) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long size = Long.MAX_VALUE;
    while (out.size() < size) {
      FileDataReply reply =
          client.ok(new FileDownloadRequest(client.nextId(), id, out.size()), FileDataReply.class);
      assertThat(reply.offset()).isEqualTo(out.size());
      size = reply.size();
      out.write(reply.data().toByteArray());
    }
    return out.toByteArray();
  }

  @Test
  void upload_inChunks_memberDownloadsTheSameBytesFromAnyOffset() throws Exception {
    byte[] data = randomBytes(CHUNK * 2 + 12_345);
    String id = newFileId();
    try (TestClient alice = as("alice");
        TestClient bob = as("bob")) {
      FileUploadReply started = start(alice, id, "#files", data.length);
      assertThat(started.received()).isZero();
      assertThat(started.chunkBytes()).isEqualTo(CHUNK);
      upload(alice, id, data, 0);

      FileStatusReply status =
          bob.ok(new FileStatusRequest(bob.nextId(), id), FileStatusReply.class);
      assertThat(status.conversation()).isEqualTo("#files");
      assertThat(status.uploader()).isEqualTo("alice");
      assertThat(status.complete()).isTrue();
      assertThat(status.size()).isEqualTo(data.length);
      assertThat(download(bob, id)).isEqualTo(data);

      FileDataReply middle =
          bob.ok(new FileDownloadRequest(bob.nextId(), id, CHUNK + 7), FileDataReply.class);
      assertThat(middle.data().toByteArray())
          .isEqualTo(Arrays.copyOfRange(data, CHUNK + 7, 2 * CHUNK));
    }
  }

  /**
   * A disbanded group's files end with it: whoever joins a room of that name later (one banned from
   * the group, say) cannot fetch them.
   */
  @Test
  void disband_endsTheGroupsFiles_forWhoeverJoinsARoomOfThatNameLater() throws Exception {
    byte[] data = randomBytes(1000);
    String id = newFileId();
    try (TestClient bob = as("bob");
        TestClient alice = as("alice")) {
      bob.ok(new GroupCreateRequest(bob.nextId(), "#g-files"), JoinReply.class);
      bob.ok(
          new GroupMemberRequest(bob.nextId(), "#g-files", GroupAction.INVITE, "alice"),
          GroupReply.class);
      alice.ok(new JoinRequest(alice.nextId(), "#g-files"), JoinReply.class);
      start(bob, id, "#g-files", data.length);
      upload(bob, id, data, 0);
      assertThat(download(alice, id)).isEqualTo(data);
      bob.ok(
          new GroupMemberRequest(bob.nextId(), "#g-files", GroupAction.BAN, "alice"),
          GroupReply.class);

      bob.ok(new GroupDisbandRequest(bob.nextId(), "#g-files"), GroupReply.class);
      alice.ok(new JoinRequest(alice.nextId(), "#g-files"), JoinReply.class);

      assertThat(error(alice.call(new FileStatusRequest(alice.nextId(), id))))
          .isEqualTo(ErrorCode.NO_SUCH_FILE);
      assertThat(error(alice.call(new FileDownloadRequest(alice.nextId(), id, 0))))
          .isEqualTo(ErrorCode.NO_SUCH_FILE);
    }
  }

  @Test
  void upload_afterDisconnect_resumesFromTheBytesTheRelayHolds() throws Exception {
    byte[] data = randomBytes(CHUNK * 3);
    String id = newFileId();
    try (TestClient first = as("alice")) {
      start(first, id, "#files", data.length);
      first.ok(
          new FileChunkRequest(first.nextId(), id, 0, Bytes.of(Arrays.copyOfRange(data, 0, CHUNK))),
          FileChunkReply.class);
    }
    try (TestClient again = as("alice");
        TestClient bob = as("bob")) {
      FileUploadReply resumed = start(again, id, "#files", data.length);
      assertThat(resumed.received()).isEqualTo(CHUNK);
      assertThat(error(bob.call(new FileDownloadRequest(bob.nextId(), id, 0))))
          .isEqualTo(ErrorCode.FILE_INCOMPLETE);
      upload(again, id, data, resumed.received());
      assertThat(download(bob, id)).isEqualTo(data);
    }
  }

  @Test
  void chunks_outOfPlaceOrByAnotherUser_areRefused() throws Exception {
    byte[] data = randomBytes(CHUNK + 100);
    String id = newFileId();
    try (TestClient alice = as("alice");
        TestClient bob = as("bob")) {
      start(alice, id, "#files", data.length);
      Bytes first = Bytes.of(Arrays.copyOfRange(data, 0, CHUNK));
      assertThat(error(alice.call(new FileChunkRequest(alice.nextId(), id, 5, first))))
          .isEqualTo(ErrorCode.FILE_OFFSET_MISMATCH);
      assertThat(
              error(
                  alice.call(
                      new FileChunkRequest(
                          alice.nextId(), id, 0, Bytes.of(Arrays.copyOf(data, 100))))))
          .isEqualTo(ErrorCode.FILE_OFFSET_MISMATCH);
      assertThat(error(bob.call(new FileChunkRequest(bob.nextId(), id, 0, first))))
          .isEqualTo(ErrorCode.NOT_UPLOADER);
      assertThat(error(bob.call(new FileUploadRequest(bob.nextId(), id, "#files", data.length))))
          .isEqualTo(ErrorCode.FILE_EXISTS);
      assertThat(error(alice.call(new FileUploadRequest(alice.nextId(), id, "#files", 99))))
          .isEqualTo(ErrorCode.FILE_EXISTS);
      assertThat(error(alice.call(new FileFinishRequest(alice.nextId(), id))))
          .isEqualTo(ErrorCode.FILE_INCOMPLETE);
      assertThat(error(bob.call(new FileFinishRequest(bob.nextId(), id))))
          .isEqualTo(ErrorCode.NOT_UPLOADER);
      upload(alice, id, data, 0);
      assertThat(error(alice.call(new FileChunkRequest(alice.nextId(), id, data.length, first))))
          .isEqualTo(ErrorCode.FILE_OFFSET_MISMATCH);
      assertThat(error(bob.call(new FileDownloadRequest(bob.nextId(), id, data.length))))
          .isEqualTo(ErrorCode.FILE_OFFSET_MISMATCH);
    }
  }

  /** An uploader out of the room mid-upload (left, or removed) may not go on filling the relay. */
  @Test
  void upload_byAnUploaderWhoLeftMeanwhile_isRefusedAtItsNextChunk() throws Exception {
    byte[] data = randomBytes(CHUNK * 3);
    String id = newFileId();
    try (TestClient dave = as("dave")) {
      start(dave, id, "#files", data.length);
      dave.ok(
          new FileChunkRequest(dave.nextId(), id, 0, Bytes.of(Arrays.copyOfRange(data, 0, CHUNK))),
          FileChunkReply.class);
      dave.ok(new LeaveRequest(dave.nextId(), "#files"), LeaveReply.class);
      try {
        Bytes next = Bytes.of(Arrays.copyOfRange(data, CHUNK, 2 * CHUNK));
        assertThat(error(dave.call(new FileChunkRequest(dave.nextId(), id, CHUNK, next))))
            .isEqualTo(ErrorCode.NOT_MEMBER);
        assertThat(error(dave.call(new FileFinishRequest(dave.nextId(), id))))
            .isEqualTo(ErrorCode.NOT_MEMBER);
      } finally {
        dave.ok(new JoinRequest(dave.nextId(), "#files"), JoinReply.class);
      }
    }
  }

  @Test
  void download_byNonMemberOrFormerMember_isRefused() throws Exception {
    byte[] data = randomBytes(1000);
    String id = newFileId();
    String direct = newFileId();
    try (TestClient alice = as("alice");
        TestClient carol = as("carol");
        TestClient dave = as("dave")) {
      assertThat(error(carol.call(new FileUploadRequest(carol.nextId(), id, "#files", 10))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      start(alice, id, "#files", data.length);
      upload(alice, id, data, 0);
      assertThat(error(carol.call(new FileDownloadRequest(carol.nextId(), id, 0))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      assertThat(error(carol.call(new FileStatusRequest(carol.nextId(), id))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      assertThat(download(dave, id)).isEqualTo(data);
      dave.ok(new LeaveRequest(dave.nextId(), "#files"), LeaveReply.class);
      assertThat(error(dave.call(new FileDownloadRequest(dave.nextId(), id, 0))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      dave.ok(new JoinRequest(dave.nextId(), "#files"), JoinReply.class);

      start(alice, direct, "@alice+bob", data.length);
      upload(alice, direct, data, 0);
      assertThat(error(carol.call(new FileDownloadRequest(carol.nextId(), direct, 0))))
          .isEqualTo(ErrorCode.NOT_MEMBER);
      assertThat(
              error(
                  alice.call(new FileUploadRequest(alice.nextId(), newFileId(), "@alice+zed", 9))))
          .isEqualTo(ErrorCode.NO_SUCH_USER);
      assertThat(error(carol.call(new FileDownloadRequest(carol.nextId(), newFileId(), 0))))
          .isEqualTo(ErrorCode.NO_SUCH_FILE);
    }
    try (TestClient bob = as("bob")) {
      assertThat(download(bob, direct)).isEqualTo(data);
    }
  }

  @Test
  void upload_overTheLimitOrTheQuota_isRefusedWithItsCode() throws Exception {
    try (TestClient dave = as("dave")) {
      ErrorReply tooLarge =
          (ErrorReply)
              dave.call(
                  new FileUploadRequest(dave.nextId(), newFileId(), "#files", 3 * MAX_FILE / 2));
      assertThat(tooLarge.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
      assertThat(tooLarge.message())
          .isEqualTo(
              "this relay accepts files of at most 2.0 MiB once encrypted (2097152 bytes); this"
                  + " one is 3.0 MiB (3145728 bytes) encrypted");
      start(dave, newFileId(), "#files", MAX_FILE);
      ErrorReply refused =
          (ErrorReply)
              dave.call(new FileUploadRequest(dave.nextId(), newFileId(), "#files", MAX_FILE));
      assertThat(refused.code()).isEqualTo(ErrorCode.FILE_QUOTA_EXCEEDED);
      assertThat(refused.message())
          .isEqualTo(
              "your unexpired files would exceed your quota of 3.0 MiB (3145728 bytes) on this"
                  + " relay; wait until older ones expire");
    }
  }

  /**
   * Each upload counts at least 4 KiB against the quotas: one-byte uploads, each a row the relay
   * stores, cannot pile up by the million under a quota counted in declared bytes.
   */
  @Test
  void tinyUploads_eachCountAtLeastTheMinimumCharge_soTheirRowsAreBounded(@TempDir Path tinyDir)
      throws Exception {
    long quota = 4 * 4096;
    FileLimits limits =
        new FileLimits(quota, Duration.ofHours(168), quota, 6 * 4096, Duration.ofHours(1));
    try (Relay tiny =
        Relay.start(
            RelayFixture.builder(tinyDir).files(limits).build(), clock, RelayFixture.RANDOM)) {
      TestClient erin = connect(tiny, tinyDir, 2);
      TestClient fred = connect(tiny, tinyDir, 2);
      try (erin;
          fred) {
        register(erin, RelayFixture.identity("erin"));
        register(fred, RelayFixture.identity("fred"));
        login(erin, "erin");
        login(fred, "fred");
        for (int i = 0; i < 4; i++) {
          start(erin, newFileId(), "#lobby", 1);
        }
        Reply mine = erin.call(new FileUploadRequest(erin.nextId(), newFileId(), "#lobby", 1));
        assertThat(error(mine)).isEqualTo(ErrorCode.FILE_QUOTA_EXCEEDED);
        assertThat(((ErrorReply) mine).message())
            .startsWith("your unexpired files would exceed your quota");
        start(fred, newFileId(), "#lobby", 1);
        start(fred, newFileId(), "#lobby", 1);
        Reply full = fred.call(new FileUploadRequest(fred.nextId(), newFileId(), "#lobby", 1));
        assertThat(error(full)).isEqualTo(ErrorCode.FILE_QUOTA_EXCEEDED);
        assertThat(((ErrorReply) full).message())
            .isEqualTo("the relay's file storage is full; try again later");
      }
    }
  }

  /**
   * A quota smaller than the minimum charge still takes a file that fits it: the charge is at most
   * the quota, so such a relay does not refuse every upload as exceeding it.
   */
  @Test
  void aQuotaSmallerThanTheMinimumCharge_stillTakesAFileThatFitsIt(@TempDir Path smallDir)
      throws Exception {
    long quota = 1000;
    FileLimits limits =
        new FileLimits(quota, Duration.ofHours(168), quota, 64L << 20, Duration.ofHours(1));
    try (Relay small =
        Relay.start(
            RelayFixture.builder(smallDir).files(limits).build(), clock, RelayFixture.RANDOM)) {
      TestClient erin = connect(small, smallDir, 2);
      try (erin) {
        register(erin, RelayFixture.identity("erin"));
        login(erin, "erin");

        start(erin, newFileId(), "#lobby", 10);

        Reply second = erin.call(new FileUploadRequest(erin.nextId(), newFileId(), "#lobby", 10));
        assertThat(error(second)).isEqualTo(ErrorCode.FILE_QUOTA_EXCEEDED);
      }
    }
  }

  @Test
  void delete_byTheUploader_removesTheFileAndFreesItsQuota_otherwiseRefused() throws Exception {
    byte[] data = randomBytes(CHUNK + 1);
    String partial = newFileId();
    String finished = newFileId();
    try (TestClient alice = as("alice");
        TestClient bob = as("bob")) {
      start(bob, partial, "#files", MAX_FILE);
      bob.ok(
          new FileChunkRequest(bob.nextId(), partial, 0, Bytes.of(Arrays.copyOf(data, CHUNK))),
          FileChunkReply.class);
      assertThat(error(bob.call(new FileUploadRequest(bob.nextId(), finished, "#files", MAX_FILE))))
          .isEqualTo(ErrorCode.FILE_QUOTA_EXCEEDED);
      assertThat(error(alice.call(new FileDeleteRequest(alice.nextId(), partial))))
          .isEqualTo(ErrorCode.NOT_UPLOADER);

      FileDeleteReply deleted =
          bob.ok(new FileDeleteRequest(bob.nextId(), partial), FileDeleteReply.class);
      assertThat(deleted.fileId()).isEqualTo(partial);
      assertThat(error(bob.call(new FileStatusRequest(bob.nextId(), partial))))
          .isEqualTo(ErrorCode.NO_SUCH_FILE);
      assertThat(error(bob.call(new FileDeleteRequest(bob.nextId(), partial))))
          .isEqualTo(ErrorCode.NO_SUCH_FILE);
      assertThat(chunksOf(partial)).isZero();

      start(bob, finished, "#files", data.length);
      upload(bob, finished, data, 0);
      bob.ok(new FileDeleteRequest(bob.nextId(), finished), FileDeleteReply.class);
      assertThat(error(alice.call(new FileDownloadRequest(alice.nextId(), finished, 0))))
          .isEqualTo(ErrorCode.NO_SUCH_FILE);
      assertThat(chunksOf(finished)).isZero();
    }
  }

  private static long chunksOf(String fileId) throws Exception {
    return countRows(
        "SELECT count(*) FROM file_chunks WHERE hex(file_id) = '"
            + fileId.toUpperCase(java.util.Locale.ROOT)
            + "'");
  }

  @Test
  void sweep_afterExpiry_deletesTheFile() throws Exception {
    byte[] data = randomBytes(CHUNK + 1);
    String id = newFileId();
    try (TestClient alice = as("alice");
        TestClient bob = as("bob")) {
      start(alice, id, "#files", data.length);
      upload(alice, id, data, 0);
      assertThat(relay.sweepExpiredFiles()).isZero();
      clock.advance(Duration.ofHours(169));
      assertThat(error(bob.call(new FileDownloadRequest(bob.nextId(), id, 0))))
          .isEqualTo(ErrorCode.NO_SUCH_FILE);
      assertThat(relay.sweepExpiredFiles()).isPositive();
      assertThat(error(alice.call(new FileStatusRequest(alice.nextId(), id))))
          .isEqualTo(ErrorCode.NO_SUCH_FILE);
      assertThat(countRows("SELECT count(*) FROM file_chunks")).isZero();
    }
  }

  @Test
  void download_chunkAlteredOrMovedInTheDatabase_isRefusedNotServed() throws Exception {
    byte[] data = randomBytes(CHUNK * 2);
    String id = newFileId();
    try (TestClient alice = as("alice");
        TestClient bob = as("bob")) {
      start(alice, id, "#files", data.length);
      upload(alice, id, data, 0);
      byte[] fileId = HexFormat.of().parseHex(id);
      try (Connection db = database()) {
        db.setAutoCommit(false);
        for (String sql :
            new String[] {
              "UPDATE file_chunks SET chunk_index = chunk_index + 10 WHERE file_id = ?",
              "UPDATE file_chunks SET chunk_index = 11 - chunk_index WHERE file_id = ?"
            }) {
          try (PreparedStatement swap = db.prepareStatement(sql)) {
            swap.setBytes(1, fileId);
            swap.executeUpdate();
          }
        }
        db.commit();
      }
      assertThat(error(bob.call(new FileDownloadRequest(bob.nextId(), id, 0))))
          .isEqualTo(ErrorCode.INTERNAL);
      assertThat(error(bob.call(new FileDownloadRequest(bob.nextId(), id, CHUNK))))
          .isEqualTo(ErrorCode.INTERNAL);
    }
  }

  private static Connection database() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("relay.db"));
  }

  private static long countRows(String sql) throws Exception {
    try (Connection db = database();
        var statement = db.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void upload_onAVersion1Connection_isRefusedAsBadFrame() throws Exception {
    try (TestClient old = connect(relay, dataDir)) {
      login(old, "alice");
      Reply reply = old.call(new FileUploadRequest(old.nextId(), newFileId(), "#lobby", 1000));
      assertThat(error(reply)).isEqualTo(ErrorCode.BAD_FRAME);
      assertThat(error(old.call(new FileDeleteRequest(old.nextId(), newFileId()))))
          .isEqualTo(ErrorCode.BAD_FRAME);
    }
  }
}
