package chat.e2e;

import static chat.e2e.Clients.PASSPHRASE;
import static chat.e2e.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import chat.cli.CommandException;
import chat.cli.client.ChatMessage;
import chat.cli.client.ConnectionState;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import chat.cli.client.internal.RelayChatClient;
import chat.crypto.AtRestSealer;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FileDownloadRequest;
import chat.protocol.LoginReply;
import chat.protocol.LoginRequest;
import chat.protocol.Secret;
import chat.server.Relay;
import chat.server.RelayFixture;
import chat.server.TestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File sharing between real clients through a real relay: a transfer of a few MiB survives a
 * connection cut in the middle of the upload and of the download (resuming, not restarting), the
 * received file has the sender's SHA-256, a non-member cannot download, and a chunk altered on the
 * relay is detected and nothing is kept. One relay and one set of accounts serve every test.
 */
class FileTransferEndToEndTest {
  private static final int SIZE = 3 * 1024 * 1024 + 12_345;

  @TempDir static Path dataDir;
  @TempDir static Path homes;
  static Relay relay;
  static CuttingProxy proxy;

  @TempDir Path files;
  @TempDir Path downloads;

  @BeforeAll
  static void start() throws Exception {
    relay = RelayFixture.start(dataDir);
    proxy = new CuttingProxy(relay.port());
    for (String name : new String[] {"alice", "bob", "carol"}) {
      try (RelayChatClient client = Clients.oneShot(relay.port(), homes)) {
        client.register(name, PASSWORD.clone(), PASSPHRASE.clone());
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    relay.close();
  }

  @BeforeEach
  void openTheProxy() {
    proxy.refuseNewConnections(false);
  }

  /** A live client of {@code name} through {@code port}, logged in. */
  private RelayChatClient live(String name, int port, RecordingListener listener) {
    RelayChatClient client = Clients.live(port, homes, downloads);
    client.addListener(listener);
    client.login(name, PASSWORD.clone(), PASSPHRASE.clone());
    return client;
  }

  private Path randomFile(String name, int size) throws Exception {
    byte[] data = new byte[size];
    RelayFixture.RANDOM.nextBytes(data);
    Path file = files.resolve(name);
    Files.write(file, data);
    return file;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void sendFile_connectionCutMidUpload_resumesAndTheRecipientGetsTheSameSha256() throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    Path report = randomFile("report.pdf", SIZE);
    try (RelayChatClient alice = live("alice", proxy.port(), aliceEvents);
        RelayChatClient bob = live("bob", relay.port(), bobEvents)) {
      alice.join("#team");
      bob.join("#team");
      int cuts = proxy.cuts();
      long up = proxy.bytes(CuttingProxy.Direction.UP);
      proxy.cutAfter(CuttingProxy.Direction.UP, SIZE / 2);

      FileOffer sent = alice.sendFile("#team", report);

      assertThat(proxy.cuts()).isEqualTo(cuts + 1);
      // Chunks travel as base64: a restart from zero would cost about 2 * 4/3 * SIZE.
      assertThat(proxy.bytes(CuttingProxy.Direction.UP) - up).isLessThan(SIZE * 2L);
      // Listeners hear of transfers on the client's event thread, after sendFile returns.
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(aliceEvents.transfers)
                      .extracting(FileTransfer::state)
                      .contains(TransferState.UPLOADING, TransferState.OFFERED));
      FileOffer received = bobEvents.awaitOffer("report.pdf");
      assertThat(received.fileId()).isEqualTo(sent.fileId());
      assertThat(received.sender()).isEqualTo("alice");
      assertThat(received.size()).isEqualTo(SIZE);

      Path saved = bob.acceptFile(received.shortId());
      assertThat(saved).isEqualTo(downloads.resolve("report.pdf"));
      assertThat(sha256(saved)).isEqualTo(sha256(report));
      assertThat(bob.files())
          .anySatisfy(
              t -> {
                assertThat(t.fileId()).isEqualTo(sent.fileId());
                assertThat(t.state()).isEqualTo(TransferState.DONE);
                assertThat(t.savedPath()).isEqualTo(saved.toString());
              });
    }
  }

  /**
   * A one-shot chat file send whose connection is already down when it starts (lost after the
   * resume at start, before the members check): it resumes on a new connection, as it does when the
   * connection drops mid-upload, instead of failing with "not connected to the relay".
   */
  @Test
  void cancelFileSend_midUpload_stopsIt_deletesItOnTheRelay_andOffersNothing() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    Path big = randomFile("big.bin", SIZE);
    try (RelayChatClient alice = live("alice", proxy.port(), new RecordingListener());
        RelayChatClient bob = live("bob", relay.port(), bobEvents)) {
      alice.join("#drop");
      bob.join("#drop");
      assertThatThrownBy(() -> alice.cancelFileSend(""))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("no file is being sent");
      proxy.stallAfter(CuttingProxy.Direction.UP, SIZE / 2);
      java.util.concurrent.CompletableFuture<FileOffer> sending =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> alice.sendFile("#drop", big), OwnThread.EACH);
      await().atMost(Duration.ofSeconds(30)).until(proxy::stalled);

      assertThat(alice.cancelFileSend("")).isEqualTo("big.bin");
      assertThatThrownBy(() -> alice.cancelFileSend(""))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage("big.bin is being cancelled already; it stops in a moment");
      proxy.releaseStall();

      assertThatThrownBy(() -> sending.get(30, java.util.concurrent.TimeUnit.SECONDS))
          .hasCauseInstanceOf(CommandException.Usage.class)
          .cause()
          .hasMessage("stopped: you cancelled it");
      FileTransfer failed = alice.files().get(0);
      assertThat(failed.name()).isEqualTo("big.bin");
      assertThat(failed.state()).isEqualTo(TransferState.FAILED);
      assertThat(failed.detail()).isEqualTo("stopped: you cancelled it");
      try (Connection db =
              DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("relay.db"));
          PreparedStatement count =
              db.prepareStatement("SELECT count(*) FROM files WHERE file_id = ?")) {
        count.setBytes(1, HexFormat.of().parseHex(failed.fileId()));
        try (ResultSet row = count.executeQuery()) {
          assertThat(row.next()).isTrue();
          assertThat(row.getInt(1)).as("the upload is deleted on the relay").isZero();
        }
      }
      alice.send("#drop", "after the cancel");
      bobEvents.awaitText("after the cancel");
      assertThat(bobEvents.offers).isEmpty();
    }
  }

  @Test
  void oneShotSendFile_connectionDownBeforeTheMembersCheck_resumesAndSends() throws Exception {
    Path notes = randomFile("notes.txt", 5000);
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient bob = live("bob", relay.port(), bobEvents)) {
      bob.join("#notes");
      try (RelayChatClient alice = Clients.oneShot(proxy.port(), homes, downloads)) {
        alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
        alice.join("#notes");
      }
      try (RelayChatClient alice = Clients.oneShot(proxy.port(), homes, downloads)) {
        alice.resume("alice", PASSPHRASE.clone());
        int accepted = proxy.accepted();
        proxy.cutNow();
        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> alice.connectionState() == ConnectionState.OFFLINE);

        FileOffer sent = alice.sendFile("#notes", notes);

        assertThat(sent.size()).isEqualTo(5000);
        assertThat(proxy.accepted()).as("one new connection, resumed").isEqualTo(accepted + 1);
        bobEvents.awaitOffer("notes.txt");
        assertThat(sha256(bob.acceptFile(sent.fileId()))).isEqualTo(sha256(notes));
      }
    }
  }

  @Test
  void acceptFile_connectionCutMidDownload_resumesWithoutStartingOver() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    Path data = randomFile("data.bin", SIZE);
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener());
        RelayChatClient bob = live("bob", proxy.port(), bobEvents)) {
      String fileId = alice.sendFile(alice.directWith("bob"), data).fileId();
      bobEvents.awaitOffer("data.bin");
      int cuts = proxy.cuts();
      long down = proxy.bytes(CuttingProxy.Direction.DOWN);
      proxy.cutAfter(CuttingProxy.Direction.DOWN, SIZE / 3);
      Path saved = bob.acceptFile(fileId);
      assertThat(proxy.cuts()).isEqualTo(cuts + 1);
      assertThat(sha256(saved)).isEqualTo(sha256(data));
      assertThat(proxy.bytes(CuttingProxy.Direction.DOWN) - down).isLessThan(SIZE * 5L / 3);
    }
  }

  /**
   * A one-shot client (a script's {@code chat file get}) that loses its connection tells its
   * listeners while it waits for the relay, and again once it is back, as a live client does.
   */
  @Test
  void oneShotAcceptFile_connectionCutMidDownload_saysItIsLostAndBack() throws Exception {
    Path data = randomFile("data.bin", SIZE);
    String fileId;
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener())) {
      fileId = alice.sendFile(alice.directWith("bob"), data).fileId();
    }
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient bob = Clients.oneShot(proxy.port(), homes, downloads)) {
      bob.login("bob", PASSWORD.clone(), PASSPHRASE.clone());
      bob.addListener(bobEvents);
      proxy.cutAfter(CuttingProxy.Direction.DOWN, SIZE / 3);

      Path saved = bob.acceptFile(fileId);

      assertThat(sha256(saved)).isEqualTo(sha256(data));
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(bobEvents.connectionDetails)
                      .filteredOn(d -> !d.startsWith("OFFLINE"))
                      .satisfiesExactly(
                          lost ->
                              assertThat(lost)
                                  .startsWith("RECONNECTING ")
                                  .endsWith("; reconnecting"),
                          back ->
                              assertThat(back)
                                  .isEqualTo("ONLINE reconnected to 127.0.0.1:" + proxy.port())));
    }
  }

  /**
   * Closing the client (the line mode's /quit, then the process exits) ends a download mid-way and
   * waits for it to end: its lock file is gone when close returns, its partial file kept for a
   * later run. Before, the process could exit first and leave the lock file behind.
   */
  @Test
  void close_whileADownloadRuns_endsIt_removingItsLockFile_keepingThePartialFile()
      throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    Path data = randomFile("halfway.bin", SIZE);
    RelayChatClient bob = live("bob", proxy.port(), bobEvents);
    String fileId;
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener())) {
      fileId = alice.sendFile(alice.directWith("bob"), data).fileId();
    }
    bobEvents.awaitOffer("halfway.bin");
    proxy.stallAfter(CuttingProxy.Direction.DOWN, SIZE / 3);
    java.util.concurrent.CompletableFuture<Path> accepted =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> bob.acceptFile(fileId));
    await().atMost(Duration.ofSeconds(30)).until(proxy::stalled);
    assertThat(downloads.resolve(".chat-" + fileId + ".lock")).exists();

    bob.close();

    assertThat(downloads.resolve(".chat-" + fileId + ".lock")).doesNotExist();
    assertThat(downloads.resolve(".chat-" + fileId + ".part")).exists();
    assertThat(accepted).failsWithin(Duration.ofSeconds(10));
  }

  /** Rejecting an offer being downloaded stops the download and keeps none of it. */
  @Test
  void rejectFile_whileItDownloads_stopsTheDownload_deletingWhatItFetched() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    Path data = randomFile("unwanted.bin", SIZE);
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener());
        RelayChatClient bob = live("bob", proxy.port(), bobEvents)) {
      String fileId = alice.sendFile(alice.directWith("bob"), data).fileId();
      bobEvents.awaitOffer("unwanted.bin");
      int cuts = proxy.cuts();
      proxy.cutAfter(CuttingProxy.Direction.DOWN, SIZE / 3);
      proxy.refuseNewConnections(true); // the download waits here, part of it fetched
      java.util.concurrent.CompletableFuture<Path> accepted =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> bob.acceptFile(fileId));
      await().until(() -> proxy.cuts() > cuts);
      // /file cancel is for files being sent: it says what stops one being received
      assertThatThrownBy(() -> bob.cancelFileSend(""))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage(
              "no file is being sent: a file being received is stopped with /file reject ID");

      assertThat(bob.rejectFile(fileId)).as("it stops the download running").isTrue();
      proxy.refuseNewConnections(false);

      assertThatThrownBy(() -> accepted.orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join())
          .hasCauseInstanceOf(CommandException.Usage.class)
          .hasMessageContaining("stopped: you rejected it");
      assertThat(downloads.resolve(".chat-" + fileId + ".part")).doesNotExist();
      assertThat(bob.files())
          .filteredOn(transfer -> transfer.fileId().equals(fileId))
          .extracting(FileTransfer::state)
          .containsExactly(TransferState.REJECTED);
    }
  }

  @Test
  void acceptFile_interruptedAndRunAgain_continuesFromThePartialFileInTheDownloadFolder()
      throws Exception {
    Path data = randomFile("big.iso", SIZE);
    String fileId;
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener())) {
      fileId = alice.sendFile(alice.directWith("bob"), data).fileId();
    }
    Path partial = downloads.resolve(".chat-" + fileId + ".part");
    RelayChatClient interrupted = Clients.oneShot(proxy.port(), homes, downloads);
    try {
      interrupted.login("bob", PASSWORD.clone(), PASSPHRASE.clone());
      int cuts = proxy.cuts();
      proxy.cutAfter(CuttingProxy.Direction.DOWN, SIZE / 2);
      proxy.refuseNewConnections(true);
      Thread closer =
          new Thread(
              () -> {
                Awaitility.await().until(() -> proxy.cuts() > cuts);
                interrupted.close();
              });
      closer.start();
      assertThatThrownBy(() -> interrupted.acceptFile(fileId))
          .isInstanceOf(CommandException.Network.class)
          .hasMessageContaining("the client was closed before it finished");
      closer.join();
    } finally {
      interrupted.close();
    }
    long kept = Files.size(partial);
    assertThat(kept).isPositive().isLessThan(SIZE);
    proxy.refuseNewConnections(false);
    long before = proxy.bytes(CuttingProxy.Direction.DOWN);
    try (RelayChatClient bob = Clients.oneShot(proxy.port(), homes, downloads)) {
      bob.resume("bob", PASSPHRASE.clone());
      Path saved = bob.acceptFile(fileId.substring(0, 8));
      assertThat(sha256(saved)).isEqualTo(sha256(data));
      // Chunks travel as base64 (4/3 of their size); a fresh download would cost about SIZE * 4/3.
      long moved = proxy.bytes(CuttingProxy.Direction.DOWN) - before;
      assertThat(moved).isLessThan((SIZE - kept) * 4 / 3 + 256 * 1024);
    }
    assertThat(partial).doesNotExist();
  }

  @Test
  void nonMember_cannotDownload_neitherThroughTheClientNorWithARawRequest() throws Exception {
    Path secret = randomFile("plans.txt", 5000);
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener());
        RelayChatClient carol = live("carol", relay.port(), new RecordingListener())) {
      alice.join("#board");
      FileOffer offer = alice.sendFile("#board", secret);
      assertThatThrownBy(() -> carol.acceptFile(offer.fileId()))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageContaining("no file offer");
      try (TestClient raw = RelayFixture.connect(relay, dataDir, 2)) {
        raw.ok(new LoginRequest(raw.nextId(), "carol", Secret.ofChars(PASSWORD)), LoginReply.class);
        ErrorReply refused =
            (ErrorReply) raw.call(new FileDownloadRequest(raw.nextId(), offer.fileId(), 0));
        assertThat(refused.code()).isEqualTo(ErrorCode.NOT_MEMBER);
      }
    }
  }

  @Test
  void acceptFile_chunkAlteredOnTheRelay_isDetectedAndNothingIsKept() throws Exception {
    Path original = randomFile("payroll.csv", 700_000);
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener());
        RelayChatClient bob = live("bob", relay.port(), new RecordingListener())) {
      FileOffer offer = alice.sendFile(alice.directWith("bob"), original);
      reseal(offer.fileId(), 1);
      assertThatThrownBy(() -> bob.acceptFile(offer.fileId()))
          .isInstanceOf(CommandException.EnvelopeRejected.class)
          .hasMessageContaining("did not authenticate");
      try (Stream<Path> left = Files.list(downloads)) {
        assertThat(left).isEmpty();
      }
      assertThat(bob.files())
          .anySatisfy(
              t -> {
                assertThat(t.fileId()).isEqualTo(offer.fileId());
                assertThat(t.state()).isEqualTo(TransferState.FAILED);
              });
    }
  }

  /**
   * Plays a relay operator who holds the at-rest keyset: opens chunk {@code index}, flips one byte
   * of the client's ciphertext, and seals it again under its row id, so the relay's own check
   * passes and only the end-to-end one can notice.
   */
  private static void reseal(String fileId, int index) throws Exception {
    AtRestSealer sealer =
        AtRestSealer.fromKeyset(Files.readAllBytes(dataDir.resolve("at-rest-keyset.json")));
    byte[] rowId = ("files/" + fileId + "/chunks/" + index).getBytes(StandardCharsets.UTF_8);
    byte[] id = HexFormat.of().parseHex(fileId);
    try (Connection db =
        DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("relay.db"))) {
      byte[] sealed;
      try (PreparedStatement read =
          db.prepareStatement(
              "SELECT sealed FROM file_chunks WHERE file_id = ? AND chunk_index = ?")) {
        read.setBytes(1, id);
        read.setInt(2, index);
        try (ResultSet row = read.executeQuery()) {
          assertThat(row.next()).isTrue();
          sealed = row.getBytes(1);
        }
      }
      byte[] chunk = sealer.open(sealed, rowId);
      chunk[100] ^= 1;
      try (PreparedStatement write =
          db.prepareStatement(
              "UPDATE file_chunks SET sealed = ? WHERE file_id = ? AND chunk_index = ?")) {
        write.setBytes(1, sealer.seal(chunk, rowId));
        write.setBytes(2, id);
        write.setInt(3, index);
        assertThat(write.executeUpdate()).isEqualTo(1);
      }
    }
  }

  @Test
  void files_listsWhatWasOfferedSentRejectedAndDone() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener());
        RelayChatClient bob = live("bob", relay.port(), bobEvents)) {
      FileOffer one = alice.sendFile("#lobby", randomFile("one.txt", 10));
      FileOffer two = alice.sendFile("#lobby", randomFile("two.txt", 0));
      bobEvents.awaitOffer("two.txt");
      bob.rejectFile(one.fileId());
      assertThatThrownBy(() -> alice.rejectFile(one.fileId()))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessageContaining("you offered one.txt yourself");
      Path saved = bob.acceptFile(two.fileId());
      assertThat(saved).hasContent("");
      assertThat(bob.files())
          .extracting(FileTransfer::name, FileTransfer::state)
          .contains(tuple("one.txt", TransferState.REJECTED), tuple("two.txt", TransferState.DONE));
      assertThat(alice.files())
          .extracting(FileTransfer::name, FileTransfer::outgoing, FileTransfer::state)
          .contains(tuple("one.txt", true, TransferState.OFFERED));
    }
  }

  /**
   * The relay does not send alice's offer back to the connection that made it; a reply to it still
   * quotes it there, as a reply to a text she sent does.
   */
  @Test
  void replyToYourOwnOffer_quotesItOnTheSendersClient() throws Exception {
    RecordingListener aliceEvents = new RecordingListener();
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = live("alice", relay.port(), aliceEvents);
        RelayChatClient bob = live("bob", relay.port(), bobEvents)) {
      FileOffer sent = alice.sendFile("#lobby", randomFile("quoted.txt", 10));
      FileOffer offered = bobEvents.awaitOffer("quoted.txt");

      bob.send("#lobby", "got the file", false, offered.messageId());
      ChatMessage reply = aliceEvents.awaitText("got the file");

      assertThat(
              alice
                  .requoted(reply.withReply(ChatMessage.Reply.unknown(reply.reply().messageId())))
                  .reply())
          .extracting(
              ChatMessage.Reply::sender, ChatMessage.Reply::excerpt, ChatMessage.Reply::kind)
          .containsExactly("alice", "quoted.txt", ChatMessage.Reply.Kind.FILE);
      assertThat(reply.reply().messageId()).isEqualTo(sent.messageId());
    }
  }

  /** A copy changed on disk since its download is not reported as the verified file again. */
  @Test
  void acceptAgain_afterTheSavedCopyChanged_downloadsItAgainUnderANewName() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener());
        RelayChatClient bob = live("bob", relay.port(), bobEvents)) {
      Path original = randomFile("changed.bin", 5_000);
      alice.sendFile("#lobby", original);
      String shortId = bobEvents.awaitOffer("changed.bin").shortId();
      Path saved = bob.acceptFile(shortId);
      Files.writeString(saved, "not what was offered");

      Path again = bob.acceptFile(shortId);

      assertThat(again).isNotEqualTo(saved);
      assertThat(sha256(again)).isEqualTo(sha256(original));
      assertThat(Files.readString(saved)).as("never replaced").isEqualTo("not what was offered");
    }
  }

  /**
   * A file a script of the same profile saved while a live client ran (a {@code chat file get}
   * beside the full screen) is found saved by that client's accept: not downloaded a second time as
   * {@code name (1).ext}.
   */
  @Test
  void accept_ofAFileAnotherProcessOfTheProfileSaved_givesThatCopy_noSecondDownload()
      throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener());
        RelayChatClient bob = live("bob", relay.port(), bobEvents)) {
      Path original = randomFile("shared.bin", 5_000);
      alice.sendFile("#lobby", original);
      String shortId = bobEvents.awaitOffer("shared.bin").shortId();
      assertThat(bob.files()).isNotEmpty(); // the live client has read files.json by now
      Path savedByTheScript;
      try (RelayChatClient script = Clients.oneShot(relay.port(), homes, downloads)) {
        script.login("bob", PASSWORD.clone(), PASSPHRASE.clone());
        savedByTheScript = script.acceptFile(shortId);
      }

      Path accepted = bob.acceptFile(shortId);

      assertThat(accepted).isEqualTo(savedByTheScript);
      try (var saved = Files.list(savedByTheScript.getParent())) {
        assertThat(saved.filter(f -> f.getFileName().toString().startsWith("shared")).toList())
            .containsExactly(savedByTheScript);
      }
    }
  }

  /** A file sent to a room alice is not in names the room, not "this conversation". */
  @Test
  void sendFile_toARoomNotIn_namesIt() throws Exception {
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener())) {
      Path file = randomFile("stray.txt", 10);
      assertThatThrownBy(() -> alice.sendFile("#nowhere", file))
          .isInstanceOf(CommandException.NotMember.class)
          .hasMessage("you are not in #nowhere");
    }
  }

  /**
   * An offer accepted after leaving its room names the room and says why, not "this conversation".
   */
  @Test
  void acceptFile_afterLeavingTheRoom_namesItAndSaysWhy() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener());
        RelayChatClient bob = live("bob", relay.port(), bobEvents)) {
      alice.join("#gone");
      bob.join("#gone");
      alice.sendFile("#gone", randomFile("left.txt", 10));
      String shortId = bobEvents.awaitOffer("left.txt").shortId();
      bob.leave("#gone");

      assertThatThrownBy(() -> bob.acceptFile(shortId))
          .isInstanceOf(CommandException.NotMember.class)
          .hasMessage(
              "you are not in #gone: only its members may download its files (what was fetched is"
                  + " kept, and the download resumes if you join it again)");
    }
  }

  /**
   * After dave replaces his keys, the offer he downloaded was encrypted to the old ones: {@code
   * /files} still lists it, so accepting it again says why it cannot be, not "no file offer".
   */
  @Test
  void acceptFile_downloadedBeforeAKeyReplacement_saysWhyNotAndWhereTheCopyIs(
      @TempDir Path ownData, @TempDir Path ownHomes) throws Exception {
    // A relay of its own: dave's new key must not reach the other tests' rooms.
    try (Relay own = RelayFixture.start(ownData)) {
      int port = own.port();
      for (String name : new String[] {"alice", "dave"}) {
        try (RelayChatClient client = Clients.oneShot(port, ownHomes)) {
          client.register(name, PASSWORD.clone(), PASSPHRASE.clone());
        }
      }
      RecordingListener daveEvents = new RecordingListener();
      Path saved;
      String shortId;
      try (RelayChatClient alice = Clients.live(port, ownHomes, downloads);
          RelayChatClient dave = Clients.live(port, ownHomes, downloads)) {
        dave.addListener(daveEvents);
        alice.login("alice", PASSWORD.clone(), PASSPHRASE.clone());
        dave.login("dave", PASSWORD.clone(), PASSPHRASE.clone());
        alice.sendFile(alice.directWith("dave"), randomFile("before.txt", 10));
        shortId = daveEvents.awaitOffer("before.txt").shortId();
        saved = dave.acceptFile(shortId);
      }
      char[] replaced = "dave's new passphrase".toCharArray();
      try (RelayChatClient dave = Clients.oneShot(port, ownHomes)) {
        dave.replaceKeys("dave", PASSWORD.clone(), replaced.clone());
      }

      try (RelayChatClient dave = Clients.live(port, ownHomes, downloads)) {
        dave.login("dave", PASSWORD.clone(), replaced.clone());
        assertThat(dave.files())
            .extracting(FileTransfer::name, FileTransfer::state)
            .contains(tuple("before.txt", TransferState.DONE));
        assertThatThrownBy(() -> dave.acceptFile(shortId))
            .isInstanceOf(CommandException.Usage.class)
            .hasMessage(
                "before.txt from alice, privately, is listed from this device's record of"
                    + " transfers, but its offer is not among the messages this client can read"
                    + " (older than the last 200 messages of its conversation, in one you have"
                    + " left, or encrypted to keys you have replaced since); it was saved as "
                    + saved);
        Files.delete(saved);
        assertThatThrownBy(() -> dave.rejectFile(shortId))
            .as("a copy gone is not named")
            .isInstanceOf(CommandException.Usage.class)
            .hasMessageEndingWith("encrypted to keys you have replaced since)");
      }
    }
  }

  /**
   * An offer deleted while bob's client runs: accepting it says it was deleted, instead of that
   * there is no such offer.
   */
  @Test
  void acceptFile_ofAnOfferDeletedMeanwhile_saysItWasDeleted() throws Exception {
    RecordingListener bobEvents = new RecordingListener();
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener());
        RelayChatClient bob = live("bob", relay.port(), bobEvents)) {
      FileOffer sent = alice.sendFile("#lobby", randomFile("withdrawn.txt", 10));
      FileOffer offered = bobEvents.awaitOffer("withdrawn.txt");

      alice.deleteMessages("#lobby", List.of(sent.messageId()));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> bobEvents.events.contains("deleted #lobby 1 of alice by alice"));

      assertThatThrownBy(() -> bob.acceptFile(offered.shortId()))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage(
              "alice's offer of withdrawn.txt in #lobby was deleted: it cannot be accepted any"
                  + " more");
      assertThat(downloads.resolve("withdrawn.txt")).doesNotExist();
    }
  }

  @Test
  void history_withAFileOfferAmongTheTexts_givesItInPlaceCountedAmongTheNewest() throws Exception {
    try (RelayChatClient alice = live("alice", relay.port(), new RecordingListener());
        RelayChatClient bob = live("bob", relay.port(), new RecordingListener())) {
      alice.join("#mixed");
      bob.join("#mixed");
      for (int i = 0; i < 24; i++) {
        if (i == 12) {
          alice.sendFile("#mixed", randomFile("between.txt", 10));
        }
        alice.send("#mixed", "text " + i);
      }
    }
    List<String> all = new java.util.ArrayList<>();
    IntStream.range(0, 24).forEach(i -> all.add("text " + i));
    all.add(12, "offer between.txt");
    // A client that has seen none of it: the newest 20 stored are 19 texts and the offer, in its
    // place; a limit over the page size takes a second page.
    try (RelayChatClient bob = live("bob", relay.port(), new RecordingListener())) {
      assertThat(bob.historyPage("#mixed", 20).entries())
          .extracting(FileTransferEndToEndTest::shown)
          .containsExactlyElementsOf(all.subList(5, 25));
      assertThat(bob.historyPage("#mixed", 100).entries())
          .extracting(FileTransferEndToEndTest::shown)
          .containsExactlyElementsOf(all);
      assertThat(bob.history("#mixed", 20))
          .extracting(ChatMessage::text)
          .containsExactlyElementsOf(
              all.subList(5, 25).stream().filter(t -> t.startsWith("text")).toList());
      assertThat(bob.files()).extracting(FileTransfer::name).contains("between.txt");
    }
  }

  private static String shown(chat.cli.client.Posted posted) {
    return posted instanceof ChatMessage message
        ? message.text()
        : "offer " + ((FileOffer) posted).name();
  }
}
