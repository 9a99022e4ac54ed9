package chat.server.internal.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Which audit events to list: all filters are optional and combine with "and"; the newest {@code
 * limit} matches are returned.
 *
 * @param username only events about this user (compared case-insensitively), if present
 * @param sinceMillis only events at or after this time, epoch milliseconds (0 for all)
 * @param type only events of this type, if present
 * @param limit the most events to return, 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(
    Optional<String> username, long sinceMillis, Optional<AuditType> type, int limit) {
  /** The most events one query returns. */
  public static final int MAX_LIMIT = 100_000;

  /** Checks the fields. */
  public AuditQuery {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(type, "type");
    if (sinceMillis < 0) {
      throw new IllegalArgumentException("since must not be negative");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
    }
  }
}
