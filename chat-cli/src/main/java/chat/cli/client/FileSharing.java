package chat.cli.client;

import chat.cli.CommandException;
import java.nio.file.Path;
import java.util.List;

/** The file side of a {@link ChatClient}: sharing, downloading, declining and cancelling files. */
public interface FileSharing {
  /**
   * Shares {@code file} in {@code conversation}: encrypts it as a stream under a fresh file key,
   * uploads the ciphertext in chunks (resuming where the relay stopped after a lost connection),
   * then sends the members an envelope carrying the file's id, name, size, SHA-256 and key. Blocks
   * until the offer is stored; progress is reported through {@link ClientListener#onFileTransfer}.
   *
   * @throws chat.cli.CommandException.Untrusted if a member's key changed and was not accepted, or
   *     the relay lists members this client was never told about (sending again includes them), as
   *     for {@link ChatClient#send}; either is checked before the upload and again for the offer
   * @throws chat.cli.CommandException.FileAccess if the file cannot be read
   */
  FileOffer sendFile(String conversation, Path file);

  /**
   * Downloads an offered file ({@code fileId} or a unique prefix of at least 4 hex digits) into the
   * download directory: fetches the ciphertext (resuming a partial download kept there), decrypts
   * and authenticates the stream, checks the size and SHA-256 against the offer, and only then
   * moves it into place under a sanitized name that never replaces an existing file. Blocks until
   * done; progress is reported through {@link ClientListener#onFileTransfer}. A file downloaded
   * before is not fetched again: its saved path is returned, or, when it was saved in another
   * folder, it is copied into the download directory if it still matches the offer.
   *
   * @return where the file was saved
   * @throws chat.cli.CommandException.EnvelopeRejected if the file did not authenticate or does not
   *     match the offer (nothing is kept)
   */
  Path acceptFile(String fileId);

  /**
   * The offer {@code fileId} (or a unique prefix of at least 4 hex digits) names, searching recent
   * history when it is not known yet; after {@link #acceptFile} of the same id it is known.
   *
   * @throws chat.cli.CommandException.Usage if no offer, or more than one, matches
   */
  FileOffer fileOffer(String fileId);

  /**
   * Declines an offered file: it is marked rejected here and never downloaded. Local only. If it is
   * being downloaded now, that download stops before its next chunk (or before the file is put in
   * place), deletes what it fetched and marks it rejected; returns true then.
   */
  boolean rejectFile(String fileId);

  /**
   * Cancels a file this user is sending now ({@link #sendFile} running): the one whose id starts
   * with {@code fileId} (4 or more hex digits), or the only one when {@code fileId} is empty. It
   * stops before its next chunk or before its offer goes out, is deleted on the relay, and its
   * {@link #sendFile} fails with {@code stopped: you cancelled it}. Returns the file's name.
   *
   * @throws chat.cli.CommandException.Usage if no file being sent, or several, match
   */
  String cancelFileSend(String fileId);

  /** What a {@link #sendFile} its sender cancelled fails with ({@link #cancelFileSend}). */
  String SEND_CANCELLED = "stopped: you cancelled it";

  /**
   * The message of the {@link CommandException.Usage} an {@link #acceptFile} fails with when {@link
   * #rejectFile} stopped it: what was asked for, which a front end says as done, not as a failure.
   */
  String DOWNLOAD_REJECTED = "stopped: you rejected it";

  /**
   * Files offered in this user's conversations (recent history is searched) and files this user
   * sent, with their state here, newest first.
   */
  List<FileTransfer> files();
}
