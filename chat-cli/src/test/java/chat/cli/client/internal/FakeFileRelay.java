package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.crypto.Bytes;
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
import chat.protocol.Reply;
import chat.protocol.Request;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link FileLink} that plays the relay's file requests in memory, with scripted connection
 * losses: before a request reaches the relay, or after the relay handled it (the reply is lost).
 */
final class FakeFileRelay implements FileLink {
  /** When a scripted connection loss strikes. */
  enum Loss {
    BEFORE,
    AFTER
  }

  /** One stored file. */
  static final class Stored {
    final String conversation;
    final String uploader;
    final long size;
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    boolean complete;

    Stored(String conversation, String uploader, long size) {
      this.conversation = conversation;
      this.uploader = uploader;
      this.size = size;
    }

    byte[] bytes() {
      return data.toByteArray();
    }
  }

  final int chunkBytes;
  final String uploader;
  final Map<String, Stored> files = new HashMap<>();
  final List<Request> requests = new ArrayList<>();
  private final Deque<Loss> losses = new ArrayDeque<>();
  private final Map<Integer, Loss> lossAt = new HashMap<>();
  private final Map<Class<? extends Request>, ErrorCode> refusals = new HashMap<>();
  private int ids;

  FakeFileRelay(int chunkBytes, String uploader) {
    this.chunkBytes = chunkBytes;
    this.uploader = uploader;
  }

  /** The next request suffers {@code loss}. */
  FakeFileRelay loseNext(Loss loss) {
    losses.add(loss);
    return this;
  }

  /** The {@code n}-th request from now (1 = the next) suffers {@code loss}. */
  FakeFileRelay loseAt(int n, Loss loss) {
    lossAt.put(ids + n, loss);
    return this;
  }

  /** The next request of {@code type} is refused with {@code code} (and has no effect). */
  FakeFileRelay refuseNext(Class<? extends Request> type, ErrorCode code) {
    refusals.put(type, code);
    return this;
  }

  /** The requests seen of {@code type}, in order. */
  <T extends Request> List<T> requests(Class<T> type) {
    return requests.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Puts a complete file on the relay, as if {@code uploader} had uploaded it. */
  void put(String fileId, String conversation, byte[] ciphertext) {
    Stored stored = new Stored(conversation, uploader, ciphertext.length);
    stored.data.writeBytes(ciphertext);
    stored.complete = true;
    files.put(fileId, stored);
  }

  /** The download requests seen, by offset. */
  List<Long> downloadOffsets() {
    return requests.stream()
        .filter(r -> r instanceof FileDownloadRequest)
        .map(r -> ((FileDownloadRequest) r).offset())
        .toList();
  }

  long chunkRequests() {
    return requests.stream().filter(r -> r instanceof FileChunkRequest).count();
  }

  @Override
  public Reply exchange(Function<String, Request> build) {
    int number = ++ids;
    Request request = build.apply("r" + number);
    Loss loss = lossAt.containsKey(number) ? lossAt.remove(number) : losses.poll();
    if (loss == Loss.BEFORE) {
      throw new CommandException.Network("connection lost (scripted)", null);
    }
    requests.add(request);
    Reply reply = handle(request);
    if (loss == Loss.AFTER) {
      throw new CommandException.Network("connection lost after the relay acted (scripted)", null);
    }
    return reply;
  }

  private Reply handle(Request request) {
    ErrorCode refused = refusals.remove(request.getClass());
    if (refused != null) {
      return ErrorReply.of(request.id(), refused);
    }
    if (request instanceof FileDeleteRequest r) {
      return files.remove(r.fileId()) == null
          ? ErrorReply.of(r.id(), ErrorCode.NO_SUCH_FILE)
          : new FileDeleteReply(r.id(), r.fileId());
    }
    if (request instanceof FileUploadRequest r) {
      Stored stored =
          files.computeIfAbsent(r.fileId(), k -> new Stored(r.conversation(), uploader, r.size()));
      return new FileUploadReply(r.id(), r.fileId(), stored.data.size(), chunkBytes, 99);
    }
    if (request instanceof FileChunkRequest r) {
      Stored stored = files.get(r.fileId());
      long expected = Math.min(chunkBytes, stored.size - stored.data.size());
      if (r.offset() != stored.data.size() || r.data().length() != expected) {
        return ErrorReply.of(r.id(), ErrorCode.FILE_OFFSET_MISMATCH);
      }
      stored.data.writeBytes(r.data().toByteArray());
      return new FileChunkReply(r.id(), r.fileId(), stored.data.size());
    }
    if (request instanceof FileFinishRequest r) {
      Stored stored = files.get(r.fileId());
      if (stored.data.size() != stored.size) {
        return ErrorReply.of(r.id(), ErrorCode.FILE_INCOMPLETE);
      }
      stored.complete = true;
      return new FileFinishReply(r.id(), r.fileId(), stored.size, 99);
    }
    if (request instanceof FileStatusRequest r) {
      Stored stored = files.get(r.fileId());
      if (stored == null) {
        return ErrorReply.of(r.id(), ErrorCode.NO_SUCH_FILE);
      }
      return new FileStatusReply(
          r.id(),
          r.fileId(),
          stored.conversation,
          stored.uploader,
          stored.size,
          stored.data.size(),
          stored.complete,
          99);
    }
    if (request instanceof FileDownloadRequest r) {
      byte[] all = files.get(r.fileId()).bytes();
      long end = Math.min(all.length, (r.offset() / chunkBytes + 1) * chunkBytes);
      byte[] piece = Arrays.copyOfRange(all, (int) r.offset(), (int) end);
      return new FileDataReply(r.id(), r.fileId(), r.offset(), Bytes.of(piece), all.length);
    }
    throw new IllegalStateException("unexpected " + request);
  }
}
