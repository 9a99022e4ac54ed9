package chat.server.internal.relay;

import chat.server.internal.audit.AuditLog;
import chat.server.internal.audit.AuditType;
import java.util.List;

/** An audit log that keeps each entry in a list, as {@code "TYPE detail"}. */
final class RecordingAuditLog implements AuditLog {
  private final List<String> entries;

  /** Adds each entry to {@code entries}. */
  RecordingAuditLog(List<String> entries) {
    this.entries = entries;
  }

  @Override
  public void record(AuditType type, String username, String remoteAddress, String detail) {
    entries.add(type + " " + detail);
  }

  @Override
  public void record(ClientConnection connection, AuditType type, String username, String detail) {
    entries.add(type + " " + detail);
  }
}
