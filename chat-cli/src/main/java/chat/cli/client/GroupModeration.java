package chat.cli.client;

import java.time.Duration;
import java.util.List;

/**
 * The owner's and admins' side of a {@link ChatClient}: creating, renaming and ending groups,
 * membership actions, bans, mutes, deletions and reports.
 */
public interface GroupModeration {
  /**
   * Creates a group: an invite-only room {@code #name} owned by this user, who joins it. Others
   * join after an invitation with {@link ChatClient#join}.
   */
  void createGroup(String name);

  /**
   * Reports {@code username} to the relay's operator, with {@code reason} (one line, 1 to 200
   * characters), and where they were seen: {@code conversation}, a room this user is in or their
   * private conversation with {@code username} (null for neither). The relay keeps the report in
   * its audit log, which only its operator reads; the user reported is not told. Returns the name
   * as registered.
   *
   * @throws chat.cli.CommandException.Usage if the reason is empty or not one line of at most 200
   *     characters, the relay is older than wire version 17, or the relay refuses the report (no
   *     such user, oneself, a conversation this user is not in)
   */
  String report(String username, String conversation, String reason);

  /**
   * Invites, kicks, bans, unbans, mutes, unmutes, promotes, demotes or hands ownership of group
   * {@code room} to {@code username}; the relay refuses what this user's role does not allow.
   */
  default void administer(String room, GroupAction action, String username) {
    administer(room, action, username, "");
  }

  /**
   * {@link #administer(String, GroupAction, String)}, telling the user and the members why: {@code
   * reason} (empty for none, at most 200 characters) goes with a kick, a ban or a mute.
   *
   * @throws chat.cli.CommandException.Usage if a reason goes with another action, is too long or
   *     has control characters, or the relay is older than wire version 10 (it cannot carry one)
   */
  void administer(String room, GroupAction action, String username, String reason);

  /**
   * Bans {@code username} from group {@code room} for {@code length} (whole minutes, 1 minute to
   * 365 days), after which the ban ends by itself; null for a ban until lifted. {@code reason} as
   * for {@link #administer(String, GroupAction, String, String)}.
   *
   * @throws chat.cli.CommandException.Usage if the length is out of range, or the relay is older
   *     than wire version 11 (it cannot end a ban by itself)
   */
  void ban(String room, String username, String reason, Duration length);

  /**
   * Mutes {@code username} in group {@code room}: they still read it, but the relay refuses their
   * messages and files there, until {@code length} (as for {@link #ban}; null: until lifted) ends
   * or {@link GroupAction#UNMUTE} lifts it. {@code reason} as for a ban.
   *
   * @throws chat.cli.CommandException.Usage if the length is out of range, or the relay is older
   *     than wire version 12 (it cannot mute)
   */
  void mute(String room, String username, String reason, Duration length);

  /**
   * Who is banned from group {@code room} (owner or admin), by whom, when and why, in order of the
   * banned users' lowercase names; every page of the relay's list is fetched.
   *
   * @throws chat.cli.CommandException.Usage if the relay is older than wire version 11 (it cannot
   *     list bans)
   */
  List<BanView> bans(String room);

  /** Most messages one deletion takes: {@code /delete} and {@code chat delete} say so. */
  int MAX_DELETE = 100;

  /**
   * Deletes the messages {@code messageIds} (1 to {@link #MAX_DELETE} ids of 32 hex digits, as
   * {@code chat listen --json} prints them) from {@code conversation} on the relay: this user's own
   * in any conversation they are in; in a group, as its owner or an admin, those of the members
   * this user outranks. All must be of one sender. Every member's client stops showing them ({@link
   * ClientListener#onDeleted}).
   *
   * @return what the relay deleted
   * @throws chat.cli.CommandException.Usage if an id is malformed, a message is not there or not
   *     this user's to delete, or the relay is older than wire version 13 (it cannot delete)
   */
  Deletion deleteMessages(String conversation, List<String> messageIds);

  /**
   * Deletes the newest {@code count} (1 to {@link #MAX_DELETE}) messages of {@code sender} among
   * the last 1000 of {@code conversation}, with {@link #deleteMessages}'s rules; fewer if there are
   * fewer, none if there are none.
   *
   * @return what the relay deleted (its ids empty if there was nothing to delete)
   */
  Deletion deleteNewest(String conversation, String sender, int count);

  /** Changes a group's display title (owner or admin); its id {@code #name} stays. */
  void renameGroup(String room, String title);

  /** Ends a group (owner only): everyone is removed and its stored messages are deleted. */
  void disbandGroup(String room);
}
