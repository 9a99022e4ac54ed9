package chat.server.internal.cli;

import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What an operator's command writes to the relay's audit log: an {@link AuditType#ADMIN} event that
 * names the OS user who ran it ({@code keys rotate}, {@code users set-limit}, {@code users
 * suspend}, {@code users unsuspend}).
 */
final class OperatorAudit {
  private OperatorAudit() {}

  /** Who runs this command, as the operating system names them. */
  static String operator() {
    return System.getProperty("user.name", "unknown");
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
