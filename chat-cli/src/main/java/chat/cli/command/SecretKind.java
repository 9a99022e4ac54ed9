package chat.cli.command;

/** Which secret a command asks for; decides where a non-interactive front end looks for it. */
public enum SecretKind {
  /** The account password the relay checks (bcrypt); {@code CHAT_PASSWORD} in scripts. */
  PASSWORD,
  /** The passphrase of the local private-key file (never sent); {@code CHAT_PASSPHRASE}. */
  PASSPHRASE
}
