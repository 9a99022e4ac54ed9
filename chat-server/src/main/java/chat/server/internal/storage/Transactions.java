package chat.server.internal.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ending transactions on the writer's connection when something went wrong. */
final class Transactions {
  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

  private Transactions() {}

  /**
   * Whether a transaction is open on {@code statement}'s connection. SQLite rolls a transaction
   * back by itself after some errors (a full disk, an I/O error), whatever the driver believes. A
   * {@code BEGIN} is refused inside a transaction and starts one outside it.
   */
  static boolean open(Statement statement) throws SQLException {
    try {
      statement.execute("BEGIN");
    } catch (SQLException refused) {
      String message = refused.getMessage();
      if (message != null && message.contains("within a transaction")) {
        return true;
      }
      throw refused;
    }
    statement.execute("ROLLBACK");
    return false;
  }

  /** Work done inside a transaction. */
  @FunctionalInterface
  interface Work {
    /** Runs the work; throwing rolls the transaction back. */
    void run() throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction of its own on {@code c}, which is in auto-commit mode before
   * and after: committed if it returns, rolled back ({@link #endFailed}) if anything throws.
   */
  static void inOne(Connection c, Work work) throws SQLException {
    boolean committed = false;
    try {
      c.setAutoCommit(false);
      work.run();
      c.commit();
      committed = true;
    } finally {
      if (committed) {
        c.setAutoCommit(true);
      } else {
        endFailed(c, null);
      }
    }
  }

  /**
   * Rolls back what is left of a failed transaction and puts {@code c} back in auto-commit mode.
   * After {@code SQLITE_FULL} or an I/O error SQLite may already have rolled the transaction back,
   * so both steps may fail with "no transaction is active"; the auto-commit flag is reset anyway.
   * Skipping that reset would leave the driver believing a transaction was open. What fails here
   * joins {@code cause} if there is one, else is logged at debug.
   */
  static void endFailed(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException alreadyRolledBack) {
      note(cause, alreadyRolledBack);
    }
    try {
      c.setAutoCommit(true);
    } catch (SQLException noTransactionLeft) {
      note(cause, noTransactionLeft);
    }
  }

  private static void note(Throwable cause, SQLException e) {
    if (cause != null) {
      cause.addSuppressed(e);
    } else {
      LOG.debug("ending a failed transaction: {}", e.getMessage());
    }
  }
}
