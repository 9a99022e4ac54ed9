package chat.protocol;

import chat.crypto.Bytes;
import java.util.Objects;

/**
 * Replaces the caller's identity bundle (a key change pushed to everyone who shares a
 * conversation).
 */
public record UpdateBundleRequest(String id, Bytes bundle) implements Request {
  /** Validates the fields. */
  public UpdateBundleRequest {
    id = RequestIds.require(id, "id");
    Objects.requireNonNull(bundle, "bundle");
  }
}
