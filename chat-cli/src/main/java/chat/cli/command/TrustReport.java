package chat.cli.command;

import chat.cli.TerminalSafe;
import chat.cli.client.TrustState;

/** What accepting a contact's key did, for {@code /trust} and {@code chat keys trust}. */
public final class TrustReport {
  private TrustReport() {}

  /**
   * The line to show after accepting {@code user}'s key, given the trust state before and after: a
   * changed key is accepted unverified; an unchanged one is left as it was, verified or not.
   *
   * @param safety how to show the safety number in this front end, user name included ({@code
   *     /safety bob}, {@code chat keys safety bob})
   */
  public static String afterTrust(String user, TrustState before, TrustState after, String safety) {
    String name = TerminalSafe.line(user);
    String compare = TerminalSafe.line(safety);
    if (before == TrustState.CHANGED) {
      return "accepted " + name + "'s new key (unverified): compare with " + compare;
    }
    if (after == TrustState.VERIFIED) {
      return name + "'s key has not changed and is verified: nothing to accept";
    }
    return name
        + "'s key has not changed: nothing to accept (unverified: compare with "
        + compare
        + ")";
  }
}
