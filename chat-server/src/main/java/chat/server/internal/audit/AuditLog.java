package chat.server.internal.audit;

import chat.server.internal.relay.ClientConnection;

/**
 * Where relay code reports audit events. Recording never blocks the caller and never throws: the
 * implementation queues the event and writes it later in a batch, so a request never waits on the
 * audit write.
 *
 * <p>Callers pass only what an operator may see: usernames and addresses are fine; message content,
 * passwords, session tokens and keys are never passed, not even in {@code detail}.
 *
 * <pre>{@code
 * audit.record(AuditType.ADMIN, adminName, connection.remoteAddress(), "removed bob from #ops");
 * audit.record(connection, AuditType.LOGIN_FAILED, typedName, "wrong password");
 * }</pre>
 */
public interface AuditLog {
  /**
   * Records an event not tied to a client connection (or whose connection is not at hand).
   *
   * @param type what happened
   * @param username the user concerned, or null
   * @param remoteAddress the remote address, or null
   * @param detail a short explanation, or null
   */
  void record(AuditType type, String username, String remoteAddress, String detail);

  /**
   * Records an event on {@code connection}: its remote address and log id are recorded with it.
   *
   * @param connection the client connection the event happened on
   * @param type what happened
   * @param username the user concerned, or null
   * @param detail a short explanation, or null
   */
  void record(ClientConnection connection, AuditType type, String username, String detail);

  /** An audit log that drops everything (for tests and tools that do not audit). */
  static AuditLog discarding() {
    return new AuditLog() {
      @Override
      public void record(AuditType type, String username, String remoteAddress, String detail) {}

      @Override
      public void record(
          ClientConnection connection, AuditType type, String username, String detail) {}
    };
  }
}
