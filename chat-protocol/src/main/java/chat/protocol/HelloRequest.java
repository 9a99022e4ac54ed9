package chat.protocol;

import java.util.List;
import java.util.Objects;

/** The first request on a connection: the protocol versions the client speaks and its name. */
public record HelloRequest(String id, List<Integer> versions, String client) implements Request {
  /** The most versions a hello lists: a relay refuses a longer list as a bad frame. */
  public static final int MAX_VERSIONS = 16;

  /** Validates the fields. */
  public HelloRequest {
    id = RequestIds.require(id, "id");
    versions = List.copyOf(Objects.requireNonNull(versions, "versions"));
    if (versions.isEmpty() || versions.size() > MAX_VERSIONS) {
      throw new IllegalArgumentException("versions must list 1 to " + MAX_VERSIONS + " entries");
    }
    client = client == null ? "" : WireText.require(client, "client", 64);
  }
}
