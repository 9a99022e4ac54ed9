package chat.server.internal.cli;

import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What an operator's command writes to the relay's audit log: an {@link AuditType#ADMIN} event that
 * names the OS user who ran it ({@code keys rotate}, {@code backup}, {@code users set-limit},
 * {@code users suspend}, {@code users unsuspend}).
 */
final class OperatorAudit {
  private OperatorAudit() {}

  /** Who runs this command, as the operating system names them. */
  static String operator() {
    return System.getProperty("user.name", "unknown");
  }

  /**
   * Records an {@code ADMIN} event saying {@code detail}, about no user, in {@code relay.db} of
   * {@code dataDir} as it is: one short write, which neither creates nor upgrades the database.
   *
   * @throws DatabaseReader.Unreadable saying why it could not ({@link
   *     DatabaseReader#changeCurrent})
   */
  static void record(Path dataDir, String detail) throws DatabaseReader.Unreadable {
    long now = System.currentTimeMillis();
    DatabaseReader.changeCurrent(
        dataDir,
        c -> {
          record(c, now, "", detail);
          return null;
        });
  }

  /**
   * Inserts an {@code ADMIN} event saying {@code detail} about {@code username} (empty for none),
   * in the transaction of {@code connection}.
   */
  static void record(Connection connection, long atMillis, String username, String detail)
      throws SQLException {
    new AuditRepository()
        .insertAll(
            connection,
            List.of(new AuditEvent(atMillis, AuditType.ADMIN, username, "", "", detail)));
  }
}
