package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.ClientOptions;
import java.util.Optional;

/** A profile is kept to one relay: its session, read positions and contacts are that relay's. */
final class ProfileRelay {
  private ProfileRelay() {}

  /**
   * Refuses {@code profile} if it holds the session of another relay than this one. Its session,
   * read positions and the contacts it pinned are that relay's: a session here would forget the
   * first two without a word and mix the two relays' users in the last. One relay under two names
   * (an SSH tunnel, a second address) is one relay: the same certificate, and the profile goes on
   * with the name given now, as before. The certificate compared is {@code presented} (that of a
   * connection just made), else the one pinned for this name; with neither, or no pin for the other
   * relay's name, nothing is refused here: {@link SessionManager#connect} decides once the
   * certificate is pinned, before anything is sent.
   *
   * @return whether the profile holds the session of another name that is not refused
   * @throws CommandException.Usage saying how to keep a profile for each relay, or move this one
   */
  static boolean require(ClientOptions options, Profile profile, Optional<String> presented) {
    Optional<ClientState.OtherRelay> other =
        ClientState.otherRelaysSession(profile.state(), options.serverKey());
    if (other.isEmpty()) {
      return false;
    }
    ServerPins pins = ServerPins.readOnly(profile.knownServers());
    Optional<String> theirs = pins.pinned(other.get().server());
    Optional<String> ours = presented.or(() -> pins.pinned(options.serverKey()));
    if (ours.isEmpty() || theirs.isEmpty() || ours.equals(theirs)) {
      return true; // not known to differ; or one relay, another name
    }
    String there = shown(other.get().server());
    throw new CommandException.Usage(
        "this profile ("
            + profile.dir()
            + ") is logged in to the relay "
            + there
            + ", not "
            + options.server()
            + " (another certificate): a profile keeps one relay's session, read positions and"
            + " contacts. Keep a profile for each relay (--home DIR, or another CHAT_HOME); to"
            + " move this one to "
            + options.server()
            + ", first chat logout --server "
            + there
            + " --user "
            + TerminalSafe.line(other.get().username())
            + " (or, if that relay is gone, move "
            + profile.state()
            + " away)");
  }

  /** A relay's name as stored ({@link ClientOptions#serverKey}) as the client shows it. */
  private static String shown(String key) {
    int colon = key.lastIndexOf(':');
    try {
      return ClientOptions.address(
          key.substring(0, colon), Integer.parseInt(key.substring(colon + 1)));
    } catch (RuntimeException e) {
      return TerminalSafe.line(key);
    }
  }
}
