package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The SQL shared by the group tables that hold a measure against a user, with who took it, when,
 * why ({@code ""} for no reason) and until when (null: until lifted): {@code group_bans} and {@code
 * group_mutes}. A measure with an end is in force until then; from then on every query here treats
 * it as absent, a new one for the same user replaces it, and {@link #deleteExpired} removes it.
 */
public abstract class TimedGroupRows {
  /**
   * One row in force: the user's key and username, the username of who took the measure, when (Unix
   * milliseconds), the reason ({@code ""} for none), and when it ends (null: when lifted).
   */
  public record Entry(
      String userKey, String username, String by, long at, String reason, Long until) {}

  /** SQL that holds for a row in force at the time bound to its one parameter. */
  private static final String IN_FORCE = "(until IS NULL OR until > ?)";

  private final Clock clock;
  private final String table;
  private final String byColumn;
  private final String atColumn;

  /**
   * Rows of {@code table}, whose actor and time columns are {@code byColumn} and {@code atColumn},
   * that end by {@code clock}.
   */
  TimedGroupRows(Clock clock, String table, String byColumn, String atColumn) {
    this.clock = clock;
    this.table = table;
    this.byColumn = byColumn;
    this.atColumn = atColumn;
  }

  /**
   * Adds a row for {@code userKey}, replacing one of theirs that ended; false if one is in force.
   */
  public boolean add(
      Connection c,
      String conversation,
      String userKey,
      String by,
      long now,
      String reason,
      Long until)
      throws SQLException {
    deleteEnded(c, conversation, userKey);
    return SqlRows.update(
            c,
            "INSERT INTO "
                + table
                + " (conversation, user_key, "
                + byColumn
                + ", "
                + atColumn
                + ", reason, until) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            conversation,
            userKey,
            by,
            now,
            reason,
            until == null ? SqlRows.NULL_INTEGER : until)
        == 1;
  }

  /** Lifts the measure; false if there was none in force (one that ended is deleted too). */
  public boolean remove(Connection c, String conversation, String userKey) throws SQLException {
    deleteEnded(c, conversation, userKey);
    return SqlRows.update(
            c,
            "DELETE FROM " + table + " WHERE conversation = ? AND user_key = ?",
            conversation,
            userKey)
        == 1;
  }

  /** True if a row for {@code userKey} in the group is in force now. */
  public boolean inForce(Connection c, String conversation, String userKey) throws SQLException {
    return SqlRows.exists(
        c,
        "SELECT 1 FROM " + table + " WHERE conversation = ? AND user_key = ? AND " + IN_FORCE,
        conversation,
        userKey,
        clock.millis());
  }

  /** The row for {@code userKey} in the group if one is in force now. */
  public Optional<Entry> find(Connection c, String conversation, String userKey)
      throws SQLException {
    return select(c, " AND t.user_key = ?", conversation, userKey, clock.millis(), 1L).stream()
        .findFirst();
  }

  /**
   * Up to {@code limit} rows in force in the group in order of user key, those after {@code
   * afterKey} (null: from the first).
   */
  public List<Entry> page(Connection c, String conversation, String afterKey, int limit)
      throws SQLException {
    return select(
        c,
        " AND t.user_key > ?",
        conversation,
        afterKey == null ? "" : afterKey,
        clock.millis(),
        (long) limit);
  }

  /** The time by which rows end, now. */
  long now() {
    return clock.millis();
  }

  /** Deletes every row that ended; returns how many. */
  public int deleteExpired(Connection c) throws SQLException {
    return SqlRows.update(c, "DELETE FROM " + table + " WHERE until <= ?", clock.millis());
  }

  /** Removes every row of the group. */
  public void deleteAll(Connection c, String conversation) throws SQLException {
    SqlRows.update(c, "DELETE FROM " + table + " WHERE conversation = ?", conversation);
  }

  private List<Entry> select(
      Connection c, String userClause, String conversation, String user, long now, long limit)
      throws SQLException {
    return SqlRows.list(
        c,
        "SELECT t.user_key, u.username, t."
            + byColumn
            + ", t."
            + atColumn
            + ", t.reason, t.until FROM "
            + table
            + " t JOIN users u ON u.user_key = t.user_key WHERE t.conversation = ?"
            + userClause
            + " AND (t.until IS NULL OR t.until > ?) ORDER BY t.user_key LIMIT ?",
        r -> {
          long until = r.getLong(6);
          boolean forever = r.wasNull(); // before any other column is read
          return new Entry(
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.getLong(4),
              r.getString(5),
              forever ? null : until);
        },
        conversation,
        user,
        now,
        limit);
  }

  private void deleteEnded(Connection c, String conversation, String userKey) throws SQLException {
    SqlRows.update(
        c,
        "DELETE FROM " + table + " WHERE conversation = ? AND user_key = ? AND until <= ?",
        conversation,
        userKey,
        clock.millis());
  }
}
