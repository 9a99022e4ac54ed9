package chat.cli.command;

/** What a command argument names; decides what {@link SlashCompleter} offers for it. */
public enum ArgumentKind {
  /** A username: completed from the client's known users. */
  USER,
  /** Usernames separated by commas: the last one completed from the client's known users. */
  USERS,
  /** A room: completed from the rooms the user is in. */
  ROOM,
  /** A conversation, room or username: completed from conversations and known users. */
  CONVERSATION,
  /** A command name, as for {@code /help}. */
  COMMAND,
  /** The action of {@code /sessions}: {@code end}. */
  SESSION_ACTION,
  /**
   * The id after {@code /sessions end}: completed from the relay's list of the account's other
   * sessions.
   */
  SESSION_ID,
  /** Anything else (text, numbers, secrets): not completed. */
  OTHER
}
