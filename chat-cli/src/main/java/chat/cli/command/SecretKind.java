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

  /**
   * The secret a failure refused ({@link chat.cli.CommandException.Auth#refused}), as read by a
   * command: one that reads the secrets it chooses as the account's password and passphrase ({@code
   * register}, {@code keys replace}) has {@code newAsCurrent}.
   */
  public static SecretKind refused(
      chat.cli.CommandException.Auth.Refused refused, boolean newAsCurrent) {
    return switch (refused) {
      case PASSWORD -> PASSWORD;
      case PASSPHRASE -> PASSPHRASE;
      case NEW_PASSWORD -> newAsCurrent ? PASSWORD : NEW_PASSWORD;
      case NEW_PASSPHRASE -> newAsCurrent ? PASSPHRASE : NEW_PASSPHRASE;
    };
  }

  /** What a person calls it in a message: {@code password} or {@code passphrase}. */
  public String noun() {
    return noun;
  }
}
