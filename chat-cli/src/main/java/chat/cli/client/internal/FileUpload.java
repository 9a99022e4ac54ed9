package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import chat.crypto.FileStreamCipher;
import chat.protocol.FileFinishReply;
import chat.protocol.FileFinishRequest;
import chat.protocol.FileUploadReply;
import chat.protocol.FileUploadRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends one file: checks the members first (their keys, and that the relay announced each of them),
 * then streams the file through SHA-256 and the file cipher (fresh key, associated data binding the
 * file id and conversation) straight into chunked, resumable uploads, finishes the upload, and only
 * then sends the offer envelope. An upload that is not offered after all is deleted on the relay.
 */
final class FileUpload {
  /** Why an upload its sender cancelled ({@code /file cancel}) failed. */
  static final String STOPPED = chat.cli.client.ChatClient.SEND_CANCELLED;

  private final SecureRandom random;
  private final Clock clock;

  FileUpload(SecureRandom random, Clock clock) {
    this.random = random;
    this.clock = clock;
  }

  /** The sender's cancel of one upload ({@code /file cancel}). */
  interface Cancel {
    /** Whether the sender cancelled the upload. */
    boolean requested();

    /**
     * The offer is about to go out: true if it may (the upload was not cancelled), after which it
     * can no longer be; false if it was cancelled.
     */
    boolean offering();
  }

  /** A cancel never asked for. */
  private static final Cancel NEVER =
      new Cancel() {
        @Override
        public boolean requested() {
          return false;
        }

        @Override
        public boolean offering() {
          return true;
        }
      };

  /** {@link #send(UploadLink, TransferLog, String, Path, Consumer, Function)}, never stopped. */
  FileOffer send(
      UploadLink link,
      TransferLog log,
      String conversation,
      Path file,
      Consumer<FileTransfer> report) {
    return send(link, log, conversation, file, report, fileId -> NEVER);
  }

  /**
   * Uploads {@code file} and offers it in {@code conversation}; reports through {@code report}.
   * {@code cancelOf} gives, for the new file id, the sender's cancel of the upload: it is asked
   * before each chunk and before the offer, and a cancelled upload is deleted on the relay and
   * fails with {@link #STOPPED}.
   */
  FileOffer send(
      UploadLink link,
      TransferLog log,
      String conversation,
      Path file,
      Consumer<FileTransfer> report,
      Function<String, Cancel> cancelOf) {
    long size = regularFileSize(file);
    String name = file.getFileName() == null ? "file" : file.getFileName().toString();
    if (name.length() > FileStreams.MAX_NAME_CHARS) {
      throw new CommandException.Usage("the file name is longer than 1024 characters");
    }
    link.checkRecipients(conversation);
    String fileId = newFileId();
    Cancel cancel = cancelOf.apply(fileId);
    long encrypted = FileStreamCipher.ciphertextSize(size);
    TransferProgress progress =
        new TransferProgress(
            new FileTransfer(
                fileId,
                true,
                conversation,
                link.username(),
                name,
                size,
                TransferState.UPLOADING,
                0,
                encrypted,
                "",
                "",
                clock.millis()),
            log,
            report,
            clock);
    FileKey key = FileKey.of(FileStreamCipher.newFileKey(random));
    try {
      FileUploadReply started =
          link.call(
              id -> new FileUploadRequest(id, fileId, conversation, encrypted),
              FileUploadReply.class);
      return uploadAndOffer(link, conversation, file, name, key, started, progress, cancel);
    } catch (RuntimeException e) {
      progress.state(TransferState.FAILED, "", String.valueOf(e.getMessage()));
      throw e;
    } finally {
      key.destroy();
    }
  }

  /**
   * Uploads the file into the started upload, finishes it and sends the offer. If any of it fails
   * the upload is deleted on the relay (it would otherwise stay there, counted against the quota,
   * until it expires; {@link UploadLink#discard} sends the delete later if it cannot now), except
   * when the connection was lost while the offer was being sent: the relay may have stored the
   * offer, which then needs the file.
   */
  private FileOffer uploadAndOffer(
      UploadLink link,
      String conversation,
      Path file,
      String name,
      FileKey key,
      FileUploadReply started,
      TransferProgress progress,
      Cancel cancel) {
    String fileId = started.fileId();
    long size = progress.current().size();
    long encrypted = progress.current().bytesTotal();
    boolean offerMayBeStored = false;
    try {
      String sha256 =
          encryptAndUpload(
              link, file, key, fileId, conversation, started, progress, cancel::requested);
      FileFinishReply finished =
          link.call(id -> new FileFinishRequest(id, fileId), FileFinishReply.class);
      if (!cancel.offering()) {
        throw new CommandException.Usage(STOPPED);
      }
      Content.File content =
          new Content.File(
              fileId,
              name,
              size,
              sha256,
              key,
              FileStreams.CIPHER,
              FileStreams.SEGMENT_BYTES,
              encrypted,
              finished.expiresAtMillis());
      EnvelopeSender.Sent sent;
      try {
        sent = link.offer(conversation, Content.encode(content));
      } catch (CommandException.Network e) {
        offerMayBeStored = true;
        throw e;
      }
      progress.state(TransferState.OFFERED, "", "");
      return new FileOffer(
          conversation,
          sent.seq(),
          sent.messageId(),
          link.username(),
          sent.sentAtMillis(),
          sent.sentAtMillis(),
          fileId,
          name,
          size,
          finished.expiresAtMillis(),
          true);
    } catch (RuntimeException e) {
      if (!offerMayBeStored) {
        link.discard(fileId);
      }
      throw e;
    }
  }

  private String encryptAndUpload(
      FileLink link,
      Path file,
      FileKey key,
      String fileId,
      String conversation,
      FileUploadReply started,
      TransferProgress progress,
      BooleanSupplier stop) {
    if (started.received() != 0) {
      throw new CommandException.Network("the relay already holds bytes of a new upload", null);
    }
    long encrypted = progress.current().bytesTotal();
    ChunkUploader uploader =
        new ChunkUploader(link, fileId, conversation, encrypted, started, progress, stop);
    FileStreamCipher cipher = key.cipher();
    MessageDigest sha256 = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
      cipher.encrypt(in, uploader, FileStreams.associatedData(fileId, conversation));
      uploader.finish();
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot send " + file + ": " + e.getMessage(), e);
    } finally {
      cipher.destroy();
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static long regularFileSize(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new CommandException.FileAccess(
            "cannot send "
                + file
                + ": "
                + (Files.exists(file) ? "not a regular file" : "no such file"),
            null);
      }
      if (!Files.isReadable(file)) {
        throw new CommandException.FileAccess("cannot send " + file + ": permission denied", null);
      }
      return Files.size(file);
    } catch (NoSuchFileException e) {
      throw new CommandException.FileAccess("cannot send " + file + ": no such file", e);
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot read " + file + ": " + FileIo.reason(e), e);
    }
  }

  private String newFileId() {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }
}
