package chat.server.internal.storage;

import chat.protocol.Usernames;
import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL of the {@code audit_log} table: one row per audit event, in the clear (usernames,
 * addresses and reason categories only), pruned by age.
 */
public final class AuditRepository {
  /** The table's name, for the reader that checks it exists. */
  public static final String TABLE = "audit_log";

  /** Inserts {@code events} in order. */
  public void insertAll(Connection c, List<AuditEvent> events) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO audit_log (at, type, user_key, username, address, connection, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (AuditEvent event : events) {
        s.setLong(1, event.atMillis());
        s.setString(2, event.type().name());
        s.setString(3, event.username().isEmpty() ? null : key(event.username()));
        s.setString(4, emptyToNull(event.username()));
        s.setString(5, emptyToNull(event.address()));
        s.setString(6, emptyToNull(event.connection()));
        s.setString(7, event.detail());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Deletes events older than {@code cutoffMillis}; returns how many. */
  public int deleteBefore(Connection c, long cutoffMillis) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM audit_log WHERE at < ?")) {
      s.setLong(1, cutoffMillis);
      return s.executeUpdate();
    }
  }

  /** The events matching {@code query} recorded last, returned in the order they were recorded. */
  public List<AuditEvent> find(Connection c, AuditQuery query) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT at, type, username, address, connection, detail FROM audit_log WHERE at >= ?");
    // About a user: their own events, the group actions others took on them, whose detail is
    // "<action> <username> in <room>" (the name follows the first word, in any case), and the
    // reports on them: "about <username>", then " in ..." or ":".
    query
        .username()
        .ifPresent(
            u ->
                sql.append(
                    " AND (user_key = ? OR (type = 'ADMIN'"
                        + " AND lower(substr(detail, instr(detail, ' ') + 1, ?)) = ?)"
                        + " OR (type = 'REPORT' AND lower(substr(detail, 1, ?)) IN (?, ?)))"));
    query.type().ifPresent(t -> sql.append(" AND type = ?"));
    // In the order they were recorded, not by their time: after the clock was set back (a step of
    // NTP), the newest events carry earlier times than the ones before them, and must not be left
    // out of the newest.
    sql.append(" ORDER BY id DESC LIMIT ?");
    List<AuditEvent> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql.toString())) {
      int index = 1;
      s.setLong(index++, query.sinceMillis());
      if (query.username().isPresent()) {
        String key = key(query.username().get());
        String named = key + " in #";
        s.setString(index++, key);
        s.setInt(index++, named.length());
        s.setString(index++, named);
        String about = AuditEvent.REPORT_PREFIX + key;
        s.setInt(index++, about.length() + 1);
        s.setString(index++, about + " ");
        s.setString(index++, about + ":");
      }
      if (query.type().isPresent()) {
        s.setString(index++, query.type().get().name());
      }
      s.setInt(index, query.limit());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(row(r));
        }
      }
    }
    Collections.reverse(out);
    return out;
  }

  /** Whether {@code relay.db} on {@code c} has the audit table (an older schema does not). */
  public static boolean exists(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      s.setString(1, TABLE);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static AuditEvent row(ResultSet r) throws SQLException {
    String typeName = r.getString(2);
    String detail = r.getString(6);
    // A row written by a newer relay may carry a type this build does not know: keep it visible.
    AuditType type = AuditType.parse(typeName).orElse(AuditType.ERROR);
    if (!type.name().equals(typeName)) {
      detail = "(type " + typeName + ") " + detail;
    }
    return new AuditEvent(
        r.getLong(1), type, r.getString(3), r.getString(4), r.getString(5), detail);
  }

  private static String key(String username) {
    return Usernames.key(username);
  }

  private static String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
