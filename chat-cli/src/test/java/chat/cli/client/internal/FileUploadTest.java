package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import chat.crypto.FileStreamCipher;
import chat.protocol.ErrorCode;
import chat.protocol.FileChunkRequest;
import chat.protocol.FileDeleteRequest;
import chat.protocol.FileFinishRequest;
import chat.protocol.FileUploadRequest;
import chat.protocol.Reply;
import chat.protocol.Request;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileUpload} against a relay played in memory ({@link FakeFileRelay}) and a conversation
 * played by {@link FakeUploadLink}: how the file is cut into chunks, what reaches the relay and the
 * offer, and which upload is deleted on the relay when.
 */
class FileUploadTest {
  private static final int CHUNK = 1024;

  /** Encryption adds a 40-byte header and a 16-byte tag to a file of one segment. */
  private static final int OVERHEAD = 56;

  @TempDir Path dir;
  private final FakeFileRelay relay = new FakeFileRelay(CHUNK, "alice");
  private final FakeUploadLink link = new FakeUploadLink(relay);
  private final List<FileTransfer> reports = new ArrayList<>();

  /** The upload link of a test: the fake relay, and the offer and deletes recorded. */
  static final class FakeUploadLink implements UploadLink {
    final FakeFileRelay relay;
    final List<byte[]> offers = new ArrayList<>();
    final List<String> discarded = new ArrayList<>();
    RuntimeException refuseRecipients;
    RuntimeException refuseOffer;

    FakeUploadLink(FakeFileRelay relay) {
      this.relay = relay;
    }

    @Override
    public Reply exchange(Function<String, Request> build) {
      return relay.exchange(build);
    }

    @Override
    public String username() {
      return "alice";
    }

    @Override
    public void checkRecipients(String conversation) {
      if (refuseRecipients != null) {
        throw refuseRecipients;
      }
    }

    @Override
    public EnvelopeSender.Sent offer(String conversation, byte[] plaintext) {
      if (refuseOffer != null) {
        throw refuseOffer;
      }
      offers.add(plaintext);
      return new EnvelopeSender.Sent(5, "ab".repeat(16), 1_000, 1_000);
    }

    @Override
    public void discard(String fileId) {
      discarded.add(fileId);
      relay.exchange(id -> new FileDeleteRequest(id, fileId));
    }
  }

  private FileOffer send(byte[] plaintext) throws Exception {
    return send(plaintext, () -> false);
  }

  /** Sends {@code plaintext}, asking {@code stop} whether the sender cancelled it. */
  private FileOffer send(byte[] plaintext, java.util.function.BooleanSupplier stop)
      throws Exception {
    Path file = Files.write(dir.resolve("plan.bin"), plaintext);
    return new FileUpload(Transfers.RANDOM, Clock.systemUTC())
        .send(
            link,
            TransferLog.load(dir.resolve("files.json"), "relay:1"),
            Transfers.CONVERSATION,
            file,
            reports::add,
            fileId ->
                new FileUpload.Cancel() {
                  @Override
                  public boolean requested() {
                    return stop.getAsBoolean();
                  }

                  @Override
                  public boolean offering() {
                    return !stop.getAsBoolean();
                  }
                });
  }

  /** The plaintext the relay's copy of {@code offer}'s file decrypts to under the offered key. */
  private byte[] decryptedFromRelay(FileOffer offer) throws Exception {
    Content.File content = (Content.File) Content.decode(link.offers.get(0));
    assertThat(content.id()).isEqualTo(offer.fileId());
    ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
    FileStreamCipher cipher = content.key().cipher();
    cipher.decrypt(
        new ByteArrayInputStream(relay.files.get(offer.fileId()).bytes()),
        plaintext,
        FileStreams.associatedData(offer.fileId(), Transfers.CONVERSATION));
    return plaintext.toByteArray();
  }

  private List<Integer> chunkLengths() {
    return relay.requests(FileChunkRequest.class).stream().map(c -> c.data().length()).toList();
  }

  private TransferState lastState() {
    return reports.get(reports.size() - 1).state();
  }

  @Test
  void send_ciphertextOfExactlyThreeChunks_sendsThreeFullChunks_andOffersIt() throws Exception {
    byte[] data = Transfers.random(3 * CHUNK - OVERHEAD);

    FileOffer offer = send(data);

    assertThat(chunkLengths()).containsExactly(CHUNK, CHUNK, CHUNK);
    assertThat(relay.files.get(offer.fileId()).complete).isTrue();
    assertThat(decryptedFromRelay(offer)).isEqualTo(data);
    assertThat(offer.size()).isEqualTo(data.length);
    assertThat(offer.seq()).isEqualTo(5);
    assertThat(link.discarded).isEmpty();
    assertThat(lastState()).isEqualTo(TransferState.OFFERED);
  }

  @Test
  void send_oneByteOverAChunkBoundary_sendsALastChunkOfOneByte() throws Exception {
    byte[] data = Transfers.random(3 * CHUNK - OVERHEAD + 1);

    FileOffer offer = send(data);

    assertThat(chunkLengths()).containsExactly(CHUNK, CHUNK, CHUNK, 1);
    assertThat(decryptedFromRelay(offer)).isEqualTo(data);
  }

  @Test
  void send_oneByteShortOfAChunkBoundary_sendsAShortLastChunk() throws Exception {
    byte[] data = Transfers.random(3 * CHUNK - OVERHEAD - 1);

    FileOffer offer = send(data);

    assertThat(chunkLengths()).containsExactly(CHUNK, CHUNK, CHUNK - 1);
    assertThat(decryptedFromRelay(offer)).isEqualTo(data);
  }

  @Test
  void send_emptyFile_uploadsOneChunkOfHeaderAndTag_andOffersZeroBytes() throws Exception {
    FileOffer offer = send(new byte[0]);

    assertThat(relay.requests(FileUploadRequest.class).get(0).size()).isEqualTo(OVERHEAD);
    assertThat(chunkLengths()).containsExactly(OVERHEAD);
    assertThat(offer.size()).isZero();
    assertThat(decryptedFromRelay(offer)).isEmpty();
    assertThat(((Content.File) Content.decode(link.offers.get(0))).sha256())
        .isEqualTo(Transfers.sha256(new byte[0]));
  }

  @Test
  void send_chunkRefused_failsWithTheRelaysReason_andDeletesTheUpload() throws Exception {
    relay.refuseNext(FileChunkRequest.class, ErrorCode.NOT_UPLOADER);

    assertThatThrownBy(() -> send(Transfers.random(4 * CHUNK)))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessageContaining("the relay says");

    String fileId = relay.requests(FileUploadRequest.class).get(0).fileId();
    assertThat(link.discarded).containsExactly(fileId);
    assertThat(relay.files).isEmpty();
    assertThat(relay.requests(FileFinishRequest.class)).isEmpty();
    assertThat(link.offers).isEmpty();
    assertThat(lastState()).isEqualTo(TransferState.FAILED);
  }

  @Test
  void send_cancelledAfterTheFirstChunk_sendsNoMore_deletesTheUpload_andSaysSo() throws Exception {
    assertThatThrownBy(() -> send(Transfers.random(4 * CHUNK), () -> relay.chunkRequests() >= 1))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessage(FileUpload.STOPPED);

    String fileId = relay.requests(FileUploadRequest.class).get(0).fileId();
    assertThat(relay.requests(FileChunkRequest.class)).hasSize(1);
    assertThat(relay.requests(FileFinishRequest.class)).isEmpty();
    assertThat(link.discarded).containsExactly(fileId);
    assertThat(relay.files).isEmpty();
    assertThat(link.offers).isEmpty();
    assertThat(lastState()).isEqualTo(TransferState.FAILED);
    assertThat(reports.get(reports.size() - 1).detail()).isEqualTo(FileUpload.STOPPED);
  }

  /** A one-chunk file is whole before the first check: the check before the offer stops it. */
  @Test
  void send_cancelledAfterTheLastChunk_offersNothing_andDeletesTheUpload() throws Exception {
    assertThatThrownBy(() -> send(Transfers.random(CHUNK / 2), () -> relay.chunkRequests() >= 1))
        .isInstanceOf(CommandException.Usage.class)
        .hasMessage(FileUpload.STOPPED);

    assertThat(relay.requests(FileFinishRequest.class)).hasSize(1);
    assertThat(link.discarded).hasSize(1);
    assertThat(relay.files).isEmpty();
    assertThat(link.offers).isEmpty();
  }

  @Test
  void send_finishRefused_deletesTheUpload_andOffersNothing() throws Exception {
    relay.refuseNext(FileFinishRequest.class, ErrorCode.FILE_INCOMPLETE);

    assertThatThrownBy(() -> send(Transfers.random(2 * CHUNK)))
        .isInstanceOf(CommandException.Usage.class);

    assertThat(link.discarded).hasSize(1);
    assertThat(relay.files).isEmpty();
    assertThat(link.offers).isEmpty();
    assertThat(lastState()).isEqualTo(TransferState.FAILED);
  }

  @Test
  void send_offerRefused_deletesTheFinishedUpload() throws Exception {
    link.refuseOffer = new CommandException.Untrusted("bob's key changed");

    assertThatThrownBy(() -> send(Transfers.random(CHUNK)))
        .isInstanceOf(CommandException.Untrusted.class);

    assertThat(link.discarded).hasSize(1);
    assertThat(relay.files).isEmpty();
  }

  /** The relay may have stored the offer whose reply was lost: its recipients need the file. */
  @Test
  void send_connectionLostWhileOffering_keepsTheUpload() throws Exception {
    link.refuseOffer = new CommandException.Network("connection lost", null);

    assertThatThrownBy(() -> send(Transfers.random(CHUNK)))
        .isInstanceOf(CommandException.Network.class);

    assertThat(link.discarded).isEmpty();
    assertThat(relay.files).hasSize(1);
    assertThat(relay.files.values().iterator().next().complete).isTrue();
  }

  @Test
  void send_connectionLostOnceMidUpload_resumesAndOffersTheWholeFile() throws Exception {
    byte[] data = Transfers.random(5 * CHUNK);
    relay.loseAt(3, FakeFileRelay.Loss.BEFORE); // the second chunk

    FileOffer offer = send(data);

    assertThat(decryptedFromRelay(offer)).isEqualTo(data);
    assertThat(link.discarded).isEmpty();
  }

  @Test
  void send_connectionLostForGoodMidUpload_failsAsNetwork_andGivesTheUploadUp() throws Exception {
    // The second chunk, then each of the three asks where the upload stands.
    relay.loseAt(3, FakeFileRelay.Loss.BEFORE);
    for (int n = 4; n <= 3 + FileLink.TRIES; n++) {
      relay.loseAt(n, FakeFileRelay.Loss.BEFORE);
    }

    assertThatThrownBy(() -> send(Transfers.random(5 * CHUNK)))
        .isInstanceOf(CommandException.Network.class);

    assertThat(link.discarded).hasSize(1);
    assertThat(link.offers).isEmpty();
    assertThat(relay.requests(FileFinishRequest.class)).isEmpty();
    assertThat(lastState()).isEqualTo(TransferState.FAILED);
  }

  @Test
  void send_uploadNotStarted_deletesNothing() {
    relay.refuseNext(FileUploadRequest.class, ErrorCode.FILE_QUOTA_EXCEEDED);

    assertThatThrownBy(() -> send(Transfers.random(CHUNK)))
        .isInstanceOf(CommandException.Usage.class);

    assertThat(link.discarded).isEmpty();
    assertThat(relay.requests(FileChunkRequest.class)).isEmpty();
  }

  @Test
  void send_recipientsRefused_uploadsNothing() {
    link.refuseRecipients = new CommandException.Untrusted("carol's key changed");

    assertThatThrownBy(() -> send(Transfers.random(CHUNK)))
        .isInstanceOf(CommandException.Untrusted.class);

    assertThat(relay.requests).isEmpty();
    assertThat(link.discarded).isEmpty();
  }
}
