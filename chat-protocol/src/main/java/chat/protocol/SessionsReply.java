package chat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * The caller's sessions, most recently used first, at most {@link #MAX_SESSIONS}; the caller's own
 * is among them.
 */
public record SessionsReply(String re, List<SessionInfo> sessions) implements Reply {
  /** The most sessions one reply lists. */
  public static final int MAX_SESSIONS = 100;

  /** Validates the fields. */
  public SessionsReply {
    re = RequestIds.require(re, "re");
    sessions = List.copyOf(Objects.requireNonNull(sessions, "sessions"));
    if (sessions.size() > MAX_SESSIONS) {
      throw new IllegalArgumentException("at most " + MAX_SESSIONS + " sessions");
    }
  }
}
