package chat.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Fetches several users' registered identity bundles at once: at most {@link #MAX_USERS} on a wire
 * version 5 connection (the relay refuses more), at most {@link #LEGACY_MAX_USERS} before.
 */
public record GetBundlesRequest(String id, List<String> usernames) implements Request {
  /**
   * Most usernames one request may name from wire version 5: the bundles of this many fit the
   * smallest frame a relay may use (64 KiB), whatever their size (at most 2048 bytes each).
   */
  public static final int MAX_USERS = 20;

  /**
   * Most usernames a request may name before wire version 5 (a frame may not hold their bundles).
   */
  public static final int LEGACY_MAX_USERS = 200;

  /** Validates the fields. */
  public GetBundlesRequest {
    id = RequestIds.require(id, "id");
    usernames = List.copyOf(Objects.requireNonNull(usernames, "usernames"));
    if (usernames.isEmpty() || usernames.size() > LEGACY_MAX_USERS) {
      throw new IllegalArgumentException("usernames must list 1 to " + LEGACY_MAX_USERS + " names");
    }
    for (String username : usernames) {
      WireText.require(username, "username", 64);
    }
  }
}
