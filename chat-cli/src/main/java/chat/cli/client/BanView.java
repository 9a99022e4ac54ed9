package chat.cli.client;

import java.time.Instant;
import java.util.Objects;

/**
 * One ban of a group, as {@code /bans} and {@code chat group bans} list it. Every text came from
 * the relay: display it through TerminalSafe.
 *
 * @param username the banned user
 * @param bannedBy the owner or admin who banned them
 * @param bannedAt when
 * @param reason the reason given with the ban, empty when none was (or the ban is older than the
 *     relay's keeping of reasons)
 * @param until when a timed ban ends by itself; null for a ban until lifted
 */
public record BanView(
    String username, String bannedBy, Instant bannedAt, String reason, Instant until) {
  /** Checks for nulls. */
  public BanView {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(bannedBy, "bannedBy");
    Objects.requireNonNull(bannedAt, "bannedAt");
    Objects.requireNonNull(reason, "reason");
  }

  /** A ban until lifted. */
  public BanView(String username, String bannedBy, Instant bannedAt, String reason) {
    this(username, bannedBy, bannedAt, reason, null);
  }
}
