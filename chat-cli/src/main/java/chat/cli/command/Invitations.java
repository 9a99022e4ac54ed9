package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.client.ChatClient;
import chat.cli.client.GroupAction;
import chat.cli.client.InputRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Invitations to a group for several users at once ({@code /invite bob,carol,dave #team}, {@code
 * chat group invite team bob carol dave}): one request per user, in the order given. A refusal that
 * concerns one user (no such user, already a member, banned, holding too many invitations) is
 * reported and the next user is asked; one that concerns the request as a whole (not an admin, no
 * such group, the connection lost, too many requests) stops there, and the users not yet asked are
 * named.
 */
public final class Invitations {
  /** The most users one command invites: well inside a connection's burst of requests. */
  public static final int MAX_USERS = 50;

  private Invitations() {}

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

  /** What a front end says as {@link #inviteEach} goes. */
  public interface Progress {
    /** The relay invited {@code user}. */
    void invited(String user);

    /** The relay refused to invite {@code user}, for a reason of theirs: the next is asked. */
    void refused(String user, CommandException refusal);

    /** {@code notAsked} will not be asked: the failure thrown next concerns the whole request. */
    void stopped(List<String> notAsked);
  }

  /**
   * Invites each of {@code users} to group {@code room} in turn, telling {@code progress} of each.
   * A single user's refusal is thrown as it is.
   *
   * @throws CommandException the first failure that concerns the request as a whole, after {@code
   *     progress} heard who was not asked (when any are left); else, if any of several users were
   *     refused, a {@link CommandException.Usage} that counts them and names them
   */
  public static void inviteEach(
      ChatClient client, String room, List<String> users, Progress progress) {
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < users.size(); i++) {
      String user = users.get(i);
      try {
        client.administer(room, GroupAction.INVITE, user);
      } catch (CommandException e) {
        if (users.size() > 1 && concernsOneUser(e)) {
          refused.add(user);
          progress.refused(user, e);
          continue;
        }
        if (i + 1 < users.size()) {
          progress.stopped(users.subList(i + 1, users.size()));
        }
        throw e;
      }
      progress.invited(user);
    }
    if (!refused.isEmpty()) {
      throw new CommandException.Usage(
          refused.size() + " of " + users.size() + " not invited: " + named(refused));
    }
  }

  /** Whether {@code failure} of an invitation concerns the user invited, not the request. */
  static boolean concernsOneUser(CommandException failure) {
    if (failure instanceof CommandException.NoSuchUser) {
      return true;
    }
    // LIMIT_REACHED is also the group's own limit of pending invitations: then every user after
    // is refused the same way, each said, which is still true of each.
    return failure instanceof CommandException.Refused refused
        && switch (refused.code()) {
          case INVALID_TARGET, BANNED, LIMIT_REACHED -> true;
          default -> false;
        };
  }

  /** The line said before the failure that left {@code notAsked} out. */
  public static String notAsked(List<String> notAsked) {
    return "not invited, stopped by the failure below: " + named(notAsked);
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
