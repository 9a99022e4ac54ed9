package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.crypto.Bytes;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FileChunkReply;
import chat.protocol.FileChunkRequest;
import chat.protocol.FileUploadReply;
import chat.protocol.FileUploadRequest;
import chat.protocol.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * The sink the file cipher writes into: collects ciphertext into chunks of the size the relay asked
 * for and uploads each one, waiting for its durable acknowledgement. After a lost connection (or a
 * refused offset) it asks the relay where the upload stands and resends the chunk only if the relay
 * does not hold it, so the ciphertext never needs to exist anywhere but in this one buffer.
 */
final class ChunkUploader extends OutputStream {
  /** Attempts at one chunk before giving up. */
  static final int MAX_ATTEMPTS = 8;

  private final FileLink link;
  private final String fileId;
  private final String conversation;
  private final long size;
  private final TransferProgress progress;
  private final BooleanSupplier stop;
  private final byte[] buffer;
  private int filled;
  private long offset;

  /**
   * An uploader for {@code size} encrypted bytes of {@code fileId}, which the relay has started
   * with {@code started}.
   */
  ChunkUploader(
      FileLink link,
      String fileId,
      String conversation,
      long size,
      FileUploadReply started,
      TransferProgress progress,
      BooleanSupplier stop) {
    this.link = link;
    this.fileId = fileId;
    this.conversation = conversation;
    this.size = size;
    this.progress = progress;
    this.stop = stop;
    this.buffer = new byte[started.chunkBytes()];
    this.offset = started.received();
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int from, int length) throws IOException {
    int at = from;
    int left = length;
    while (left > 0) {
      int take = Math.min(left, buffer.length - filled);
      System.arraycopy(data, at, buffer, filled, take);
      filled += take;
      at += take;
      left -= take;
      if (filled == buffer.length) {
        send();
      }
    }
  }

  /**
   * Uploads the last, short chunk.
   *
   * @throws IOException if the ciphertext did not come to the size announced (the file changed)
   */
  void finish() throws IOException {
    if (offset + filled != size) {
      throw new IOException("the file changed while it was being sent");
    }
    if (filled > 0) {
      send();
    }
  }

  private void send() throws IOException {
    if (stop.getAsBoolean()) {
      throw new CommandException.Usage(FileUpload.STOPPED);
    }
    if (offset + filled > size) {
      throw new IOException("the file changed while it was being sent");
    }
    Bytes chunk = Bytes.of(Arrays.copyOf(buffer, filled));
    for (int attempt = 1; ; attempt++) {
      Long stored = tryChunk(chunk);
      if (stored == null) {
        stored = where();
      }
      if (stored == offset + filled) {
        break;
      }
      if (stored != offset) {
        throw new CommandException.Network(
            "the relay holds " + stored + " bytes of the upload, expected " + offset, null);
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new CommandException.Network(
            "the relay did not take the upload at offset "
                + offset
                + " after "
                + attempt
                + " attempts",
            null);
      }
    }
    offset += filled;
    filled = 0;
    progress.bytes(offset, size);
  }

  /**
   * Sends the chunk; its new received count, or null if the connection or offset failed. A relay
   * that cannot store (its disk full or read-only) ends the upload with its refusal: sending the
   * chunk again at once cannot help, and eight tries would hide why.
   */
  private Long tryChunk(Bytes chunk) {
    Reply reply;
    try {
      reply = link.exchange(id -> new FileChunkRequest(id, fileId, offset, chunk));
    } catch (CommandException.Network e) {
      return null;
    }
    if (reply instanceof ErrorReply error) {
      if (error.code() == ErrorCode.FILE_OFFSET_MISMATCH) {
        return null;
      }
      if (error.code() == ErrorCode.STORAGE_UNAVAILABLE) {
        throw FileErrors.toException(error);
      }
    }
    try {
      return FileErrors.expect(reply, FileChunkReply.class).received();
    } catch (CommandException.Network e) {
      return null; // a refusal of the moment, such as the relay stopping: asked again after
    }
  }

  /** Asks the relay how many bytes it holds (after reconnecting if need be). */
  private long where() {
    return link.call(
            id -> new FileUploadRequest(id, fileId, conversation, size), FileUploadReply.class)
        .received();
  }
}
