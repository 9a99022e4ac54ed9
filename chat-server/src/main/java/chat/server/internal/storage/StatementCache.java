package chat.server.internal.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a connection's prepared statements for the next use of the same SQL. The sqlite-jdbc driver
 * compiles a statement's SQL anew on every {@code prepareStatement}, and the relay's repositories
 * prepare and close one per call: compiling was over a third of the SQLite time of a send's reads,
 * and about 12% of the storage writer's CPU (PERFORMANCE.md, "Kept statements").
 *
 * <p>{@link #wrap} returns a connection that answers {@code prepareStatement(sql)} with a statement
 * kept from an earlier use of that SQL when one is idle. Closing it hands it back instead of
 * closing it: its result set is closed first, which resets it (a statement stepped to a row and
 * never reset would hold its read snapshot, and the connection would go on reading old data and
 * keep the WAL from being checkpointed), and its parameters and batch are cleared, so a use never
 * sees the last one's values. A statement one of whose own methods failed, one run another way than
 * those it is kept after ({@code execute()}), one given a setting of its own that would outlast the
 * use (max rows, fetch size, a time-out), and one asked for while the same SQL is in use (a nested
 * use) are closed for real. At most {@link #CAPACITY} idle statements are kept, the least recently
 * used closed first. Closing the connection closes them all.
 *
 * <p>Not thread-safe, as the connection it wraps is used: by one thread at a time ({@link
 * Database}'s readers under its lock, the writer on the write queue's thread).
 */
final class StatementCache implements InvocationHandler {
  /**
   * Idle statements kept per connection: those of the hot paths (a send's reads on the reader, a
   * message's writes on the writer), not every SQL string the relay runs. A kept statement holds
   * some of its connection's lookaside memory, SQLite's small pool for short-lived allocations;
   * with up to 128 kept, that pool ran out and the allocations of running each statement went to
   * the process's allocator, which took back as much time as compiling had cost (PERFORMANCE.md,
   * "Kept statements").
   */
  static final int CAPACITY = 8;

  /**
   * The ways of running a statement after which it is kept: a query, whose result set the lease
   * closes, and the updates, which SQLite runs to their end. Any other ({@code execute}, {@code
   * getResultSet}, ...) closes the statement at the end of the use.
   */
  private static final Set<String> KEPT_AFTER =
      Set.of("executeQuery", "executeUpdate", "executeLargeUpdate", "executeBatch");

  private final Connection connection;
  private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true);

  private StatementCache(Connection connection) {
    this.connection = connection;
  }

  /** {@code connection}, with its {@code prepareStatement(String)} statements kept for reuse. */
  static Connection wrap(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            StatementCache.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new StatementCache(connection));
  }

  /** How many idle statements the cache behind {@code wrapped} (from {@link #wrap}) keeps. */
  static int idleCount(Connection wrapped) {
    return ((StatementCache) Proxy.getInvocationHandler(wrapped)).idle.size();
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("prepareStatement")
        && args != null
        && args.length == 1
        && args[0] instanceof String sql) {
      return lease(sql);
    }
    if (name.equals("close") && (args == null || args.length == 0)) {
      try {
        closeIdle();
      } finally {
        connection.close();
      }
      return null;
    }
    return call(connection, method, args);
  }

  private PreparedStatement lease(String sql) throws SQLException {
    PreparedStatement statement = idle.remove(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
    }
    return (PreparedStatement)
        Proxy.newProxyInstance(
            StatementCache.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            new Lease(sql, statement));
  }

  /** Takes {@code statement} back after a use that went well, or closes it. */
  private void giveBack(String sql, PreparedStatement statement) throws SQLException {
    if (idle.containsKey(sql) || connection.isClosed()) {
      statement.close(); // a nested use's second statement, or nothing left to keep it for
      return;
    }
    idle.put(sql, statement);
    if (idle.size() > CAPACITY) {
      Iterator<PreparedStatement> eldest = idle.values().iterator();
      PreparedStatement dropped = eldest.next();
      eldest.remove();
      dropped.close();
    }
  }

  private void closeIdle() throws SQLException {
    List<PreparedStatement> kept = new ArrayList<>(idle.values());
    idle.clear();
    SQLException first = null;
    for (PreparedStatement statement : kept) {
      try {
        statement.close();
      } catch (SQLException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** One use of a kept statement, from {@code prepareStatement} to {@code close}. */
  private final class Lease implements InvocationHandler {
    private final String sql;
    private final PreparedStatement statement;
    private ResultSet results;
    private boolean keep = true;
    private boolean closed;

    Lease(String sql, PreparedStatement statement) {
      this.sql = sql;
      this.statement = statement;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      boolean noArgs = args == null || args.length == 0;
      if (name.equals("close") && noArgs) {
        end();
        return null;
      }
      if (name.equals("isClosed") && noArgs) {
        return closed;
      }
      if (closed) {
        throw new SQLException("statement is closed");
      }
      if (!KEPT_AFTER.contains(name) && (name.startsWith("execute") || name.contains("Result"))) {
        // execute() and the like may leave rows waiting that this lease does not see to reset
        keep = false;
      }
      if (method.getDeclaringClass() == Statement.class
          && (name.startsWith("set") || name.equals("closeOnCompletion"))) {
        // a setting of the statement's own (max rows, fetch size, time-out) would outlast this use
        keep = false;
      }
      Object result;
      try {
        result = call(statement, method, args);
      } catch (Throwable t) {
        keep = false;
        throw t;
      }
      if (result instanceof ResultSet set) {
        results = set;
      }
      return result;
    }

    /** Hands the statement back, reset and cleared, or closes it if anything went wrong. */
    private void end() throws SQLException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (results != null) {
          results.close(); // resets the statement, ending its hold on the read snapshot
        }
        statement.clearParameters();
        statement.clearBatch();
      } catch (SQLException | RuntimeException e) {
        try {
          statement.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
        throw e;
      }
      if (keep) {
        giveBack(sql, statement);
      } else {
        statement.close();
      }
    }
  }
}
