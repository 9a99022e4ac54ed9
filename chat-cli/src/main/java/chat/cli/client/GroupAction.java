package chat.cli.client;

/** What {@link ChatClient#administer} does to a user in a group. */
public enum GroupAction {
  /** Invites them (owner or admin). */
  INVITE,
  /**
   * Removes a member or withdraws an invitation (owner or admin; only the owner acts on admins).
   */
  KICK,
  /** Removes them if a member and keeps them out (owner or admin). */
  BAN,
  /** Lifts their ban (owner or admin). */
  UNBAN,
  /**
   * Keeps a member from posting (messages and files) while they still read the group (owner or
   * admin; only the owner acts on admins).
   */
  MUTE,
  /** Lets a muted member post again (owner or admin). */
  UNMUTE,
  /** Makes a member the owner; the old owner becomes an admin (owner only). */
  TRANSFER,
  /** Makes a member an admin (owner only). */
  ADMIN,
  /** Makes an admin a plain member (owner only). */
  DEADMIN
}
