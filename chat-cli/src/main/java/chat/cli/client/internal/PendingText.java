package chat.cli.client.internal;

/**
 * What the client says about a key change that a crash, a full disk or a lost reply interrupted
 * (see {@link PendingIdentity}): written once, for the command that was interrupted and for the
 * start that settles it.
 */
final class PendingText {
  /** A replacement or passphrase change whose new key pair the relay does not hold. */
  static final String NOT_TAKEN =
      "an interrupted key change (chat keys replace, /rekey) had not reached the relay: kept the"
          + " keys you had and removed the unused new ones; replace them again if you still want"
          + " to";

  /** A passphrase change whose new key file the relay's backup is not. */
  static final String PASSPHRASE_NOT_TAKEN =
      "an interrupted passphrase change (chat keys passwd, /passphrase) had not reached the relay:"
          + " your keys still open with the old passphrase; change it again if you still want to";

  /** A replacement the relay took before the run that made it stopped. */
  static final String KEYS_TAKEN =
      "finished an interrupted key replacement: the relay had taken your new keys, which are now"
          + " in use here";

  /** A passphrase change the relay took before the run that made it stopped. */
  static final String PASSPHRASE_TAKEN =
      "finished an interrupted passphrase change: the relay's backup had taken it, so your keys"
          + " now open with the new passphrase";

  /** Added to the error of a request whose reply was lost after the new keys went out. */
  static final String UNCONFIRMED =
      "; the relay may or may not have taken the change: the next login or command asks it and"
          + " keeps the keys it holds";

  /**
   * The warning of a change the relay took ({@code done} says which) whose files could not be put
   * in place here ({@code why}): made, not to be run again, finished by the next start.
   */
  static String notFinishedHere(String done, String why, Profile profile) {
    boolean staged = java.nio.file.Files.exists(profile.pendingKeyFile());
    return "warning: "
        + done
        + ", but "
        + why
        + ": the change is made, do not run it again; the next login or command that reaches the"
        + " relay finishes it here"
        + (staged ? " from " + profile.pendingKeyFile().getFileName() : "")
        + " (free some space or make the folder writable first)";
  }

  private PendingText() {}
}
