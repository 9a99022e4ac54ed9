package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.crypto.CryptoException;
import chat.protocol.ConversationIds;
import chat.protocol.ErrorCode;
import chat.protocol.FileChunkReply;
import chat.protocol.FileChunkRequest;
import chat.protocol.FileDataReply;
import chat.protocol.FileDeleteReply;
import chat.protocol.FileDeleteRequest;
import chat.protocol.FileDownloadRequest;
import chat.protocol.FileFinishReply;
import chat.protocol.FileFinishRequest;
import chat.protocol.FileSizes;
import chat.protocol.FileStatusReply;
import chat.protocol.FileStatusRequest;
import chat.protocol.FileUploadReply;
import chat.protocol.FileUploadRequest;
import chat.server.FileLimits;
import chat.server.internal.storage.AtRestCipher;
import chat.server.internal.storage.FileChunkRepository;
import chat.server.internal.storage.FileRepository;
import chat.server.internal.storage.FileRepository.FileRow;
import chat.server.internal.storage.UserRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared files: resumable chunked uploads by a conversation's members, downloads by its current
 * members, and the operator's size and quota limits ({@link FileSweeper} deletes expired files).
 * The relay stores only what clients encrypted (it never sees a file key), sealed again at rest
 * chunk by chunk; every chunk write is durable before it is acknowledged.
 */
public final class FileService {
  /** Largest chunk the relay asks for. */
  public static final int MAX_CHUNK_BYTES = 256 * 1024;

  /**
   * The least an upload counts against the quotas, however small (at most the quota itself): each
   * one is rows the relay stores, so that a quota of declared bytes also bounds how many uploads it
   * holds.
   */
  public static final long MIN_CHARGED_BYTES = 4096;

  private static final Logger LOG = LoggerFactory.getLogger(FileService.class);

  private final LogIds logIds;

  private final Storage storage;
  private final FileRepository files;
  private final FileChunkRepository chunks;
  private final UserRepository users;
  private final ConversationService conversations;
  private final AtRestCipher cipher;
  private final Clock clock;
  private final FileLimits limits;
  private final int chunkBytes;

  /**
   * The service over its collaborators. Chunks are at most {@link #MAX_CHUNK_BYTES} and small
   * enough that a chunk, in base64 inside its JSON frame, fits in {@code maxFrameBytes}.
   */
  public FileService(
      Storage storage,
      FileRepository files,
      FileChunkRepository chunks,
      UserRepository users,
      ConversationService conversations,
      AtRestCipher cipher,
      Clock clock,
      FileLimits limits,
      int maxFrameBytes,
      LogIds logIds) {
    this.logIds = logIds;
    this.storage = storage;
    this.files = files;
    this.chunks = chunks;
    this.users = users;
    this.conversations = conversations;
    this.cipher = cipher;
    this.clock = clock;
    this.limits = limits;
    this.chunkBytes = chunkBytesFor(maxFrameBytes);
  }

  /** The chunk size for frames of at most {@code maxFrameBytes}: a multiple of 1 KiB. */
  static int chunkBytesFor(int maxFrameBytes) {
    long fits = ((long) maxFrameBytes - 1024) * 3 / 4;
    return (int) Math.max(1024, Math.min(MAX_CHUNK_BYTES, fits / 1024 * 1024));
  }

  /**
   * Starts an upload, or reports how far an earlier one by the same user for the same conversation
   * and size got, so the client resumes from {@code received}.
   */
  public FileUploadReply upload(ClientConnection connection, FileUploadRequest request) {
    String key = connection.state().requireUserKey();
    requireWriter(request.conversation(), key);
    if (request.size() > limits.maxFileBytes()) {
      throw new RelayException(
          ErrorCode.FILE_TOO_LARGE,
          "this relay accepts files of at most "
              + FileSizes.shown(limits.maxFileBytes())
              + " once encrypted ("
              + limits.maxFileBytes()
              + " bytes); this one is "
              + FileSizes.shown(request.size())
              + " ("
              + request.size()
              + " bytes) encrypted");
    }
    Bytes fileId = Bytes.fromHex(request.fileId());
    long now = clock.millis();
    FileRow row =
        storage.write(
            c -> {
              var existing = files.find(c, fileId);
              if (existing.isPresent()) {
                FileRow found = existing.get();
                if (found.expiredAt(now)
                    || !found.uploader().equals(key)
                    || !found.conversation().equals(request.conversation())
                    || found.size() != request.size()) {
                  throw new RelayException(ErrorCode.FILE_EXISTS);
                }
                return found;
              }
              long least = leastCharged();
              checkQuota(
                  files.bytesOf(c, key, now, least),
                  files.totalBytes(c, now, least),
                  Math.max(request.size(), least));
              FileRow created =
                  new FileRow(
                      fileId,
                      request.conversation(),
                      key,
                      request.size(),
                      chunkBytes,
                      0,
                      now,
                      0,
                      now + limits.expiry().toMillis());
              files.insert(c, created);
              return created;
            });
    if (row.received() == 0) {
      LOG.debug("upload of {} bytes started by {}", request.size(), logIds.user(key));
    }
    return new FileUploadReply(
        request.id(), request.fileId(), row.received(), row.chunkBytes(), row.expiresAtMillis());
  }

  /**
   * The least an upload counts: {@link #MIN_CHARGED_BYTES}, or the quota or storage if smaller, so
   * that a file which fits them is not refused as exceeding them.
   */
  private long leastCharged() {
    return Math.min(MIN_CHARGED_BYTES, Math.min(limits.quotaBytesPerUser(), limits.storageBytes()));
  }

  private void checkQuota(long usedByUser, long usedByAll, long size) {
    if (usedByUser + size > limits.quotaBytesPerUser()) {
      throw new RelayException(
          ErrorCode.FILE_QUOTA_EXCEEDED,
          "your unexpired files would exceed your quota of "
              + FileSizes.shown(limits.quotaBytesPerUser())
              + " ("
              + limits.quotaBytesPerUser()
              + " bytes) on this relay; wait until older ones expire");
    }
    if (usedByAll + size > limits.storageBytes()) {
      throw new RelayException(
          ErrorCode.FILE_QUOTA_EXCEEDED, "the relay's file storage is full; try again later");
    }
  }

  /**
   * Appends one chunk where the upload stands and acknowledges it once it is durable; refused
   * ({@link ErrorCode#NOT_MEMBER}) once the uploader is out of the file's conversation.
   */
  public FileChunkReply chunk(ClientConnection connection, FileChunkRequest request) {
    String key = connection.state().requireUserKey();
    Bytes fileId = Bytes.fromHex(request.fileId());
    long now = clock.millis();
    long received =
        storage.write(
            c -> {
              FileRow row = ownUpload(c, fileId, key, now);
              // An uploader who left or was removed meanwhile uploads no more to the conversation.
              conversations.requireMember(c, row.conversation(), key);
              long offset = request.offset();
              long expected = Math.min(row.chunkBytes(), row.size() - row.received());
              if (row.complete() || offset != row.received() || expected <= 0) {
                throw new RelayException(
                    ErrorCode.FILE_OFFSET_MISMATCH,
                    "the upload stands at offset " + row.received() + " of " + row.size());
              }
              if (request.data().length() != expected) {
                throw new RelayException(
                    ErrorCode.FILE_OFFSET_MISMATCH, "this chunk must be " + expected + " bytes");
              }
              long index = offset / row.chunkBytes();
              byte[] sealed =
                  cipher.seal(
                      request.data().toByteArray(), FileChunkRepository.rowId(fileId, index));
              if (!chunks.insert(c, fileId, index, sealed)) {
                throw new RelayException(ErrorCode.INTERNAL);
              }
              files.setReceived(c, fileId, offset + expected);
              return offset + expected;
            });
    return new FileChunkReply(request.id(), request.fileId(), received);
  }

  /** Marks a fully received upload complete; from then on members may download it. */
  public FileFinishReply finish(ClientConnection connection, FileFinishRequest request) {
    String key = connection.state().requireUserKey();
    Bytes fileId = Bytes.fromHex(request.fileId());
    long now = clock.millis();
    FileRow row =
        storage.write(
            c -> {
              FileRow found = ownUpload(c, fileId, key, now);
              conversations.requireMember(c, found.conversation(), key);
              if (found.received() != found.size()) {
                throw new RelayException(
                    ErrorCode.FILE_INCOMPLETE,
                    "the relay holds " + found.received() + " of " + found.size() + " bytes");
              }
              files.complete(c, fileId, now);
              return found;
            });
    LOG.info("file of {} bytes stored by {}", row.size(), logIds.user(key));
    return new FileFinishReply(request.id(), request.fileId(), row.size(), row.expiresAtMillis());
  }

  /**
   * Deletes an upload and its chunks, finished or not, at its uploader's request: a file that will
   * not be offered after all no longer waits for its expiry, counted against the uploader's quota.
   */
  public FileDeleteReply delete(ClientConnection connection, FileDeleteRequest request) {
    String key = connection.state().requireUserKey();
    Bytes fileId = Bytes.fromHex(request.fileId());
    long now = clock.millis();
    FileRow row =
        storage.write(
            c -> {
              FileRow found = ownUpload(c, fileId, key, now);
              chunks.deleteAll(c, fileId);
              files.delete(c, fileId);
              return found;
            });
    LOG.info("file of {} bytes deleted by its uploader {}", row.size(), logIds.user(key));
    return new FileDeleteReply(request.id(), request.fileId());
  }

  /** What the relay knows of a file, for its uploader or a current member of its conversation. */
  public FileStatusReply status(ClientConnection connection, FileStatusRequest request) {
    String key = connection.state().requireUserKey();
    FileRow row = find(request.fileId());
    if (!row.uploader().equals(key)) {
      conversations.requireMember(row.conversation(), key);
    }
    String uploader =
        storage
            .read(c -> users.find(c, row.uploader()))
            .map(UserRepository.UserRow::username)
            .orElseThrow(() -> new RelayException(ErrorCode.NO_SUCH_FILE));
    return new FileStatusReply(
        request.id(),
        request.fileId(),
        row.conversation(),
        uploader,
        row.size(),
        row.received(),
        row.complete(),
        row.expiresAtMillis());
  }

  /**
   * Encrypted bytes of a complete file from the requested offset to the end of its chunk, for a
   * current member or party of the file's conversation only.
   */
  public FileDataReply download(ClientConnection connection, FileDownloadRequest request) {
    String key = connection.state().requireUserKey();
    FileRow row = find(request.fileId());
    conversations.requireMember(row.conversation(), key);
    if (!row.complete()) {
      throw new RelayException(ErrorCode.FILE_INCOMPLETE);
    }
    long offset = request.offset();
    if (offset >= row.size()) {
      throw new RelayException(
          ErrorCode.FILE_OFFSET_MISMATCH, "offset must be below the size " + row.size());
    }
    long index = offset / row.chunkBytes();
    byte[] rowId = FileChunkRepository.rowId(row.fileId(), index);
    byte[] sealed =
        storage
            .read(c -> chunks.find(c, row.fileId(), index))
            .orElseThrow(() -> missingChunk(index));
    byte[] chunk;
    try {
      chunk = cipher.open(sealed, rowId);
    } catch (CryptoException e) {
      LOG.error("file chunk {} does not open under the at-rest keyset", index);
      throw new RelayException(ErrorCode.INTERNAL);
    }
    int start = (int) (offset - index * row.chunkBytes());
    if (start >= chunk.length) {
      throw missingChunk(index);
    }
    byte[] data = Arrays.copyOfRange(chunk, start, chunk.length);
    return new FileDataReply(request.id(), request.fileId(), offset, Bytes.of(data), row.size());
  }

  private static RelayException missingChunk(long index) {
    LOG.error("file chunk {} is missing or short", index);
    return new RelayException(ErrorCode.INTERNAL);
  }

  /** The unexpired file {@code fileIdHex}, or {@link ErrorCode#NO_SUCH_FILE}. */
  private FileRow find(String fileIdHex) {
    Bytes fileId = Bytes.fromHex(fileIdHex);
    return live(storage.read(c -> files.find(c, fileId)).orElse(null), clock.millis());
  }

  /** The unexpired upload {@code fileId}, which {@code userKey} must have uploaded. */
  private FileRow ownUpload(Connection c, Bytes fileId, String userKey, long now)
      throws SQLException {
    FileRow row = live(files.find(c, fileId).orElse(null), now);
    if (!row.uploader().equals(userKey)) {
      throw new RelayException(ErrorCode.NOT_UPLOADER);
    }
    return row;
  }

  private static FileRow live(FileRow row, long now) {
    if (row == null || row.expiredAt(now)) {
      throw new RelayException(ErrorCode.NO_SUCH_FILE);
    }
    return row;
  }

  /** Throws unless {@code userKey} may post files to {@code conversation} (as for a send). */
  private void requireWriter(String conversation, String userKey) {
    Optional<RelayException> muted = conversations.requirePoster(conversation, userKey);
    if (muted.isPresent()) {
      throw muted.get();
    }
    if (ConversationIds.isDirect(conversation)) {
      for (String party : ConversationIds.parties(conversation)) {
        if (storage.read(c -> users.find(c, party)).isEmpty()) {
          throw RelayException.noSuchUser(party);
        }
      }
    }
  }
}
