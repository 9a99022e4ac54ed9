package chat.cli.command;

import chat.cli.TerminalSafe;
import chat.cli.client.TrustState;

/** What accepting a contact's key did, for {@code /trust} and {@code chat keys trust}. */
public final class TrustReport {
  private TrustReport() {}

  /**
   * The line to show after accepting {@code user}'s key, given the trust state before and after: a
   * changed key is accepted unverified; an unchanged one is left as it was, verified or not.
   */
  public static String afterTrust(String user, TrustState before, TrustState after) {
    String name = TerminalSafe.line(user);
    if (before == TrustState.CHANGED) {
      return "accepted " + name + "'s new key (unverified): compare with /safety " + name;
    }
    if (after == TrustState.VERIFIED) {
      return name + "'s key has not changed and is verified: nothing to accept";
    }
    return name
        + "'s key has not changed: nothing to accept (unverified: compare with /safety "
        + name
        + ")";
  }
}
