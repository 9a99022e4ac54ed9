package chat.protocol;

import java.util.List;
import java.util.Objects;

/** Carries the registered bundles of the requested users who exist; unknown names are left out. */
public record BundlesReply(String re, List<UserBundle> bundles) implements Reply {
  /** Validates the fields. */
  public BundlesReply {
    re = RequestIds.require(re, "re");
    bundles = List.copyOf(Objects.requireNonNull(bundles, "bundles"));
  }
}
