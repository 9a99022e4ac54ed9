package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The SQL of the {@code group_invites} table: who may join which group, and who invited them (as
 * their registered username, for the event at the invitee's next login). An invitation lasts {@link
 * #LIFETIME} from when it was made or last renewed: an older one is treated as absent by every
 * query here, and {@link #deleteExpired} removes it.
 */
public final class GroupInviteRepository {
  /** How long an invitation stays usable. */
  public static final Duration LIFETIME = Duration.ofDays(30);

  private final Clock clock;

  /** The repository, with invitations expiring {@link #LIFETIME} after {@code clock}'s now. */
  public GroupInviteRepository(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The oldest {@code invited_at} still valid now. */
  private long validSince() {
    return clock.millis() - LIFETIME.toMillis();
  }

  /** Records an invitation (or renews it); true if it is new. */
  public boolean add(Connection c, String conversation, String userKey, String invitedBy, long now)
      throws SQLException {
    boolean existed = isInvited(c, conversation, userKey);
    SqlRows.update(
        c,
        "INSERT INTO group_invites (conversation, user_key, invited_by, invited_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT(conversation, user_key) DO UPDATE SET"
            + " invited_by = excluded.invited_by, invited_at = excluded.invited_at",
        conversation,
        userKey,
        invitedBy,
        now);
    return !existed;
  }

  /** Withdraws or consumes an invitation; false if there was none still valid. */
  public boolean remove(Connection c, String conversation, String userKey) throws SQLException {
    boolean valid = isInvited(c, conversation, userKey);
    SqlRows.update(
        c,
        "DELETE FROM group_invites WHERE conversation = ? AND user_key = ?",
        conversation,
        userKey);
    return valid;
  }

  /** True if {@code userKey} holds an invitation to the group. */
  public boolean isInvited(Connection c, String conversation, String userKey) throws SQLException {
    return SqlRows.exists(
        c,
        "SELECT 1 FROM group_invites WHERE conversation = ? AND user_key = ? AND invited_at >= ?",
        conversation,
        userKey,
        validSince());
  }

  /** How many invitations of the group are pending. */
  public int count(Connection c, String conversation) throws SQLException {
    return SqlRows.count(
        c,
        "SELECT count(*) FROM group_invites WHERE conversation = ? AND invited_at >= ?",
        conversation,
        validSince());
  }

  /** How many pending invitations {@code userKey} holds, from every group. */
  public int countOf(Connection c, String userKey) throws SQLException {
    return SqlRows.count(
        c,
        "SELECT count(*) FROM group_invites WHERE user_key = ? AND invited_at >= ?",
        userKey,
        validSince());
  }

  /** The groups {@code userKey} is invited to, mapped to the username of who invited them. */
  public Map<String, String> invitationsOf(Connection c, String userKey) throws SQLException {
    return SqlRows.pairs(
        c,
        "SELECT conversation, invited_by FROM group_invites WHERE user_key = ?"
            + " AND invited_at >= ? ORDER BY conversation",
        userKey,
        validSince());
  }

  /** The invitees of the group, as user keys mapped to who invited them. */
  public Map<String, String> invitees(Connection c, String conversation) throws SQLException {
    return SqlRows.pairs(
        c,
        "SELECT user_key, invited_by FROM group_invites WHERE conversation = ?"
            + " AND invited_at >= ? ORDER BY user_key",
        conversation,
        validSince());
  }

  /** Deletes every invitation older than {@link #LIFETIME}; returns how many. */
  public int deleteExpired(Connection c) throws SQLException {
    return SqlRows.update(c, "DELETE FROM group_invites WHERE invited_at < ?", validSince());
  }

  /** Removes every invitation of the group. */
  public void deleteAll(Connection c, String conversation) throws SQLException {
    SqlRows.update(c, "DELETE FROM group_invites WHERE conversation = ?", conversation);
  }
}
