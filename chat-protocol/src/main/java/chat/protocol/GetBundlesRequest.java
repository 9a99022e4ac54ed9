package chat.protocol;

import java.util.List;
import java.util.Objects;

/** Fetches several users' registered identity bundles at once (at most {@link #MAX_USERS}). */
public record GetBundlesRequest(String id, List<String> usernames) implements Request {
  /** Most usernames one request may name. */
  public static final int MAX_USERS = 200;

  /** Validates the fields. */
  public GetBundlesRequest {
    id = RequestIds.require(id, "id");
    usernames = List.copyOf(Objects.requireNonNull(usernames, "usernames"));
    if (usernames.isEmpty() || usernames.size() > MAX_USERS) {
      throw new IllegalArgumentException("usernames must list 1 to " + MAX_USERS + " names");
    }
    for (String username : usernames) {
      WireText.require(username, "username", 64);
    }
  }
}
