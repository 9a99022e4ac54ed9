package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.cli.PrivateFiles;
import chat.cli.client.ClientOptions;
import chat.cli.client.KeptList;
import chat.protocol.ConversationState;
import chat.protocol.Usernames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the client remembers between runs for one relay, in {@code state.json} (0600): the session
 * token (so reconnects and one-shot commands resume without the password), a cursor per
 * conversation (the highest sequence number handled; of conversations the client no longer lists,
 * the {@link #MAX_UNLISTED_CURSORS} most recently unlisted), and the ids of accepted messages
 * ({@link AcceptedIds}), and the uploads to delete on the relay that could not be deleted when they
 * were given up ({@link PendingDeletes}), and what the full-screen client's conversation list
 * showed: its order and unread counts ({@link #keptList()}). Another relay's state is discarded.
 */
final class ClientState {
  /** Uploads kept to delete on the relay; the oldest are forgotten first. */
  static final int MAX_PENDING_DELETES = 100;

  /**
   * Cursors kept of conversations the client does not list (left, closed, or not in the relay's
   * list at login); the longest unlisted are forgotten first. A room joined again or a private
   * conversation opened again within them goes on from its cursor; without a bound, a relay that
   * lists and unlists conversations it invents could grow the file without end.
   */
  static final int MAX_UNLISTED_CURSORS = 1_000;

  /**
   * Conversations kept in the list order, and kept with unread counts; a longer list keeps its
   * first ones.
   */
  static final int MAX_LIST_ORDER = 1_000;

  /** The stored session. */
  record Session(String username, String token, long expiresAtMillis) {}

  /**
   * Where an accepted message id was seen: {@code seq} 0 once a relay restored from a backup gave
   * that number to another message, or no longer had it ({@link #superseded}).
   */
  record Seen(String id, String conversation, long seq) {}

  private final Path file;
  private final String server;
  private Session session;
  private final Map<String, Long> cursors = new TreeMap<>();
  private final AcceptedIds seen = new AcceptedIds();
  private final LinkedHashSet<String> pendingDeletes = new LinkedHashSet<>();
  private final Set<String> deletesSent = new HashSet<>();
  private KeptList kept = KeptList.NONE;

  /** Whether this process kept the list since its last write (else it takes the file's). */
  private boolean keptChanged;

  /** The conversations a live client of the profile listed when it last wrote the file. */
  private LiveList liveList = new LiveList(MAX_LIST_ORDER, null);

  /** Conversations with a cursor that the client does not list, the longest unlisted first. */
  private final LinkedHashSet<String> unlisted = new LinkedHashSet<>();

  /** Cursors forgotten since the last write: the file's copies are not merged back. */
  private final Set<String> cursorsForgotten = new HashSet<>();

  /**
   * Conversations whose cursor this process moved back since its last write ({@link #rewind}): the
   * file's higher one is not taken over it.
   */
  private final Set<String> cursorsRewound = new HashSet<>();

  /** Ids of own messages being sent whose answer has not come (not saved: see {@link #sending}). */
  private final Set<String> sending = new HashSet<>();

  private boolean dirty;

  /**
   * Whether this process ever set or forgot the session (else it takes the file's at each save).
   */
  private boolean sessionChanged;

  /** This process's change of the session not written yet, if any. */
  private SessionChange unsaved;

  /**
   * A change of the session to write: {@code session} always (a login), or only where the file
   * still holds {@code replacing}, the session forgotten (a logout, or one the relay ended):
   * another process of the profile may have stored a newer one since, which a forgetting must not
   * undo.
   */
  private record SessionChange(Session replacing, boolean always) {
    /**
     * The session to write where the file holds {@code there} and this process has {@code ours}.
     */
    Session toWrite(Session there, Session ours) {
      boolean stillThere =
          replacing == null
              ? there == null
              : there != null && replacing.token().equals(there.token());
      return always || stillThere ? ours : there;
    }
  }

  private ClientState(Path file, String server) {
    this.file = file;
    this.server = server;
  }

  /** The state for {@code server} from {@code file}; empty if absent or for another relay. */
  static ClientState load(Path file, String server) {
    ClientState state = new ClientState(file, server);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return state; // first run
    } catch (IOException e) {
      // not damage: a file that cannot be read (permissions) is not to be moved away
      throw new CommandException.FileAccess("cannot read " + file + ": " + FileIo.reason(e), e);
    }
    try {
      StateFile stored = StateFile.parse(bytes);
      if (server.equalsIgnoreCase(stored.server())) {
        state.session = stored.session();
        if (stored.cursors() != null) {
          state.cursors.putAll(stored.cursors());
        }
        state.seen.load(stored.seen());
        if (stored.pendingDeletes() != null) {
          state.pendingDeletes.addAll(stored.pendingDeletes());
          state.trimPendingDeletes();
        }
        state.kept = stored.keptList();
        state.liveList = new LiveList(MAX_LIST_ORDER, stored.listed());
      }
    } catch (IOException | RuntimeException e) {
      throw new CommandException.FileAccess(
          file
              + " is damaged; move it away (you will log in again, and the recent messages of"
              + " every conversation come again as unread)",
          e);
    }
    return state;
  }

  /** The relay ({@code host:port} as {@link ClientOptions#serverKey}) and user of a session. */
  record OtherRelay(String server, String username) {}

  /**
   * The relay, other than {@code server}, whose session {@code file} holds, and its user, if it
   * holds one: a profile keeps one relay's session, read positions and accepted ids, which a
   * session on {@code server} would replace. Empty if the file is missing, cannot be read or holds
   * none.
   */
  static Optional<OtherRelay> otherRelaysSession(Path file, String server) {
    try {
      StateFile stored = StateFile.parseUnchecked(Files.readAllBytes(file));
      return stored.server() != null
              && !server.equalsIgnoreCase(stored.server())
              && stored.session() != null
              && stored.session().username() != null
          ? Optional.of(new OtherRelay(stored.server(), stored.session().username()))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // said as it is (damaged, unreadable) by the load that follows
    }
  }

  /** The stored session, if any. */
  synchronized Optional<Session> session() {
    return Optional.ofNullable(session);
  }

  /**
   * Stores the session of a login and writes the file; with null, forgets this process's session
   * (in the file only if it still holds it) and writes the file.
   */
  synchronized void session(Session newSession) {
    if (newSession == null) {
      forgetSession();
    } else {
      changeSession(newSession, new SessionChange(null, true));
    }
    save();
  }

  private void changeSession(Session newSession, SessionChange change) {
    session = newSession;
    sessionChanged = true;
    unsaved = change;
    dirty = true;
  }

  /**
   * Forgets the session in memory only, for after the relay ended it: the file is written by the
   * next {@link #save}, so that a profile that cannot be written fails there, where the caller
   * knows the relay's part is done. The file forgets it only if it still holds it.
   */
  synchronized void forgetSession() {
    changeSession(null, new SessionChange(session, false));
  }

  /**
   * After the relay ended {@code ended}, the session this process used: forgets it here and in the
   * file, unless the file now holds another session of the same user (a password login of this
   * profile in another process replaced it, and ended it on the relay), which it takes instead.
   *
   * @return the session taken from the file, if any
   * @throws CommandException.FileAccess if the file cannot be written (the session is forgotten
   *     here all the same)
   */
  synchronized Optional<Session> sessionEnded(Session ended) {
    changeSession(null, new SessionChange(ended, false));
    Optional<Session> stored = onDisk();
    if (stored.isPresent()
        && !stored.get().token().equals(ended.token())
        && Usernames.key(stored.get().username()).equals(Usernames.key(ended.username()))) {
      session = stored.get();
    }
    save();
    return Optional.ofNullable(session);
  }

  /** The session the file holds for this relay now, if it can be read. */
  private Optional<Session> onDisk() {
    return readForThisRelay().map(StateFile::session);
  }

  /**
   * What the file holds now, if it can be read and is this relay's: what another process of the
   * profile wrote since this one loaded it.
   */
  private Optional<StateFile> readForThisRelay() {
    try {
      StateFile stored = StateFile.parse(Files.readAllBytes(file));
      return server.equalsIgnoreCase(stored.server()) ? Optional.of(stored) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Writes the file now even if nothing changed: before a change on the relay, so that a full or
   * read-only profile refuses before anything goes out rather than after.
   */
  synchronized void saveNow() {
    dirty = true;
    save();
  }

  /** The cursor of {@code conversation}, if one was kept. */
  synchronized Optional<Long> cursor(String conversation) {
    return Optional.ofNullable(cursors.get(conversation));
  }

  /**
   * Moves the cursor of {@code conversation} forward to {@code seq} (never back, and never below 0:
   * a relay's number that cannot be is not written, as a file holding it is damaged).
   */
  synchronized void advance(String conversation, long seq) {
    if (seq < 0) {
      return;
    }
    Long current = cursors.get(conversation);
    if (current == null || seq > current) {
      cursors.put(conversation, seq);
      cursorsForgotten.remove(conversation);
      dirty = true;
    }
  }

  /**
   * Moves {@code conversation}'s cursor back to {@code seq}: the relay no longer holds what was
   * read after it (it was restored from an earlier copy), and numbers after it are new messages.
   */
  synchronized void rewind(String conversation, long seq) {
    Long current = cursors.get(conversation);
    if (current != null && seq >= 0 && seq < current) {
      cursors.put(conversation, seq);
      cursorsRewound.add(conversation);
      dirty = true;
    }
  }

  /** {@link AcceptedIds#acceptedAt}. */
  synchronized String acceptedAt(String conversation, long seq) {
    return seen.acceptedAt(conversation, seq);
  }

  /**
   * Whether the relay's listing of a conversation at login or resume shows that it went back to a
   * backup since this device read there: its newest number is below the cursor, or (wire version
   * 15) is the cursor and names another message than this device accepted there. False where this
   * device has no cursor.
   */
  synchronized boolean wentBackAt(ConversationState listed) {
    Long cursor = cursors.get(listed.conversation());
    return cursor != null
        && (cursor > listed.lastSeq()
            || cursor == listed.lastSeq()
                && listed.lastId() != null
                && acceptedOtherAt(listed.conversation(), cursor, listed.lastId()));
  }

  /** {@link AcceptedIds#acceptedOtherAt}. */
  synchronized boolean acceptedOtherAt(String conversation, long seq, String id) {
    return seen.acceptedOtherAt(conversation, seq, id);
  }

  /** {@link AcceptedIds#acceptedIn}. */
  synchronized Map<Long, String> acceptedIn(String conversation) {
    return seen.acceptedIn(conversation);
  }

  /** {@link AcceptedIds#superseded}, written by the next save. */
  synchronized void superseded(
      String conversation,
      Map<Long, String> before,
      Map<Long, String> relayIds,
      long end,
      long through) {
    dirty |= seen.superseded(conversation, before, relayIds, end, through);
  }

  /** The client lists {@code conversation}: its cursor is kept. */
  synchronized void listed(String conversation) {
    unlisted.remove(conversation);
  }

  /**
   * The client no longer lists {@code conversation}: its cursor is kept among the {@link
   * #MAX_UNLISTED_CURSORS} most recently unlisted.
   */
  synchronized void unlisted(String conversation) {
    if (cursors.containsKey(conversation)) {
      unlisted.remove(conversation);
      unlisted.add(conversation);
      trimUnlisted();
    }
  }

  /**
   * The relay listed {@code listed} at login or reconnect: the cursors of every other conversation
   * count as unlisted, those held from before in the order of their names.
   */
  synchronized void listedOnly(Set<String> listed) {
    unlisted.removeAll(listed);
    for (String conversation : cursors.keySet()) {
      if (!listed.contains(conversation)) {
        unlisted.add(conversation);
      }
    }
    trimUnlisted();
  }

  private void trimUnlisted() {
    Iterator<String> oldest = unlisted.iterator();
    while (unlisted.size() > MAX_UNLISTED_CURSORS && oldest.hasNext()) {
      String forgotten = oldest.next();
      oldest.remove();
      cursors.remove(forgotten);
      cursorsForgotten.add(forgotten);
      dirty = true;
    }
  }

  /**
   * What the full-screen client's conversation list showed when it was last kept (by this process
   * or another of the profile), so that it shows the same after a restart; {@link KeptList#NONE} if
   * never.
   */
  synchronized KeptList keptList() {
    return kept;
  }

  /** Keeps {@code list} ({@link #keptList()}), written by the next save. */
  synchronized void keepList(KeptList list) {
    KeptList bounded = StateFile.bounded(list.order(), list.unread());
    if (!bounded.equals(kept)) {
      kept = bounded;
      keptChanged = true;
      dirty = true;
    }
  }

  /**
   * The conversations a live client of this profile (the full screen, the line mode, {@code chat
   * listen}) listed when it last wrote the file; empty if none has. A login compares them with the
   * relay's list, to say which ones the user was removed from while no live client ran.
   */
  synchronized Optional<Set<String>> liveListed() {
    return liveList.get();
  }

  /** Keeps {@code conversations} as {@link #liveListed()}, written by the next save. */
  synchronized void liveListed(Collection<String> conversations) {
    dirty |= liveList.set(conversations);
  }

  /** A live client lists {@code conversation} now too (once {@link #liveListed} was kept). */
  synchronized void liveListedAdded(String conversation) {
    dirty |= liveList.add(conversation);
  }

  /** A live client no longer lists {@code conversation} (once {@link #liveListed} was kept). */
  synchronized void liveListedRemoved(String conversation) {
    dirty |= liveList.remove(conversation);
  }

  /** Where message {@code id} was accepted, if it was. */
  synchronized Optional<Seen> seen(String id) {
    return seen.get(id);
  }

  /**
   * Marks own message {@code id} as being sent ({@code on}) or no longer: while it is, a delivery
   * of it (stored, its answer lost with the connection) is left to the send, which shows it.
   */
  synchronized void sending(String id, boolean on) {
    if (on) {
      sending.add(id);
    } else {
      sending.remove(id);
    }
  }

  /** Whether own message {@code id} is being sent (see {@link #sending(String, boolean)}). */
  synchronized boolean isSending(String id) {
    return sending.contains(id);
  }

  /** Remembers an accepted message id ({@link AcceptedIds#accept}). */
  synchronized void accept(String id, String conversation, long seq) {
    seen.accept(id, conversation, seq);
    dirty = true;
  }

  /** The uploads kept to delete on the relay, oldest first. */
  synchronized List<String> pendingDeletes() {
    return List.copyOf(pendingDeletes);
  }

  /**
   * Keeps the upload {@code fileId} to delete on the relay later.
   *
   * @return the oldest one kept, if it had to be forgotten to stay within {@link
   *     #MAX_PENDING_DELETES}
   */
  synchronized Optional<String> addPendingDelete(String fileId) {
    pendingDeletes.add(fileId);
    deletesSent.remove(fileId);
    dirty = true;
    return trimPendingDeletes().stream().findFirst();
  }

  /** Forgets the kept delete of {@code fileId}: the relay has it (also in another process). */
  synchronized void deleteSent(String fileId) {
    if (pendingDeletes.remove(fileId)) {
      deletesSent.add(fileId);
      dirty = true;
    }
  }

  /** Forgets the oldest kept deletes beyond {@link #MAX_PENDING_DELETES}; returns them. */
  private List<String> trimPendingDeletes() {
    List<String> dropped = new ArrayList<>();
    Iterator<String> oldest = pendingDeletes.iterator();
    while (pendingDeletes.size() > MAX_PENDING_DELETES && oldest.hasNext()) {
      dropped.add(oldest.next());
      oldest.remove();
    }
    return dropped;
  }

  /**
   * Merges what the file holds into this state, and returns the session to write: the file's,
   * unless this process changed it since its last write ({@link SessionChange#toWrite}).
   */
  private Session mergeFromDisk() {
    Optional<StateFile> onDisk = readForThisRelay();
    if (onDisk.isEmpty()) {
      return session;
    }
    StateFile stored = onDisk.get();
    if (!sessionChanged) {
      session = stored.session();
    }
    if (stored.cursors() != null) {
      stored
          .cursors()
          .forEach(
              (conversation, seq) -> {
                if (!cursorsForgotten.contains(conversation)
                    && !cursorsRewound.contains(conversation)) {
                  cursors.merge(conversation, seq, Math::max);
                }
              });
    }
    seen.merge(stored.seen());
    if (stored.pendingDeletes() != null) {
      List<String> merged = new ArrayList<>(stored.pendingDeletes());
      merged.removeAll(deletesSent);
      merged.removeAll(pendingDeletes);
      merged.addAll(pendingDeletes);
      pendingDeletes.clear();
      pendingDeletes.addAll(merged);
      trimPendingDeletes();
    }
    if (!keptChanged) {
      kept = stored.keptList();
    }
    liveList.merge(stored.listed());
    return unsaved == null ? stored.session() : unsaved.toWrite(stored.session(), session);
  }

  /**
   * Merges what the file holds now into this state, as {@link #save} does before it writes, and
   * writes nothing: for a session that began beside another of the profile ({@code /rekey}), once
   * that one ended and saved what it saw meanwhile (its cursors and accepted ids), so that the new
   * session's catch-up does not show those messages again.
   */
  synchronized void mergeSaved() {
    try {
      ProfileLock.holding(
          file,
          () -> {
            mergeFromDisk();
            return null;
          });
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot read " + file + ": " + FileIo.reason(e), e);
    }
  }

  /**
   * Writes the file if anything changed since the last write, merged with what another process
   * using the same profile (a script beside the TUI) wrote meanwhile: the higher cursor wins, the
   * accepted ids and the uploads kept to delete are united (less those this process deleted), and
   * the session is the file's unless this process changed it since its last write (a forgotten
   * session is forgotten there only if the file still holds it: a window whose session another
   * window's login replaced writes its cursors without writing its old token back), and so is what
   * the list showed. The read, merge and write hold {@code state.json.lock}, so two processes
   * saving at once cannot each write over what the other just merged.
   *
   * @return whether the file was written (false: nothing had changed)
   */
  synchronized boolean save() {
    if (!dirty) {
      return false;
    }
    try {
      ProfileLock.holding(
          file,
          () -> {
            Session written = mergeFromDisk();
            StateFile out =
                new StateFile(
                    server,
                    written,
                    cursors,
                    seen.written(),
                    pendingDeletes.isEmpty() ? null : new ArrayList<>(pendingDeletes),
                    kept.order().isEmpty() ? null : kept.order(),
                    kept.unread().isEmpty() ? null : kept.unread(),
                    liveList.written());
            PrivateFiles.write(file, out.bytes());
            return null;
          });
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot write " + file + ": " + FileIo.reason(e), e);
    }
    deletesSent.clear();
    cursorsForgotten.clear();
    cursorsRewound.clear();
    keptChanged = false;
    liveList.saved();
    unsaved = null;
    dirty = false;
    return true;
  }
}
