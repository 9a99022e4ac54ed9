package chat.cli.client;

import java.util.Objects;

/**
 * One shared file as {@code /files} lists it, and as progress reports describe it. Strings other
 * than {@code savedPath} and {@code detail} came from the network: display them through {@link
 * chat.cli.TerminalSafe}.
 *
 * @param fileId the upload's id on the relay, 32 hex digits
 * @param outgoing whether this user offered it (else received it)
 * @param conversation where it was offered
 * @param sender who offered it
 * @param name the file name as offered
 * @param size the plaintext size in bytes
 * @param state where it stands
 * @param bytesDone encrypted bytes moved so far in the current or last transfer
 * @param bytesTotal encrypted bytes to move in all (0 if unknown)
 * @param savedPath where a finished download was saved, else empty
 * @param detail a short explanation of a failure, else empty
 * @param updatedAtMillis when the state last changed
 */
public record FileTransfer(
    String fileId,
    boolean outgoing,
    String conversation,
    String sender,
    String name,
    long size,
    TransferState state,
    long bytesDone,
    long bytesTotal,
    String savedPath,
    String detail,
    long updatedAtMillis) {
  /** Checks for nulls and ranges. */
  public FileTransfer {
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(savedPath, "savedPath");
    Objects.requireNonNull(detail, "detail");
    if (size < 0 || bytesDone < 0 || bytesTotal < 0) {
      throw new IllegalArgumentException("sizes must not be negative");
    }
  }

  /** Progress in whole percent, 0 to 100. */
  public int percent() {
    if (bytesTotal <= 0) {
      return state == TransferState.DONE ? 100 : 0;
    }
    return (int) Math.min(100, bytesDone * 100 / bytesTotal);
  }

  /** The first 8 hex digits of the file id. */
  public String shortId() {
    return fileId.substring(0, Math.min(8, fileId.length()));
  }

  /** Whether bytes are moving now. */
  public boolean active() {
    return state == TransferState.UPLOADING || state == TransferState.DOWNLOADING;
  }

  /** A copy in another state, with progress and detail, stamped {@code atMillis}. */
  public FileTransfer with(
      TransferState newState, long done, long total, String path, String why, long atMillis) {
    return new FileTransfer(
        fileId,
        outgoing,
        conversation,
        sender,
        name,
        size,
        newState,
        done,
        total,
        path,
        why,
        atMillis);
  }
}
