package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.protocol.ErrorCode;
import chat.protocol.ErrorReply;
import chat.protocol.FileDeleteReply;
import chat.protocol.FileDeleteRequest;
import chat.protocol.Reply;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes on the relay the uploads this client will not offer (a chunk, the finish or the offer was
 * refused), so they do not count against the quota until they expire. A delete that cannot be sent
 * now (the connection is down, or is lost while it is sent) is kept in {@code state.json} ({@link
 * ClientState#MAX_PENDING_DELETES} at most, the oldest forgotten) and sent at the next login,
 * resume or reconnect.
 */
final class PendingDeletes {
  private static final Logger LOG = LoggerFactory.getLogger(PendingDeletes.class);

  /** Answers after which a delete is kept for later: the relay may take it another time. */
  private static final Set<ErrorCode> TRY_AGAIN =
      Set.of(
          ErrorCode.RATE_LIMITED,
          ErrorCode.SHUTTING_DOWN,
          ErrorCode.INTERNAL,
          ErrorCode.STORAGE_UNAVAILABLE,
          ErrorCode.SLOW_CONSUMER);

  private final ClientState state;

  PendingDeletes(ClientState state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  /** {@code relay} as a {@link FileLink}: one exchange per request, no reconnect. */
  static FileLink over(RelayConnection relay) {
    return build -> relay.exchange(build.apply(relay.nextId()));
  }

  /** Sends the deletes kept in {@code target}'s state over {@code relay}, just logged in. */
  static void sendAfterLogin(Session target, RelayConnection relay) {
    new PendingDeletes(target.state).sendPending(over(relay));
  }

  /**
   * Deletes the upload {@code fileId} over {@code online} if the connection is up; keeps the delete
   * for later if it is not, or if the connection is lost or the relay is busy. Never throws.
   */
  void discard(Optional<FileLink> online, String fileId) {
    if (online.isEmpty() || !send(online.get(), fileId)) {
      keep(fileId);
    }
  }

  /**
   * Sends each kept delete over {@code link}, oldest first, until the connection fails or the relay
   * is busy; the rest wait for the next time. Never throws.
   */
  void sendPending(FileLink link) {
    List<String> pending = state.pendingDeletes();
    for (String fileId : pending) {
      if (!send(link, fileId)) {
        break;
      }
      state.deleteSent(fileId);
    }
    if (!pending.isEmpty()) {
      saveQuietly();
    }
  }

  /**
   * Sends one delete; whether it is settled: deleted, or refused for good (the upload expired or is
   * gone, or a relay that predates {@code file_delete}). False if it should be sent again later.
   */
  private static boolean send(FileLink link, String fileId) {
    Reply reply;
    try {
      reply = link.exchange(id -> new FileDeleteRequest(id, fileId));
    } catch (CommandException.Network e) {
      LOG.debug("the connection failed while an unoffered upload was deleted", e);
      return false;
    } catch (RuntimeException e) {
      LOG.debug("could not delete an unoffered upload", e);
      return false;
    }
    if (reply instanceof ErrorReply error && TRY_AGAIN.contains(error.code())) {
      return false;
    }
    if (!(reply instanceof FileDeleteReply)) {
      LOG.debug("the relay did not delete an unoffered upload: {}", reply);
    }
    return true;
  }

  private void keep(String fileId) {
    state
        .addPendingDelete(fileId)
        .ifPresent(
            dropped ->
                LOG.warn(
                    "more than {} unoffered uploads wait to be deleted on the relay; the oldest"
                        + " ({}...) is forgotten and stays there until it expires",
                    ClientState.MAX_PENDING_DELETES,
                    dropped.substring(0, Math.min(8, dropped.length()))));
    saveQuietly();
  }

  private void saveQuietly() {
    try {
      state.save();
    } catch (CommandException e) {
      LOG.warn("cannot keep the uploads to delete on the relay: {}", e.getMessage());
    }
  }
}
