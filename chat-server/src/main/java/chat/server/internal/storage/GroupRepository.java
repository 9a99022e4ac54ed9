package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of the {@code groups} table: which rooms are groups (invite-only) and their display
 * titles. A room without a row here is public.
 */
public final class GroupRepository {
  /** Makes {@code conversation} a group titled {@code title}; false if it already is one. */
  public boolean create(Connection c, String conversation, String title, long now)
      throws SQLException {
    return SqlRows.update(
            c,
            "INSERT INTO groups (conversation, title, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING",
            conversation,
            title,
            now)
        == 1;
  }

  /** The group's title, if {@code conversation} is a group. */
  public Optional<String> title(Connection c, String conversation) throws SQLException {
    Map<String, String> row =
        SqlRows.pairs(
            c, "SELECT conversation, title FROM groups WHERE conversation = ?", conversation);
    return Optional.ofNullable(row.get(conversation));
  }

  /** Every group id mapped to its title. */
  public Map<String, String> titles(Connection c) throws SQLException {
    return SqlRows.pairs(c, "SELECT conversation, title FROM groups ORDER BY conversation");
  }

  /** Changes the title. */
  public void rename(Connection c, String conversation, String title) throws SQLException {
    SqlRows.update(c, "UPDATE groups SET title = ? WHERE conversation = ?", title, conversation);
  }

  /** Removes the group row (the room becomes an ordinary, empty room id). */
  public void delete(Connection c, String conversation) throws SQLException {
    SqlRows.update(c, "DELETE FROM groups WHERE conversation = ?", conversation);
  }
}
