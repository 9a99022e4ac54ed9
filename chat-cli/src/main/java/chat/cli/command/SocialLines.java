package chat.cli.command;

import chat.cli.TerminalSafe;
import chat.cli.client.Deletion;
import chat.cli.client.FriendAction;
import chat.cli.client.FriendUpdate;
import chat.cli.client.Friendship;
import chat.cli.client.GroupUpdate;
import chat.cli.client.MemberRole;
import chat.cli.client.MemberView;
import chat.cli.client.Presence;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The words every front end shows for presence, roles, group changes and friend requests, e.g.
 * {@code alice removed bob from #team} or {@code bob is away: lunch}. Every remote string is
 * cleaned here with {@link TerminalSafe}.
 */
public final class SocialLines {
  private SocialLines() {}

  /** {@code online}, {@code offline}, {@code away}, or {@code away: MESSAGE}. */
  public static String presence(Presence presence) {
    return switch (presence.status()) {
      case ONLINE -> "online";
      case OFFLINE -> "offline";
      case AWAY ->
          presence.message().isEmpty() ? "away" : "away: " + TerminalSafe.line(presence.message());
    };
  }

  /** {@code owner}, {@code admin}, or empty for a plain member. */
  public static String role(MemberRole role) {
    return switch (role) {
      case OWNER -> "owner";
      case ADMIN -> "admin";
      case MEMBER -> "";
    };
  }

  /** What the end of one's own mute adds for a member of the group. */
  private static final String POST_AGAIN = ": you may post again";

  /** The mark before a name in member lists, as in IRC: {@code ~} owner, {@code @} admin. */
  public static String roleMark(MemberRole role) {
    return switch (role) {
      case OWNER -> "~";
      case ADMIN -> "@";
      case MEMBER -> "";
    };
  }

  /**
   * A presence change: came online, is back (after being away), is away (with the message), went
   * offline.
   */
  public static String presenceChange(String username, Presence presence, boolean wasAway) {
    String name = MessageFormatter.otherUser(username);
    return switch (presence.status()) {
      case ONLINE -> name + (wasAway ? " is back" : " came online");
      case OFFLINE -> name + " went offline";
      case AWAY -> name + " is " + presence(presence);
    };
  }

  /**
   * A group change named with who made it, from {@code self}'s point of view; an invitation to
   * {@code self} says how to enter and how to decline in {@code words}.
   */
  public static String group(GroupUpdate update, String self, CommandWords words) {
    return group(update, self, words, true);
  }

  /**
   * As {@link #group(GroupUpdate, String, CommandWords)}; {@code member} says whether {@code self}
   * is a member of the group, so that the end of a mute of someone banned or gone since does not
   * say they may post again.
   */
  public static String group(GroupUpdate update, String self, CommandWords words, boolean member) {
    String actor = who(update.actor(), self);
    String target = who(update.target(), self);
    String room = TerminalSafe.line(update.conversation());
    boolean me = isSelf(update.target(), self);
    boolean byMe = isSelf(update.actor(), self);
    return switch (update.kind()) {
      case INVITED ->
          actor
              + " invited "
              + target
              + " to "
              + room
              + (me
                  ? ": " + words.join(room) + " to enter or " + words.decline(room) + " to decline"
                  : "")
              + (byMe ? " (they join with " + words.join(room) + ")" : "");
      case UNINVITED ->
          update.declined()
              ? actor + " declined the invitation to " + room
              : actor + " withdrew " + possessive(target) + " invitation to " + room;
      case KICKED -> actor + " removed " + target + " from " + room + because(update);
      case BANNED ->
          actor + " banned " + target + " from " + room + untilThen(update) + because(update);
      case UNBANNED -> actor + " lifted the ban on " + target + " in " + room;
      case MUTED ->
          actor
              + " muted "
              + target
              + " in "
              + room
              + untilThen(update)
              + because(update)
              + (me ? ": you read it but cannot post there" : "");
      case UNMUTED ->
          actor + " unmuted " + target + " in " + room + (me && member ? POST_AGAIN : "");
      case MUTE_ENDED ->
          (me ? "your" : possessive(target))
              + " mute in "
              + room
              + " has ended"
              + (me && member ? POST_AGAIN : "");
      case ADMIN -> actor + " made " + target + " an admin of " + room;
      case DEADMIN -> actor + " made " + target + " a plain member of " + room;
      case TRANSFERRED ->
          actor
              + " handed "
              + room
              + " over to "
              + target
              + (me ? ": you own it now" : "")
              + (byMe ? "; you are an admin now" : "");
      case RENAMED -> actor + " renamed " + room + " to " + TerminalSafe.quoted(update.title());
      case DISBANDED -> actor + " disbanded " + room;
    };
  }

  /**
   * The width of the names' column of a list of {@code usernames} as shown: the longest, at most
   * {@link #MAX_NAME_COLUMN} (a name is at most 32 characters; one a relay made up longer is not
   * allowed to push every row's columns out).
   */
  static int nameWidth(List<String> usernames) {
    return usernames.stream()
        .mapToInt(name -> TerminalSafe.line(name).length())
        .map(length -> Math.min(length, MAX_NAME_COLUMN))
        .max()
        .orElse(0);
  }

  /** {@code name} followed by spaces up to {@code width} characters. */
  static String padded(String name, int width) {
    return name.length() >= width ? name : name + " ".repeat(width - name.length());
  }

  /** The widest the names' column of a list is. */
  private static final int MAX_NAME_COLUMN = 32;

  /**
   * {@code muted}, {@code muted until 12 Dec 14:05} (local time) for a timed mute, or empty for a
   * member who is not muted (or whose timed mute has ended since the list was fetched).
   */
  public static String muted(MemberView member) {
    return mutedWords(member, member.mutedAt(Instant.now()));
  }

  /**
   * {@link #muted(MemberView)} as the relay listed the member, whatever this machine's clock says
   * of the mute's end: for a list fetched just before it is printed, where the relay, which lists
   * only the mutes in force by its clock and enforces them, is right and a clock ahead is not.
   */
  public static String mutedAsListed(MemberView member) {
    return mutedWords(member, member.muted());
  }

  private static String mutedWords(MemberView member, boolean muted) {
    if (!muted) {
      return "";
    }
    return member.mutedUntil() == null
        ? "muted"
        : "muted until " + BanText.when(member.mutedUntil());
  }

  /** When a timed ban or mute ends ({@code until 12 Dec 14:05}, local time), or nothing. */
  private static String untilThen(GroupUpdate update) {
    return update.until() == null ? "" : " until " + BanText.when(update.until());
  }

  /** The reason the actor gave, quoted ({@code (“being rude”)}), or nothing. */
  private static String because(GroupUpdate update) {
    return update.reason().isEmpty() ? "" : " (" + TerminalSafe.quoted(update.reason()) + ")";
  }

  /**
   * A friend request, answer or removal by {@code username}; a request says how to answer it in
   * {@code words}.
   */
  public static String friend(String username, FriendUpdate update, CommandWords words) {
    String name = MessageFormatter.otherUser(username);
    String typed = TerminalSafe.line(username);
    return switch (update) {
      case REQUESTED ->
          name
              + " wants to be your friend: "
              + words.friend("accept", typed)
              + " or "
              + words.friend("decline", typed);
      case ACCEPTED -> name + " accepted your friend request";
      case DECLINED -> name + " declined your friend request";
      case REMOVED -> name + " ended your friendship (or withdrew their request)";
      case OWN_REQUESTED -> "another device of yours sent " + name + " a friend request";
      case OWN_ACCEPTED ->
          "another device of yours accepted " + possessive(name) + " friend request";
      case OWN_DECLINED ->
          "another device of yours declined " + possessive(name) + " friend request";
      case OWN_REMOVED ->
          "another device of yours ended your friendship with "
              + name
              + " (or withdrew your request)";
    };
  }

  /**
   * What a friend command that left {@code username} and this user neither friends nor asking did,
   * given where the two stood {@code before} it: a request declined or withdrawn, or a friendship
   * ended.
   */
  public static String friendEnded(String username, FriendAction action, Friendship before) {
    String name = TerminalSafe.line(username);
    if (action == FriendAction.DECLINE) {
      return "declined " + name + "'s friend request";
    }
    if (before == Friendship.REQUEST_SENT) {
      return "withdrew your friend request to " + name;
    }
    return name + " is not your friend any more";
  }

  /**
   * A deletion from {@code self}'s point of view: {@code alice deleted 3 of bob's messages in
   * #team}, {@code you deleted your message in @bob}; for one that found nothing to delete, {@code
   * no messages from you among the last 1000 in #team}.
   */
  public static String deleted(Deletion deletion, String self, UnaryOperator<String> spelling) {
    String where =
        " in " + MessageFormatter.conversationLabel(deletion.conversation(), self, spelling);
    String actor = who(deletion.actor(), self);
    String sender = who(deletion.sender(), self);
    int count = deletion.messageIds().size();
    if (count == 0) {
      return "no messages from " + sender + " among the last 1000" + where;
    }
    String whose =
        deletion.bySender() ? (actor.equals("you") ? "your" : "their") : possessive(sender);
    return actor
        + " deleted "
        + (count == 1 ? whose + " message" : count + " of " + whose + " messages")
        + where;
  }

  private static boolean isSelf(String username, String self) {
    return self != null && !username.isEmpty() && username.equalsIgnoreCase(self);
  }

  private static String who(String username, String self) {
    return isSelf(username, self) ? "you" : MessageFormatter.otherUser(username);
  }

  private static String possessive(String name) {
    return name.equals("you") ? "your" : name + "'s";
  }
}
