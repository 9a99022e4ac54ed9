package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.client.GroupAction;
import chat.cli.client.InputRules;
import chat.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A group action for several users at once ({@code /invite bob,carol,dave #team}, {@code /ban
 * mallory,eve #team 7d spam}, {@code chat group kick team bob carol}): one request per user, in the
 * order given. A refusal that concerns one user (no such user, already a member, not banned, an
 * admin whom only the owner may act on) is reported and the next user is asked; one that concerns
 * the request as a whole (not an admin, no such group, the connection lost, too many requests)
 * stops there, and the users not yet asked are named.
 */
public final class EachUser {
  /** The most users one command names: well inside a connection's burst of requests. */
  public static final int MAX_USERS = 50;

  private EachUser() {}

  /** Whether {@code action} takes a list of users; the owner's role changes take one. */
  public static boolean takesList(GroupAction action) {
    return switch (action) {
      case INVITE, KICK, BAN, UNBAN, MUTE, UNMUTE -> true;
      case TRANSFER, ADMIN, DEADMIN -> false;
    };
  }

  /**
   * The users of a comma-separated list as typed ({@code bob,@carol,dave}): each a valid username,
   * without its {@code @}, each once (the first spelling of a name kept), at most {@link
   * #MAX_USERS}.
   *
   * @throws CommandException.Usage for an empty entry, an invalid name or too many
   */
  public static List<String> users(List<String> typed) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String word : typed) {
      for (String entry : word.split(",", -1)) {
        if (entry.isEmpty()) {
          throw new CommandException.Usage(
              "a list of users is written without spaces or empty entries: bob,carol,dave");
        }
        String name = InputRules.username(entry);
        if (seen.add(name.toLowerCase(Locale.ROOT))) {
          out.add(name);
        }
      }
    }
    if (out.size() > MAX_USERS) {
      throw new CommandException.Usage(
          "at most " + MAX_USERS + " users at once (got " + out.size() + ")");
    }
    return out;
  }

  /** What a front end says as {@link #apply} goes. */
  public interface Progress {
    /** The relay made the change for {@code user}. */
    void done(String user);

    /** The relay refused the change for {@code user}, for a reason of theirs: the next is asked. */
    void refused(String user, CommandException refusal);

    /** {@code notAsked} will not be asked: the failure thrown next concerns the whole request. */
    void stopped(List<String> notAsked);
  }

  /**
   * Asks the relay for {@code action} on each of {@code users} in turn ({@code call} makes one
   * request), telling {@code progress} of each. A single user's refusal is thrown as it is.
   *
   * @throws CommandException the first failure that concerns the request as a whole, after {@code
   *     progress} heard who was not asked (when any are left); else, if any of several users were
   *     refused, a {@link CommandException.Usage} that counts them and names them
   */
  public static void apply(
      GroupAction action, List<String> users, Consumer<String> call, Progress progress) {
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      String user = users.get(i);
      try {
        call.accept(user);
      } catch (CommandException e) {
        if (users.size() > 1 && concernsOneUser(action, e)) {
          refused.add(user);
          progress.refused(user, e);
          continue;
        }
        // The client's own refusal of the first (a reason too long, a relay too old for it) is
        // the command's, before anything was asked: naming the others would read as if it were
        // theirs.
        boolean beforeAnything = i == 0 && code(e) == null && e instanceof CommandException.Usage;
        if (i + 1 < users.size() && !beforeAnything) {
          progress.stopped(users.subList(i + 1, users.size()));
        }
        throw e;
      }
      progress.done(user);
    }
    if (!refused.isEmpty()) {
      throw new CommandException.Usage(
          refused.size() + " of " + users.size() + " " + notDone(action) + ": " + named(refused));
    }
  }

  /** Whether {@code failure} of {@code action} concerns the user named, not the request. */
  static boolean concernsOneUser(GroupAction action, CommandException failure) {
    ErrorCode code = code(failure);
    if (code == null) {
      return false;
    }
    return switch (code) {
      case NO_SUCH_USER, INVALID_TARGET -> true;
      // LIMIT_REACHED is also the group's own limit of pending invitations: then every user after
      // is refused the same way, each said, which is still true of each.
      case BANNED, LIMIT_REACHED -> action == GroupAction.INVITE;
      // The relay says NOT_GROUP_OWNER of these only when an admin names the owner or another
      // admin: an admin may still act on the plain members of the list.
      case NOT_GROUP_OWNER ->
          action == GroupAction.KICK
              || action == GroupAction.BAN
              || action == GroupAction.MUTE
              || action == GroupAction.UNMUTE;
      default -> false;
    };
  }

  /**
   * The relay's error code behind {@code refusal}, for a script: {@code NO_SUCH_USER}, or the code
   * a refusal worded for people keeps; null for the client's own failures.
   */
  public static ErrorCode code(CommandException refusal) {
    if (refusal instanceof CommandException.NoSuchUser) {
      return ErrorCode.NO_SUCH_USER;
    }
    return refusal instanceof CommandException.Refused refused ? refused.code() : null;
  }

  /** The line said before the failure that left {@code notAsked} out. */
  public static String notAsked(GroupAction action, List<String> notAsked) {
    return notDone(action) + ", stopped by the failure below: " + named(notAsked);
  }

  /** How the users {@code action} was not carried out for are said: {@code not invited}. */
  static String notDone(GroupAction action) {
    return switch (action) {
      case INVITE -> "not invited";
      case KICK -> "not removed";
      case BAN -> "not banned";
      case UNBAN -> "not unbanned";
      case MUTE -> "not muted";
      case UNMUTE -> "not unmuted";
      case TRANSFER, ADMIN, DEADMIN ->
          throw new IllegalArgumentException(action + " takes one user");
    };
  }

  /** The users as one list in a line: {@code bob, carol and dave}. */
  public static String named(List<String> users) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < users.size(); i++) {
      if (i > 0) {
        out.append(i == users.size() - 1 ? " and " : ", ");
      }
      out.append(users.get(i)); // valid usernames: nothing to clean
    }
    return out.toString();
  }
}
