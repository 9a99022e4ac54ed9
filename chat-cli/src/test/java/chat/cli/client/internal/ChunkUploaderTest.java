package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import chat.protocol.ErrorCode;
import chat.protocol.FileChunkRequest;
import chat.protocol.FileUploadReply;
import chat.protocol.FileUploadRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkUploaderTest {
  private static final int CHUNK = 1024;

  @TempDir Path dir;
  private final List<FileTransfer> reports = new ArrayList<>();

  private ChunkUploader uploader(FakeFileRelay relay, String fileId, long size) {
    FileUploadReply started =
        (FileUploadReply)
            relay.exchange(id -> new FileUploadRequest(id, fileId, Transfers.CONVERSATION, size));
    TransferProgress progress =
        new TransferProgress(
            new FileTransfer(
                fileId,
                true,
                Transfers.CONVERSATION,
                "alice",
                "f",
                size,
                TransferState.UPLOADING,
                0,
                size,
                "",
                "",
                0),
            TransferLog.load(dir.resolve("files.json"), "relay:1"),
            reports::add,
            Clock.systemUTC());
    return new ChunkUploader(
        relay, fileId, Transfers.CONVERSATION, size, started, progress, () -> false);
  }

  private static void writeInPieces(ChunkUploader uploader, byte[] data) throws IOException {
    for (int at = 0; at < data.length; at += 700) {
      uploader.write(data, at, Math.min(700, data.length - at));
    }
    uploader.finish();
  }

  @Test
  void write_connectionLostBeforeAChunkArrived_resendsItAndTheRelayHoldsExactlyTheBytes()
      throws IOException {
    FakeFileRelay relay = new FakeFileRelay(CHUNK, "alice");
    byte[] data = Transfers.random(CHUNK * 5 + 17);
    String fileId = Transfers.newFileId();
    ChunkUploader uploader = uploader(relay, fileId, data.length);
    relay.loseAt(3, FakeFileRelay.Loss.BEFORE);
    writeInPieces(uploader, data);
    assertThat(relay.files.get(fileId).bytes()).isEqualTo(data);
    assertThat(reports.get(reports.size() - 1).percent()).isEqualTo(100);
  }

  @Test
  void write_replyLostAfterTheChunkWasStored_asksWhereTheUploadStandsAndDoesNotResend()
      throws IOException {
    FakeFileRelay relay = new FakeFileRelay(CHUNK, "alice");
    byte[] data = Transfers.random(CHUNK * 4);
    String fileId = Transfers.newFileId();
    ChunkUploader uploader = uploader(relay, fileId, data.length);
    relay.loseAt(2, FakeFileRelay.Loss.AFTER);
    writeInPieces(uploader, data);
    assertThat(relay.files.get(fileId).bytes()).isEqualTo(data);
    assertThat(relay.chunkRequests()).isEqualTo(4);
  }

  @Test
  void write_relayCannotStore_endsTheUploadWithItsRefusal_withoutSendingTheChunkAgain() {
    FakeFileRelay relay = new FakeFileRelay(CHUNK, "alice");
    byte[] data = Transfers.random(CHUNK * 3);
    String fileId = Transfers.newFileId();
    ChunkUploader uploader = uploader(relay, fileId, data.length);
    relay.refuseNext(FileChunkRequest.class, ErrorCode.STORAGE_UNAVAILABLE);

    assertThatThrownBy(() -> writeInPieces(uploader, data))
        .isInstanceOf(CommandException.Network.class)
        .hasMessageContaining("STORAGE_UNAVAILABLE");
    assertThat(relay.chunkRequests()).isEqualTo(1);
  }

  @Test
  void write_relayStopping_sendsTheChunkAgain() throws IOException {
    FakeFileRelay relay = new FakeFileRelay(CHUNK, "alice");
    byte[] data = Transfers.random(CHUNK * 3);
    String fileId = Transfers.newFileId();
    ChunkUploader uploader = uploader(relay, fileId, data.length);
    relay.refuseNext(FileChunkRequest.class, ErrorCode.SHUTTING_DOWN);

    writeInPieces(uploader, data);

    assertThat(relay.files.get(fileId).bytes()).isEqualTo(data);
    assertThat(relay.chunkRequests()).isEqualTo(4);
  }

  @Test
  void finish_fileShorterThanAnnounced_failsAsAChangedFile() {
    FakeFileRelay relay = new FakeFileRelay(CHUNK, "alice");
    ChunkUploader uploader = uploader(relay, Transfers.newFileId(), CHUNK * 2);
    assertThatThrownBy(() -> writeInPieces(uploader, Transfers.random(CHUNK + 5)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("changed");
  }

  @Test
  void write_fileLongerThanAnnounced_failsBeforeSendingTheExtra() {
    FakeFileRelay relay = new FakeFileRelay(CHUNK, "alice");
    String fileId = Transfers.newFileId();
    ChunkUploader uploader = uploader(relay, fileId, CHUNK);
    assertThatThrownBy(() -> writeInPieces(uploader, Transfers.random(CHUNK * 3)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("changed");
    assertThat(relay.files.get(fileId).bytes()).hasSize(CHUNK);
  }
}
