package chat.protocol;

import java.util.List;

/** The protocol versions and the rule for picking one in the hello exchange. */
public final class ProtocolVersions {
  /** The current protocol version. */
  public static final int CURRENT = 1;

  /** Every version this build speaks, newest first. */
  public static final List<Integer> SUPPORTED = List.of(CURRENT);

  private ProtocolVersions() {}

  /** The newest version in both {@code offered} and {@link #SUPPORTED}, or 0 if none. */
  public static int pick(List<Integer> offered) {
    for (int version : SUPPORTED) {
      if (offered.contains(version)) {
        return version;
      }
    }
    return 0;
  }
}
