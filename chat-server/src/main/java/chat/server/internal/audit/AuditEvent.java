package chat.server.internal.audit;

import java.util.Objects;

/**
 * One audit record. Empty strings stand for "not known" (no user before login, no address for an
 * operator action). Text is cleaned of control characters and cut to a bounded length here, so
 * nothing a client sent can break the log's output or grow it without bound.
 *
 * @param atMillis when it happened, epoch milliseconds (the relay's clock)
 * @param type what happened
 * @param username the user concerned as registered or typed (only a valid username), or empty
 * @param address the remote IP address, or empty
 * @param connection the connection's log id (as in the relay log, e.g. {@code c12}), or empty
 * @param detail a short explanation: a reason category, an error code, what an admin did
 */
public record AuditEvent(
    long atMillis,
    AuditType type,
    String username,
    String address,
    String connection,
    String detail) {
  /** Longest stored detail, in characters. */
  public static final int MAX_DETAIL_CHARS = 320;

  /** How the detail of a {@link AuditType#REPORT} begins, before the name of the user reported. */
  public static final String REPORT_PREFIX = "about ";

  private static final int MAX_FIELD_CHARS = 64;

  /** Checks for nulls, drops control characters and bounds the lengths. */
  public AuditEvent {
    Objects.requireNonNull(type, "type");
    username = clean(username, MAX_FIELD_CHARS);
    address = clean(address, MAX_FIELD_CHARS);
    connection = clean(connection, MAX_FIELD_CHARS);
    detail = clean(detail, MAX_DETAIL_CHARS);
  }

  private static String clean(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars));
    text.codePoints()
        .map(
            cp ->
                Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT ? '?' : cp)
        .limit(maxChars)
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
