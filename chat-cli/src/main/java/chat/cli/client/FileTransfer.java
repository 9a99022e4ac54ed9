package chat.cli.client;

import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
 * @param detail a short explanation of a failure; of a transfer running, where it runs if not in
 *     this process ({@code in another chat process}, its progress then unknown); else empty
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

  /** What became of a finished download's saved file since, as far as its size tells. */
  public enum SavedFile {
    /** A file at {@link #savedPath} of the size offered. */
    AS_SAVED,
    /** Something else there: another size, or not a file. */
    CHANGED,
    /** Nothing there (or no path). */
    GONE
  }

  /**
   * What is at {@link #savedPath} now: the hash cannot be checked without the offer, but a file
   * replaced since mostly shows in its size. Reads the file system.
   */
  public SavedFile savedFile() {
    if (savedPath.isEmpty()) {
      return SavedFile.GONE;
    }
    try {
      Path saved = Path.of(savedPath);
      if (!Files.exists(saved)) {
        return SavedFile.GONE;
      }
      return Files.isRegularFile(saved) && Files.size(saved) == size
          ? SavedFile.AS_SAVED
          : SavedFile.CHANGED;
    } catch (IOException | InvalidPathException e) {
      return SavedFile.GONE;
    }
  }

  /**
   * Whether it was offered in a private conversation that its sender is a party of: said {@code
   * from alice, privately}, not {@code from alice in @alice}.
   */
  public boolean privately() {
    return ConversationIds.isDirect(conversation)
        && ConversationIds.parties(conversation).contains(Usernames.key(sender));
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
