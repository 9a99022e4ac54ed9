package chat.cli.client;

/** What another user did about friendship with this one ({@link ClientListener#onFriendUpdate}). */
public enum FriendUpdate {
  /** They sent a friend request (repeated at each login until answered). */
  REQUESTED,
  /** They accepted this user's request: now friends. */
  ACCEPTED,
  /** They declined this user's request. */
  DECLINED,
  /** They ended the friendship or withdrew their request. */
  REMOVED
}
