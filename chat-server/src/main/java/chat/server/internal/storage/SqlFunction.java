package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of SQL work on one connection. */
@FunctionalInterface
public interface SqlFunction<T> {
  /** Runs against {@code connection}. */
  T apply(Connection connection) throws SQLException;
}
