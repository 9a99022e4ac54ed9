package chat.protocol;

import java.util.List;
import java.util.Objects;

/** The first request on a connection: the protocol versions the client speaks and its name. */
public record HelloRequest(String id, List<Integer> versions, String client) implements Request {
  /** Validates the fields. */
  public HelloRequest {
    id = RequestIds.require(id, "id");
    versions = List.copyOf(Objects.requireNonNull(versions, "versions"));
    if (versions.isEmpty() || versions.size() > 16) {
      throw new IllegalArgumentException("versions must list 1 to 16 entries");
    }
    client = client == null ? "" : WireText.require(client, "client", 64);
  }
}
