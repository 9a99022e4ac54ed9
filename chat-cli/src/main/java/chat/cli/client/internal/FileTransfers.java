package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import chat.crypto.EnvelopeSealer;
import chat.protocol.ConversationIds;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The file operations of {@link ChatClient}: send, cancel a send, accept, reject and list. Offers
 * come from the session's {@link OfferBook} (filled by the inbox as envelopes open, and from recent
 * history when an id is not known yet); what happened to each file is kept in the profile's {@link
 * TransferLog}.
 */
final class FileTransfers {
  /** Messages of each conversation searched for offers by {@code /files} and unknown ids. */
  static final int HISTORY_SEARCH = 200;

  private final SessionManager sessions;
  private final Clock clock;
  private final FileUpload upload;
  private final EnvelopeSender sender;
  private final FileDownload download;
  private final BiConsumer<String, Integer> readHistory;
  private final Map<Path, TransferLog> logs = new HashMap<>();

  /**
   * The files being downloaded now, by id, each with whether it was rejected meanwhile ({@link
   * #reject}): it then stops before its next chunk, or before it is put in place.
   */
  private final Map<String, AtomicBoolean> downloading = new ConcurrentHashMap<>();

  /**
   * A file being uploaded now, by its name: cancelled by its sender ({@link #cancel}) until its
   * offer goes out, never after.
   */
  private static final class Upload implements FileUpload.Cancel {
    final String name;
    private boolean cancelled;
    private boolean offered;

    Upload(String name) {
      this.name = name;
    }

    @Override
    public synchronized boolean requested() {
      return cancelled;
    }

    @Override
    public synchronized boolean offering() {
      offered = !cancelled;
      return offered;
    }

    /** Cancels it, if it can be: null then, else why not. */
    synchronized String cancel() {
      if (offered) {
        return TerminalSafe.line(name) + " is being offered already: too late to cancel";
      }
      if (cancelled) {
        return TerminalSafe.line(name) + " is being cancelled already; it stops in a moment";
      }
      cancelled = true;
      return null;
    }
  }

  /** The files being uploaded now, by id. */
  private final Map<String, Upload> uploading = new ConcurrentHashMap<>();

  /**
   * The operations over {@code sessions}.
   *
   * @param readHistory reads the last N messages of a conversation (which files the offers found)
   */
  FileTransfers(
      SessionManager sessions,
      SecureRandom random,
      Clock clock,
      EnvelopeSealer sealer,
      BiConsumer<String, Integer> readHistory) {
    this.sessions = sessions;
    this.clock = clock;
    this.upload = new FileUpload(random, clock);
    this.sender = EnvelopeSender.forFiles(sealer);
    this.download = new FileDownload(clock);
    this.readHistory = readHistory;
  }

  private TransferLink link(Session session) {
    return new TransferLink(sessions, session, sessions.options().live(), TransferLink.PATIENCE);
  }

  private synchronized TransferLog log(Session session) {
    return logs.computeIfAbsent(
        session.profile.dir(),
        dir -> TransferLog.load(dir.resolve("files.json"), sessions.options().serverKey()));
  }

  private void report(FileTransfer transfer) {
    sessions.post(() -> sessions.listeners().fileTransfer(transfer));
  }

  FileOffer send(String conversation, Path file) {
    Session session = sessions.require();
    String id;
    try {
      id = ConversationIds.require(conversation);
    } catch (IllegalArgumentException e) {
      throw new CommandException.Usage("not a conversation: " + conversation);
    }
    Upload running =
        new Upload(file.getFileName() == null ? file.toString() : file.getFileName().toString());
    AtomicReference<String> started = new AtomicReference<>();
    FileOffer offer;
    try {
      offer =
          upload.send(
              new SessionUploadLink(link(session), sender),
              log(session),
              id,
              file,
              this::report,
              fileId -> {
                started.set(fileId);
                uploading.put(fileId, running);
                return running;
              });
    } finally {
      if (started.get() != null) {
        uploading.remove(started.get(), running);
      }
    }
    session.addConversation(id);
    // As a text sent is: a reply to this offer then quotes it here too, though the relay does
    // not send the offer back to the connection that made it.
    session.inbox.quotes.rememberOffer(
        new ChatMessage(
            offer.conversation(),
            offer.seq(),
            offer.messageId(),
            offer.sender(),
            offer.sentAtMillis(),
            offer.storedAtMillis(),
            "",
            true),
        offer.name());
    return offer;
  }

  /**
   * Cancels the upload {@code typedId} names (its id or a prefix of 4 or more hex digits), or the
   * only one running when it is empty: it stops before its next chunk, or before its offer goes
   * out, and is deleted on the relay. Returns the file's name.
   *
   * @throws CommandException.Usage if no upload, or several, match, or the one that does is being
   *     cancelled already or offered already
   */
  String cancel(String typedId) {
    sessions.requireLocal();
    List<Map.Entry<String, Upload>> matches = new ArrayList<>();
    String prefix = typedId.isBlank() ? "" : OfferBook.requirePrefix(typedId);
    for (Map.Entry<String, Upload> entry : uploading.entrySet()) {
      if (entry.getKey().startsWith(prefix)) {
        matches.add(entry);
      }
    }
    if (matches.size() > 1) {
      // the ones that can still be cancelled, if the others are stopping or being offered
      matches.removeIf(entry -> entry.getValue().requested());
    }
    if (matches.size() != 1) {
      throw new CommandException.Usage(
          matches.isEmpty()
              ? (prefix.isEmpty()
                      ? "no file is being sent"
                      : "no file being sent has an id starting with " + prefix)
                  + (downloading.keySet().stream().anyMatch(id -> id.startsWith(prefix))
                      ? ": a file being received is stopped with /file reject "
                          + (prefix.isEmpty() ? "ID" : prefix)
                      : "")
              : (prefix.isEmpty()
                      ? matches.size() + " files are being sent"
                      : "several files being sent start with " + prefix)
                  + ": name one by its id (/files lists them)");
    }
    Upload chosen = matches.get(0).getValue();
    String refused = chosen.cancel();
    if (refused != null) {
      throw new CommandException.Usage(refused);
    }
    return chosen.name;
  }

  /**
   * Waits up to {@code longest} for the transfers still running to end, as they do once the
   * client's connections are closed: each then removes its download's lock file and records how it
   * ended in {@code files.json}, which a process exiting at once left undone.
   */
  void awaitEnded(Duration longest) {
    long deadline = System.nanoTime() + longest.toNanos();
    while ((!downloading.isEmpty() || !uploading.isEmpty()) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  Path accept(String typedId) {
    Session session = sessions.require();
    OfferBook.Entry entry = find(session, typedId);
    String fileId = entry.offer().fileId();
    AtomicBoolean stop = new AtomicBoolean();
    if (downloading.putIfAbsent(fileId, stop) != null) {
      throw new CommandException.Usage(
          TerminalSafe.line(entry.offer().name()) + " is being downloaded already");
    }
    try {
      return accept(session, entry, stop);
    } finally {
      downloading.remove(fileId, stop);
    }
  }

  private Path accept(Session session, OfferBook.Entry entry, AtomicBoolean stop) {
    TransferLog log = log(session);
    log.refresh(); // another process of the profile (a script) may have saved it meanwhile
    Optional<FileTransfer> known = log.get(entry.offer().fileId());
    DownloadFolder folder = new DownloadFolder(sessions.options().downloadDirectory());
    if (known.isPresent() && known.get().state() == TransferState.DONE) {
      Path saved = Path.of(known.get().savedPath()).toAbsolutePath().normalize();
      boolean there = java.nio.file.Files.isRegularFile(saved);
      // the copy saved last, if it is here; else one saved here before (the record names the
      // last one only), else the last one copied here
      Optional<Path> kept =
          there && folder.dir().equals(saved.getParent())
              ? Optional.of(saved).filter(path -> SavedCopy.matches(path, entry.content()))
              : SavedCopy.alreadyIn(folder, entry)
                  .or(() -> there ? SavedCopy.into(saved, folder, entry) : Optional.empty())
                  .map(copy -> moved(log, known.get(), copy));
      if (kept.isPresent()) {
        return kept.get(); // still the file offered: already there (saved or left here), or copied
      }
    }
    return download.fetch(link(session), log, entry, folder, this::report, stop::get);
  }

  /** Records that the file {@code done} is now saved as {@code copy}; returns {@code copy}. */
  private Path moved(TransferLog log, FileTransfer done, Path copy) {
    FileTransfer moved =
        done.with(
            TransferState.DONE,
            done.bytesDone(),
            done.bytesTotal(),
            copy.toString(),
            "",
            clock.millis());
    log.put(moved, true);
    report(moved);
    return copy;
  }

  FileOffer offer(String typedId) {
    return find(sessions.requireLocal(), typedId).offer();
  }

  /** Rejects an offer; returns true if that stops its download, which is running now. */
  boolean reject(String typedId) {
    Session session = sessions.requireLocal();
    FileOffer offer = find(session, typedId).offer();
    if (offer.own()) {
      throw new CommandException.Usage(
          "you offered "
              + TerminalSafe.line(offer.name())
              + " yourself: only those you offered it to can reject it");
    }
    AtomicBoolean running = downloading.get(offer.fileId());
    if (running != null) {
      running.set(true); // it deletes what it fetched and records the rejection
      return true;
    }
    // Not being downloaded: never, or done (a download records DONE before it is unlisted).
    TransferLog log = log(session);
    Optional<FileTransfer> known = log.get(offer.fileId());
    if (known.isPresent() && known.get().state() == TransferState.DONE) {
      throw new CommandException.Usage(
          TerminalSafe.line(offer.name())
              + " was already downloaded to "
              + known.get().savedPath());
    }
    FileTransfer rejected = view(offer, TransferState.REJECTED, clock.millis());
    log.put(rejected, true);
    report(rejected);
    return false;
  }

  List<FileTransfer> list() {
    Session session = sessions.require();
    searchHistory(session);
    TransferLog log = log(session);
    log.refresh();
    Map<String, FileTransfer> out = new LinkedHashMap<>();
    long now = clock.millis();
    for (OfferBook.Entry entry : session.inbox.offers.all()) {
      FileOffer offer = entry.offer();
      TransferState fresh =
          offer.expiresAtMillis() > 0 && offer.expiresAtMillis() <= now
              ? TransferState.EXPIRED
              : TransferState.OFFERED;
      FileTransfer shown =
          log.get(offer.fileId()).orElse(view(offer, fresh, offer.storedAtMillis()));
      out.put(offer.fileId(), shown);
    }
    for (FileTransfer logged : log.all()) {
      out.putIfAbsent(logged.fileId(), logged);
    }
    List<FileTransfer> sorted = new ArrayList<>(out.values());
    sorted.sort(Comparator.comparingLong(FileTransfer::updatedAtMillis).reversed());
    return sorted;
  }

  /** The offer {@code typedId} names, searching recent history if it is not known yet. */
  private OfferBook.Entry find(Session session, String typedId) {
    Optional<OfferBook.Entry> entry = session.inbox.offers.find(typedId);
    if (entry.isEmpty()) {
      searchHistory(session);
      entry = session.inbox.offers.find(typedId);
    }
    if (entry.isPresent()) {
      return entry.get();
    }
    Optional<FileOffer> gone = session.inbox.offers.deleted(typedId);
    if (gone.isPresent()) {
      FileOffer offer = gone.get();
      throw new CommandException.Usage( // a refusal /files would not help with
          (offer.own() ? "your" : offer.sender() + "'s")
              + " offer of "
              + TerminalSafe.line(offer.name())
              + " in "
              + TerminalSafe.line(session.label(offer.conversation()))
              + " was deleted: it cannot be "
              + (offer.own() ? "downloaded" : "accepted")
              + " any more");
    }
    TransferLog log = log(session);
    log.refresh();
    Optional<FileTransfer> listed = log.startingWith(OfferBook.requirePrefix(typedId));
    if (listed.isPresent()) {
      throw unreadableOffer(session, listed.get());
    }
    throw new CommandException.FileIdRefused( // each front end names its /files
        "no file offer " + typedId + " in the recent history of your conversations");
  }

  /**
   * For a file {@code /files} lists from this profile's log whose offer is not among the messages
   * this client can read: it is further back than the history searched, or it was encrypted to keys
   * replaced since ({@code /rekey}). Not "no file offer", which the list would contradict; worded
   * for an accept and a reject alike.
   */
  private static CommandException unreadableOffer(Session session, FileTransfer listed) {
    String where = " in " + TerminalSafe.line(session.label(listed.conversation()));
    String which =
        TerminalSafe.line(listed.name())
            + (listed.outgoing()
                ? " (yours)" + where
                : " from "
                    + TerminalSafe.line(listed.sender())
                    + (listed.privately() ? ", privately," : where));
    boolean kept =
        listed.state() == TransferState.DONE
            && listed.savedFile() == FileTransfer.SavedFile.AS_SAVED;
    return new CommandException.Usage(
        which
            + " is listed from this device's record of transfers, but its offer is not among the"
            + " messages this client can read (older than the last "
            + HISTORY_SEARCH
            + " messages of its conversation, in one you have left, or encrypted to keys you"
            + " have replaced since)"
            + (kept ? "; it was saved as " + TerminalSafe.line(listed.savedPath()) : ""));
  }

  private void searchHistory(Session session) {
    for (String conversation : session.conversations()) {
      try {
        readHistory.accept(conversation, HISTORY_SEARCH);
      } catch (CommandException.Usage e) {
        // a conversation this user can no longer read: nothing to find there
      }
    }
  }

  /** The state of {@code offer} as a list entry, nothing moved yet. */
  static FileTransfer view(FileOffer offer, TransferState state, long atMillis) {
    return new FileTransfer(
        offer.fileId(),
        offer.own(),
        offer.conversation(),
        offer.sender(),
        offer.name(),
        offer.size(),
        state,
        0,
        0,
        "",
        "",
        atMillis);
  }
}
