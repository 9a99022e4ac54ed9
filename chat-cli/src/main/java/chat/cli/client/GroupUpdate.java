package chat.cli.client;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A change to a group, named with who made it ({@link ClientListener#onGroupUpdate}). Every string
 * came from the network: display it through {@link chat.cli.TerminalSafe}.
 *
 * @param conversation the group's room id
 * @param actor who made the change; empty for {@link Kind#MUTE_ENDED}
 * @param kind what happened
 * @param target the user it happened to; empty for {@link Kind#RENAMED} and {@link Kind#DISBANDED}
 * @param title the new title for {@link Kind#RENAMED}, else empty
 * @param reason why, as the actor gave it, for {@link Kind#KICKED}, {@link Kind#BANNED} and {@link
 *     Kind#MUTED}; else empty
 * @param until when a {@link Kind#BANNED} ban or a {@link Kind#MUTED} mute ends by itself; null for
 *     one until lifted, and for every other kind
 */
public record GroupUpdate(
    String conversation,
    String actor,
    Kind kind,
    String target,
    String title,
    String reason,
    Instant until) {
  /** What happened. */
  public enum Kind {
    /** The target was invited. */
    INVITED,
    /** The target's invitation was withdrawn, or declined by the target ({@link #declined()}). */
    UNINVITED,
    /** The target was removed. */
    KICKED,
    /** The target was banned (and removed, if a member). */
    BANNED,
    /** The target's ban was lifted. */
    UNBANNED,
    /** The target may read the group but not post to it. */
    MUTED,
    /** The target may post to the group again. */
    UNMUTED,
    /**
     * The target's timed mute has ended by itself. The relay sends no such change: this user's own
     * client says it of this user, by its own clock, at the end the mute was given ({@link
     * #muteEnded}); the actor is empty.
     */
    MUTE_ENDED,
    /** The target became an admin. */
    ADMIN,
    /** The target is no longer an admin. */
    DEADMIN,
    /** The target became the owner; the actor, the old owner, is an admin now. */
    TRANSFERRED,
    /** The group has a new display title. */
    RENAMED,
    /** The group is gone, with its stored messages. */
    DISBANDED
  }

  /** Checks for nulls. */
  public GroupUpdate {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(reason, "reason");
  }

  /** A change that does not end by itself. */
  public GroupUpdate(
      String conversation, String actor, Kind kind, String target, String title, String reason) {
    this(conversation, actor, kind, target, title, reason, null);
  }

  /** A change without a reason. */
  public GroupUpdate(String conversation, String actor, Kind kind, String target, String title) {
    this(conversation, actor, kind, target, title, "", null);
  }

  /** This user's ({@code username}'s) timed mute in {@code group} has ended by itself. */
  public static GroupUpdate muteEnded(String group, String username) {
    return new GroupUpdate(group, "", Kind.MUTE_ENDED, username, "");
  }

  /** Whether this mutes the target, lifts their mute, or says that it ended. */
  public boolean changesMute() {
    return kind == Kind.MUTED || kind == Kind.UNMUTED || kind == Kind.MUTE_ENDED;
  }

  /**
   * Whether the target declined their own invitation: the relay reports it as {@link
   * Kind#UNINVITED} naming the invitee as both actor and target.
   */
  public boolean declined() {
    return kind == Kind.UNINVITED && actor.equalsIgnoreCase(target);
  }

  /** Whether this takes {@code username} out of the group (kicked, banned, or disbanded). */
  public boolean removes(String username) {
    if (kind == Kind.DISBANDED) {
      return true;
    }
    boolean removal = kind == Kind.KICKED || kind == Kind.BANNED;
    return removal && target.toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT));
  }
}
