package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code suspensions} table (schema step 16): accounts the operator suspended ({@code
 * chat-server users suspend}). The relay reads it at each login and resume, and looks for new rows
 * every few seconds to close the connections of a user suspended while logged in, so a change made
 * while it runs counts without a restart.
 */
public final class SuspensionRepository {
  /**
   * A suspension.
   *
   * @param sinceMillis when it began
   * @param reason what the operator gave as the reason, shown to the user; empty if nothing
   */
  public record Suspension(long sinceMillis, String reason) {}

  /** The suspension of {@code userKey}, if the account is suspended. */
  public Optional<Suspension> find(Connection c, String userKey) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT since, reason FROM suspensions WHERE user_key = ?")) {
      s.setString(1, userKey);
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new Suspension(r.getLong(1), r.getString(2)))
            : Optional.empty();
      }
    }
  }

  /** Every suspension, by user key. */
  public Map<String, Suspension> all(Connection c) throws SQLException {
    Map<String, Suspension> out = new HashMap<>();
    try (PreparedStatement s =
            c.prepareStatement("SELECT user_key, since, reason FROM suspensions");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), new Suspension(r.getLong(2), r.getString(3)));
      }
    }
    return out;
  }

  /**
   * Suspends {@code userKey} from {@code sinceMillis} for {@code reason}; an account suspended
   * already keeps its start and gets the new reason.
   */
  public void suspend(Connection c, String userKey, long sinceMillis, String reason)
      throws SQLException {
    SqlRows.update(
        c,
        "INSERT INTO suspensions (user_key, since, reason) VALUES (?, ?, ?)"
            + " ON CONFLICT(user_key) DO UPDATE SET reason = excluded.reason",
        userKey,
        sinceMillis,
        reason);
  }

  /** Ends the suspension of {@code userKey}; false if it was not suspended. */
  public boolean lift(Connection c, String userKey) throws SQLException {
    return SqlRows.update(c, "DELETE FROM suspensions WHERE user_key = ?", userKey) == 1;
  }
}
