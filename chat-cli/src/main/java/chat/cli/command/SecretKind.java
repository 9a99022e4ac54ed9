package chat.cli.command;

/** Which secret a command asks for; decides where a non-interactive front end looks for it. */
public enum SecretKind {
  /** The account password the relay checks (bcrypt); {@code CHAT_PASSWORD} in scripts. */
  PASSWORD("password"),
  /** The passphrase of the local private-key file (never sent); {@code CHAT_PASSPHRASE}. */
  PASSPHRASE("passphrase"),
  /**
   * A new account password replacing the current one ({@code /passwd}); {@code CHAT_NEW_PASSWORD}
   * in scripts, so that it is never taken for the current one.
   */
  NEW_PASSWORD("password"),
  /**
   * A new passphrase for the existing keys ({@code /passphrase}) or for new ones ({@code /rekey});
   * {@code CHAT_NEW_PASSPHRASE} in scripts, so that it is never taken for the current one.
   */
  NEW_PASSPHRASE("passphrase");

  private final String noun;

  SecretKind(String noun) {
    this.noun = noun;
  }

  /** What a person calls it in a message: {@code password} or {@code passphrase}. */
  public String noun() {
    return noun;
  }
}
