package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JDBC helpers shared by the repositories: bind, update, read rows, pairs and counts. */
final class SqlRows {
  /** A parameter that binds SQL NULL in an INTEGER column. */
  static final Object NULL_INTEGER = new Object();

  private SqlRows() {}

  /**
   * Runs an update with string or long parameters (or {@link #NULL_INTEGER}); returns the changed
   * row count.
   */
  static int update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters);
      return s.executeUpdate();
    }
  }

  /** True if the query returns a row. */
  static boolean exists(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** The first column of the first row as an int (0 if none). */
  static int count(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getInt(1) : 0;
      }
    }
  }

  /** The first two columns of every row as a map, in row order. */
  static Map<String, String> pairs(Connection c, String sql, Object... parameters)
      throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.put(r.getString(1), r.getString(2));
        }
      }
    }
    return out;
  }

  /** The first column of every row mapped to the second as an int, in row order. */
  static Map<String, Integer> counts(Connection c, String sql) throws SQLException {
    Map<String, Integer> out = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(sql);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.put(r.getString(1), r.getInt(2));
      }
    }
    return out;
  }

  /** Reads one row of a result. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet r) throws SQLException;
  }

  /** Every row of the query, each read by {@code row}, in row order. */
  static <T> List<T> list(Connection c, String sql, Row<T> row, Object... parameters)
      throws SQLException {
    List<T> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, parameters);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(row.read(r));
        }
      }
    }
    return out;
  }

  private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object value = parameters[i];
      if (value instanceof Long number) {
        s.setLong(i + 1, number);
      } else if (value == NULL_INTEGER) {
        s.setNull(i + 1, Types.INTEGER);
      } else {
        s.setString(i + 1, (String) value);
      }
    }
  }
}
