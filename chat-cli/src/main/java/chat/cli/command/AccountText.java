package chat.cli.command;

/**
 * What a password or passphrase change reports, the same for the slash commands and for {@code chat
 * passwd} and {@code chat keys passwd}.
 */
public final class AccountText {
  private AccountText() {}

  /** After the account password of {@code name} was changed and {@code ended} sessions ended. */
  public static String passwordChanged(String name, int ended) {
    return "changed the account password of "
        + name
        + "; "
        + (ended == 0
            ? "no other session was open"
            : ended + (ended == 1 ? " other session was" : " other sessions were") + " logged out");
  }

  /** After the passphrase of {@code name}'s keys was changed here and in the relay's backup. */
  public static String passphraseChanged(String name) {
    return "changed the passphrase of " + name + "'s keys, here and in the relay's backup";
  }
}
