package chat.cli.client;

/** What {@link ChatClient#friend} does. */
public enum FriendAction {
  /** Sends a friend request (accepts theirs if they already asked). */
  ADD,
  /** Accepts their request. */
  ACCEPT,
  /** Declines their request. */
  DECLINE,
  /** Ends the friendship, or withdraws this user's request. */
  REMOVE
}
