package chat.cli.client;

/**
 * What another user did about friendship with this one, or what this user did about friendship with
 * another on another of their devices ({@link ClientListener#onFriendUpdate}).
 */
public enum FriendUpdate {
  /** They sent a friend request (repeated at each login until answered). */
  REQUESTED,
  /** They accepted this user's request: now friends. */
  ACCEPTED,
  /** They declined this user's request. */
  DECLINED,
  /** They ended the friendship or withdrew their request. */
  REMOVED,
  /** This user sent them a friend request, on another device. */
  OWN_REQUESTED,
  /** This user accepted their request, on another device: now friends. */
  OWN_ACCEPTED,
  /** This user declined their request, on another device. */
  OWN_DECLINED,
  /** This user ended the friendship or withdrew their request, on another device. */
  OWN_REMOVED;

  /** Whether this user made it, on another device. */
  public boolean own() {
    return ordinal() >= OWN_REQUESTED.ordinal();
  }

  /** The change as the wire names it, whoever made it: {@code REMOVED} for {@link #OWN_REMOVED}. */
  public String change() {
    return own() ? name().substring("OWN_".length()) : name();
  }
}
