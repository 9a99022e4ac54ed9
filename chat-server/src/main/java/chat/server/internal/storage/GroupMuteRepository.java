package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * The {@code group_mutes} table (schema step 19): members of a group who may read it but not post
 * to it, by whom, since when, why and until when; see {@link TimedGroupRows}. A mute outlives the
 * membership: one who leaves and is invited back is still muted until it ends or is lifted.
 */
public final class GroupMuteRepository extends TimedGroupRows {
  /**
   * A mute of one user in force: the group, who muted them, the reason ({@code ""} for none) and
   * when it ends (null: when lifted).
   */
  public record Held(String conversation, String mutedBy, String reason, Long until) {}

  /** Mutes that end by {@code clock}. */
  public GroupMuteRepository(Clock clock) {
    super(clock, "group_mutes", "muted_by", "muted_at");
  }

  /** The mutes of {@code userKey} in force in the groups they are a member of, by group. */
  public List<Held> heldBy(Connection c, String userKey) throws SQLException {
    return SqlRows.list(
        c,
        "SELECT t.conversation, t.muted_by, t.reason, t.until FROM group_mutes t"
            + " JOIN members m ON m.conversation = t.conversation AND m.user_key = t.user_key"
            + " WHERE t.user_key = ? AND (t.until IS NULL OR t.until > ?) ORDER BY t.conversation",
        r -> {
          long until = r.getLong(4);
          boolean forever = r.wasNull(); // before any other column is read
          return new Held(r.getString(1), r.getString(2), r.getString(3), forever ? null : until);
        },
        userKey,
        now());
  }
}
