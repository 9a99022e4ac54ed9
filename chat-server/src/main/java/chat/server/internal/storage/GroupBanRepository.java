package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The {@code group_bans} table: who may neither join nor be invited to a group. Schema step 17
 * keeps a ban's reason, step 18 when a timed ban ends; see {@link TimedGroupRows}.
 */
public final class GroupBanRepository extends TimedGroupRows {
  /** Bans that end by {@code clock}. */
  public GroupBanRepository(Clock clock) {
    super(clock, "group_bans", "banned_by", "banned_at");
  }

  /** True if {@code userKey} is banned from the group now. */
  public boolean isBanned(Connection c, String conversation, String userKey) throws SQLException {
    return inForce(c, conversation, userKey);
  }
}
