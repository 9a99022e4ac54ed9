package chat.server.internal.storage;

/**
 * The repositories of the group tables, passed around together.
 *
 * @param groups which rooms are groups, and their titles
 * @param roles owners and admins
 * @param invites pending invitations
 * @param bans banned users
 * @param mutes muted members
 */
public record GroupTables(
    GroupRepository groups,
    GroupRoleRepository roles,
    GroupInviteRepository invites,
    GroupBanRepository bans,
    GroupMuteRepository mutes) {
  /** A fresh set of the repositories; invitations, timed bans and mutes end by {@code clock}. */
  public static GroupTables create(java.time.Clock clock) {
    return new GroupTables(
        new GroupRepository(),
        new GroupRoleRepository(),
        new GroupInviteRepository(clock),
        new GroupBanRepository(clock),
        new GroupMuteRepository(clock));
  }
}
