package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.cli.CommandException;
import chat.cli.PrivateFiles;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDownloadTest {
  private static final int CHUNK = 64 * 1024;

  @TempDir Path root;
  private final List<FileTransfer> reports = new ArrayList<>();
  private final FakeFileRelay relay = new FakeFileRelay(CHUNK, "alice");
  private final byte[] key = Transfers.random(32);
  private final String fileId = Transfers.newFileId();
  private final byte[] plaintext = Transfers.random(300_000);
  private byte[] ciphertext;

  private Path downloads() {
    return root.resolve("downloads");
  }

  private TransferLog log() {
    return TransferLog.load(root.resolve("files.json"), "relay:1");
  }

  private OfferBook.Entry offer(String sender, String name) throws Exception {
    ciphertext = Transfers.encrypt(key, fileId, plaintext);
    relay.put(fileId, Transfers.CONVERSATION, ciphertext);
    return Transfers.offer(sender, fileId, name, key, plaintext, Transfers.sha256(plaintext));
  }

  private Path fetch(OfferBook.Entry entry) {
    return fetch(entry, downloads(), reports::add, () -> false);
  }

  private Path fetch(
      OfferBook.Entry entry, Path folder, Consumer<FileTransfer> report, BooleanSupplier stop) {
    return new FileDownload(Clock.systemUTC())
        .fetch(relay, log(), entry, new DownloadFolder(folder), report, stop);
  }

  private List<String> folderContents() throws Exception {
    try (Stream<Path> files = Files.list(downloads())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void fetch_partialFileFromAnEarlierRun_resumesFromItsSizeAndVerifies() throws Exception {
    OfferBook.Entry entry = offer("alice", "report.pdf");
    DownloadFolder folder = new DownloadFolder(downloads());
    folder.create();
    int already = CHUNK + 1000;
    Files.write(folder.partial(fileId), Arrays.copyOf(ciphertext, already));

    Path saved = fetch(entry);

    assertThat(relay.downloadOffsets()).first().isEqualTo((long) already);
    assertThat(saved).isEqualTo(downloads().toAbsolutePath().resolve("report.pdf"));
    assertThat(Files.readAllBytes(saved)).isEqualTo(plaintext);
    assertThat(folderContents()).containsExactly("report.pdf");
    if (PrivateFiles.isPosix(saved)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)))
          .isEqualTo("rw-------");
    }
    assertThat(log().get(fileId).orElseThrow().state()).isEqualTo(TransferState.DONE);
    assertThat(reports).extracting(FileTransfer::state).contains(TransferState.DOWNLOADING);
  }

  /**
   * A partial file damaged on this machine (or a stray file of its name) is not blamed on the
   * relay: the download starts over once, from the relay's bytes alone.
   */
  @Test
  void fetch_damagedPartialFile_startsOverOnce_insteadOfBlamingTheRelay() throws Exception {
    OfferBook.Entry entry = offer("alice", "report.pdf");
    DownloadFolder folder = new DownloadFolder(downloads());
    folder.create();
    Files.write(folder.partial(fileId), Transfers.random(100_000));

    Path saved = fetch(entry);

    assertThat(relay.downloadOffsets()).first().isEqualTo(100_000L);
    assertThat(relay.downloadOffsets()).contains(0L);
    assertThat(Files.readAllBytes(saved)).isEqualTo(plaintext);
    assertThat(folderContents()).containsExactly("report.pdf");
    // said when it starts over, then counted again from nothing to the end
    List<FileTransfer> restarts =
        reports.stream().filter(r -> r.detail().equals(FileDownload.STARTING_OVER)).toList();
    assertThat(restarts).singleElement().extracting(FileTransfer::bytesDone).isEqualTo(0L);
    List<FileTransfer> after =
        reports.subList(reports.indexOf(restarts.get(0)) + 1, reports.size());
    assertThat(after).extracting(FileTransfer::detail).containsOnly("");
    assertThat(after).extracting(FileTransfer::percent).contains(100);
    assertThat(after).last().extracting(FileTransfer::state).isEqualTo(TransferState.DONE);
  }

  /**
   * Another download of the same file into the same folder is running (another chat process): this
   * one is refused at once, and neither touches its partial file nor records anything.
   */
  @Test
  @SuppressWarnings("try") // held by "another process" for the block
  void fetch_whileAnotherDownloadOfItRunsIntoTheFolder_isRefusedAtOnce() throws Exception {
    OfferBook.Entry entry = offer("alice", "report.pdf");
    DownloadFolder folder = new DownloadFolder(downloads());
    folder.create();
    Files.write(folder.partial(fileId), Arrays.copyOf(ciphertext, 1000));

    try (DownloadLock other = DownloadLock.take(folder, fileId).orElseThrow()) {
      assertThatThrownBy(() -> fetch(entry))
          .isInstanceOf(CommandException.Usage.class)
          .hasMessage(
              "report.pdf (file "
                  + fileId.substring(0, 8)
                  + ") is already being downloaded into "
                  + downloads().toAbsolutePath()
                  + " by another chat process; run this again once it has ended");
    }

    assertThat(relay.downloadOffsets()).isEmpty();
    assertThat(Files.size(folder.partial(fileId))).isEqualTo(1000);
    assertThat(log().get(fileId)).isEmpty();
    assertThat(reports).isEmpty();

    Path saved = fetch(entry); // once the other one has ended, this one resumes

    assertThat(relay.downloadOffsets()).first().isEqualTo(1000L);
    assertThat(Files.readAllBytes(saved)).isEqualTo(plaintext);
    assertThat(folderContents()).containsExactly("report.pdf");
  }

  /**
   * Rejected while it runs: it stops before its next chunk, keeps nothing and says it was rejected.
   */
  @Test
  void fetch_stoppedAfterTheFirstChunk_keepsNothing_andIsRecordedRejected() throws Exception {
    OfferBook.Entry entry = offer("alice", "report.pdf");

    assertThatThrownBy(
            () -> fetch(entry, downloads(), reports::add, () -> !relay.downloadOffsets().isEmpty()))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessage(FileDownload.STOPPED);

    assertThat(relay.downloadOffsets()).hasSize(1);
    assertThat(folderContents()).isEmpty();
    assertThat(reports).extracting(FileTransfer::state).last().isEqualTo(TransferState.REJECTED);
  }

  /** Rejected once every byte is in: the file is not put in place, however small it is. */
  @Test
  void fetch_stoppedAfterTheLastChunk_isNotPutInPlace() throws Exception {
    OfferBook.Entry entry = offer("alice", "report.pdf");
    AtomicBoolean stop = new AtomicBoolean();
    Consumer<FileTransfer> stopAtTheEnd =
        transfer -> {
          reports.add(transfer);
          if (transfer.bytesTotal() > 0 && transfer.bytesDone() == transfer.bytesTotal()) {
            stop.set(true);
          }
        };

    assertThatThrownBy(() -> fetch(entry, downloads(), stopAtTheEnd, stop::get))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessage(FileDownload.STOPPED);

    assertThat(folderContents()).isEmpty();
    assertThat(reports).extracting(FileTransfer::state).last().isEqualTo(TransferState.REJECTED);
  }

  @Test
  void fetch_connectionLostMidway_continuesFromTheBytesWritten() throws Exception {
    OfferBook.Entry entry = offer("alice", "data.bin");
    relay.loseAt(3, FakeFileRelay.Loss.AFTER).loseAt(5, FakeFileRelay.Loss.BEFORE);
    Path saved = fetch(entry);
    assertThat(Files.readAllBytes(saved)).isEqualTo(plaintext);
  }

  @Test
  void fetch_tamperedChunk_isDetectedAndNothingIsKept() throws Exception {
    OfferBook.Entry entry = offer("alice", "report.pdf");
    relay.files.get(fileId).data.reset();
    byte[] tampered = ciphertext.clone();
    tampered[CHUNK * 2 + 10] ^= 1;
    relay.files.get(fileId).data.writeBytes(tampered);

    assertThatThrownBy(() -> fetch(entry))
        .isInstanceOf(CommandException.EnvelopeRejected.class)
        .hasMessageContaining("did not authenticate");
    assertThat(folderContents()).isEmpty();
    assertThat(log().get(fileId).orElseThrow().state()).isEqualTo(TransferState.FAILED);
  }

  @Test
  void fetch_offerWithAnotherSha256_isRejectedAndNothingIsKept() throws Exception {
    offer("alice", "report.pdf");
    OfferBook.Entry lying =
        Transfers.offer("alice", fileId, "report.pdf", key, plaintext, "00".repeat(32));
    assertThatThrownBy(() -> fetch(lying))
        .isInstanceOf(CommandException.EnvelopeRejected.class)
        .hasMessageContaining("SHA-256");
    assertThat(folderContents()).isEmpty();
  }

  @Test
  void fetch_offerNotFromTheUploader_isRefusedBeforeDownloading() throws Exception {
    OfferBook.Entry entry = offer("mallory", "report.pdf");
    assertThatThrownBy(() -> fetch(entry))
        .isInstanceOf(CommandException.EnvelopeRejected.class)
        .hasMessageContaining("uploaded by someone else");
    assertThat(relay.downloadOffsets()).isEmpty();
  }

  @Test
  void fetch_traversalInTheOfferedName_savesInsideTheFolderUnderASafeName() throws Exception {
    Path saved = fetch(offer("alice", "../../.bashrc"));
    assertThat(saved.getParent()).isEqualTo(downloads().toAbsolutePath());
    assertThat(saved.getFileName().toString()).isEqualTo("_._.bashrc");
    assertThat(root.resolve(".bashrc")).doesNotExist();
    assertThat(Files.readAllBytes(saved)).isEqualTo(plaintext);
  }

  @Test
  void fetch_nameAlreadyTaken_savesUnderANumberedName() throws Exception {
    Files.createDirectories(downloads());
    Files.writeString(downloads().resolve("report.pdf"), "mine");
    Path saved = fetch(offer("alice", "report.pdf"));
    assertThat(saved.getFileName().toString()).isEqualTo("report (1).pdf");
    assertThat(Files.readString(downloads().resolve("report.pdf"))).isEqualTo("mine");
  }

  @Test
  void fetch_fileGoneFromTheRelay_isMarkedExpired() throws Exception {
    OfferBook.Entry entry = offer("alice", "report.pdf");
    relay.files.clear();
    assertThatThrownBy(() -> fetch(entry))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessageContaining("no longer has");
    assertThat(log().get(fileId).orElseThrow().state()).isEqualTo(TransferState.EXPIRED);
  }

  @Test
  void fetch_intoAFolderNothingCanBeWrittenIn_saysSo_notThatItIsFull() throws Exception {
    Path sysKernel = Path.of("/sys/kernel");
    assumeTrue(Files.isDirectory(sysKernel) && !canCreateIn(sysKernel), "needs Linux sysfs");
    OfferBook.Entry entry = offer("alice", "report.pdf");

    assertThatThrownBy(() -> fetch(entry, sysKernel, reports::add, () -> false))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageStartingWith("cannot write in /sys/kernel: ")
        .hasMessageNotContaining("space");
    assertThat(relay.downloadOffsets()).isEmpty();
  }

  @Test
  void fetch_partialFileBlockedByAFolder_namesThePathOnce() throws Exception {
    OfferBook.Entry entry = offer("alice", "report.pdf");
    DownloadFolder folder = new DownloadFolder(downloads());
    folder.create();
    Path partial = folder.partial(fileId);
    Files.createDirectories(partial.resolve("inside"));

    assertThatThrownBy(() -> fetch(entry))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessage("cannot use " + partial + ": a directory that is not empty is in the way");
  }

  private static boolean canCreateIn(Path dir) {
    try {
      Files.delete(Files.createTempFile(dir, ".chat-", ".probe"));
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
