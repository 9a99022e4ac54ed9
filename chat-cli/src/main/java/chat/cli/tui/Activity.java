package chat.cli.tui;

/** How much unread activity a conversation has, for its colour in the list and for Alt+A. */
enum Activity {
  /** Nothing unread. */
  NONE,
  /** Unread room messages. */
  ROOM,
  /** Unread private messages, or a room message that mentions this user. */
  PRIVATE;

  /** The stronger of this and {@code other}. */
  Activity max(Activity other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
