package chat.cli.command;

import chat.cli.CommandException;

/**
 * How advice in what a front end shows names a command: as a slash command in the TUI and the line
 * mode ({@code /join #team}), or as a {@code chat} command line in scripting, where {@code chat
 * listen} prints it and a command fails with it ({@code chat join team}: a room named with its
 * {@code #} would be a shell comment). The words around the command are the same in both.
 */
public enum CommandWords {
  /** The TUI and the line mode. */
  SLASH {
    @Override
    public String join(String room) {
      return "/join " + room;
    }

    @Override
    public String friend(String answer, String username) {
      return "/friend " + answer + " " + username;
    }

    @Override
    public String login(String user) {
      return "/login " + user;
    }
  },
  /** Scripting commands and {@code chat listen}. */
  SCRIPT {
    @Override
    public String join(String room) {
      return "chat join " + bare(room);
    }

    @Override
    public String friend(String answer, String username) {
      return "chat friend " + answer + " " + username;
    }

    @Override
    public String login(String user) {
      return "chat login --user " + user;
    }
  };

  /** The command that joins {@code room} (e.g. {@code #team}). */
  public abstract String join(String room);

  /** The command that gives {@code answer} ({@code accept}, {@code decline}) to a friend. */
  public abstract String friend(String answer, String username);

  /** The command that logs {@code user} in with the password. */
  public abstract String login(String user);

  /**
   * That the relay ended a session or refused its token, and how to log in again: {@code the
   * session for bob was ended … or has expired; log in again: /login bob}.
   */
  public String sessionEnded(CommandException.SessionEnded ended) {
    return ended.getMessage() + "; log in again: " + login(ended.user());
  }

  /** {@code room} without its leading {@code #}. */
  private static String bare(String room) {
    return room.startsWith("#") ? room.substring(1) : room;
  }
}
