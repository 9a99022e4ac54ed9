package chat.cli.client;

import java.time.Instant;
import java.util.Objects;

/**
 * One session (logged-in device) of the user's account, as {@code chat sessions} and {@code
 * /sessions} list it.
 *
 * @param id the session id: 12 lowercase hex digits, never the token ({@code
 *     chat.protocol.SessionIds})
 * @param createdAt when the session was made (its login)
 * @param lastUsedAt its login or latest resume
 * @param address the client address it was last used from, empty if the relay does not know it
 *     (from the network: display through TerminalSafe)
 * @param current whether it is this client's own session
 */
public record SessionView(
    String id, Instant createdAt, Instant lastUsedAt, String address, boolean current) {
  /** Checks for nulls. */
  public SessionView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(address, "address");
  }
}
