package chat.cli;

import java.io.PrintWriter;

/**
 * What the offline commands that read a profile's key files ({@code keys show}, {@code identity
 * show}, {@code keys export}, {@code identity export}) say on stderr after a key change of the
 * profile was cut short ({@link IdentityHome#keyChangeCutShort}): which key they read, and that a
 * login settles it. They never reach the relay, so they cannot settle it themselves; the exit code
 * is not changed.
 */
final class KeyChangeCutShort {
  private KeyChangeCutShort() {}

  /** For a command that showed the key in {@code identity.pub}. */
  static void warnShown(IdentityHome home, PrintWriter err) {
    warn(
        home,
        err,
        "this shows the key in "
            + IdentityHome.PUBLIC_FILE_NAME
            + ": log in once ('chat login') to see the key in use");
  }

  /** For a command that exported {@code identity.key}. */
  static void warnExportedKeyFile(IdentityHome home, PrintWriter err) {
    warn(
        home,
        err,
        "this exported "
            + IdentityHome.KEY_FILE_NAME
            + " as it is: log in once ('chat login'), then export again for the key file in use");
  }

  /** For a command that exported the public bundle in {@code identity.pub}. */
  static void warnExportedBundle(IdentityHome home, PrintWriter err) {
    warn(
        home,
        err,
        "this exported "
            + IdentityHome.PUBLIC_FILE_NAME
            + " as it is: log in once ('chat login'), then export again for the key in use");
  }

  private static void warn(IdentityHome home, PrintWriter err, String consequence) {
    home.keyChangeCutShort()
        .ifPresent(
            what -> {
              err.println("chat: warning: " + TerminalSafe.line(what + "; " + consequence));
              err.flush();
            });
  }
}
