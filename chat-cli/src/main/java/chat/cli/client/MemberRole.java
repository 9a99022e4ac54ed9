package chat.cli.client;

/** A member's role in a group; every member of a public room or direct conversation is MEMBER. */
public enum MemberRole {
  /** Owns the group: names admins, transfers ownership, disbands. */
  OWNER,
  /**
   * Named by the owner: invites, kicks, bans, unbans and renames (never acts on owner or admins).
   */
  ADMIN,
  /** Any other member. */
  MEMBER
}
