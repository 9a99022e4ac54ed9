package chat.cli.command;

import chat.cli.CommandException;
import chat.protocol.ConversationIds;

/**
 * How advice in what a front end shows names a command: as a slash command in the TUI and the line
 * mode ({@code /join #team}), or as a {@code chat} command line in scripting, where {@code chat
 * listen} prints it and a command fails with it ({@code chat join team}: a room named with its
 * {@code #} would be a shell comment). The words around the command are the same in both.
 */
public enum CommandWords {
  /** The TUI and the line mode. */
  SLASH,
  /** Scripting commands and {@code chat listen}. */
  SCRIPT;

  /** How a command takes what it names. */
  private enum Naming {
    /** As it is, in both modes. */
    AS_IT_IS,
    /** A conversation: on a command line a room without its {@code #}. */
    CONVERSATION,
    /**
     * A conversation that a slash command leaves out, since it is typed in that conversation's
     * pane; on a command line as {@link #CONVERSATION}.
     */
    CONVERSATION_HERE
  }

  /** The commands advice names, one row each: the slash command, the command line, the naming. */
  private enum Command {
    JOIN("/join", "chat join", Naming.CONVERSATION),
    DECLINE("/decline", "chat group decline", Naming.CONVERSATION),
    FRIEND("/friend", "chat friend", Naming.AS_IT_IS),
    LOGIN("/login", "chat login --user", Naming.AS_IT_IS),
    SAFETY("/safety", "chat keys safety", Naming.AS_IT_IS),
    TRUST("/trust", "chat keys trust", Naming.AS_IT_IS),
    PASSWD("/passwd", "chat passwd", Naming.AS_IT_IS),
    FILES("/files", "chat files", Naming.AS_IT_IS),
    MEMBERS("/members", "chat members", Naming.CONVERSATION),
    MEMBERS_HERE("/members", "chat members", Naming.CONVERSATION_HERE),
    HISTORY("/history", "chat history", Naming.CONVERSATION);

    private final String slash;
    private final String script;
    private final Naming naming;

    Command(String slash, String script, Naming naming) {
      this.slash = slash;
      this.script = script;
      this.naming = naming;
    }

    /** This command in {@code mode}'s words, naming {@code arguments}. */
    String in(CommandWords mode, String... arguments) {
      if (mode == SLASH && naming == Naming.CONVERSATION_HERE) {
        return slash;
      }
      StringBuilder line = new StringBuilder(mode == SLASH ? slash : script);
      boolean bare = mode == SCRIPT && naming != Naming.AS_IT_IS;
      for (String argument : arguments) {
        line.append(' ').append(bare ? bare(argument) : argument);
      }
      return line.toString();
    }

    /** {@code room} without its leading {@code #}. */
    private static String bare(String room) {
      return room.startsWith("#") ? room.substring(1) : room;
    }
  }

  /**
   * What a group created as {@code typed} adds to the line that says it was created when the room
   * id is {@code room}, its lower case: that names are lower case, and the command that shows the
   * typed name as the title ({@code /rename Crew3}); else nothing.
   */
  public String lowerCased(String typed, String room) {
    String name = typed.startsWith("#") ? typed.substring(1) : typed;
    if (!ConversationIds.isRoom(room)
        || ("#" + name).equals(room)
        || !("#" + name).equalsIgnoreCase(room)) {
      return "";
    }
    String rename =
        this == SLASH ? "/rename " + name : "chat group rename " + room.substring(1) + " " + name;
    return " (room names are lower case; " + rename + " sets the title shown)";
  }

  /** The command that joins {@code room} (e.g. {@code #team}). */
  public String join(String room) {
    return Command.JOIN.in(this, room);
  }

  /** The command that declines this user's invitation to {@code room} (e.g. {@code #team}). */
  public String decline(String room) {
    return Command.DECLINE.in(this, room);
  }

  /** The command that gives {@code answer} ({@code accept}, {@code decline}) to a friend. */
  public String friend(String answer, String username) {
    return Command.FRIEND.in(this, answer, username);
  }

  /** The command that logs {@code user} in with the password. */
  public String login(String user) {
    return Command.LOGIN.in(this, user);
  }

  /** The command that shows the safety number to compare with {@code user}. */
  public String safety(String user) {
    return Command.SAFETY.in(this, user);
  }

  /** The command that accepts the changed key of {@code user}. */
  public String trust(String user) {
    return Command.TRUST.in(this, user);
  }

  /** The command that changes the account password. */
  public String passwd() {
    return Command.PASSWD.in(this);
  }

  /** The command that lists the files offered and sent, with their ids. */
  public String files() {
    return Command.FILES.in(this);
  }

  /** The command that lists the members of {@code conversation}. */
  public String members(String conversation) {
    return Command.MEMBERS.in(this, conversation);
  }

  /**
   * The command that lists the members of {@code conversation} in advice shown there: in the TUI
   * and the line mode, where that is the conversation's pane, without naming it.
   */
  public String membersHere(String conversation) {
    return Command.MEMBERS_HERE.in(this, conversation);
  }

  /**
   * The command that shows the recent history of the conversation labelled {@code label} ({@code
   * #ops}, or {@code @bob} for a private one).
   */
  public String history(String label) {
    return Command.HISTORY.in(this, label);
  }

  /**
   * What a front end says for {@code advice}: its notice with the command to run in this mode's
   * words, e.g. {@code bob's key changed. Sending to them is blocked until you compare the safety
   * number (/safety bob) and accept it with /trust bob}.
   */
  public String advised(chat.cli.client.Advice advice) {
    if (advice instanceof chat.cli.client.Advice.KeyChanged changed) {
      String user = changed.user();
      return changed.changed()
          + " Sending to them is blocked until you compare the safety number ("
          + safety(user)
          + ") and accept it with "
          + trust(user);
    }
    if (advice instanceof chat.cli.client.Advice.MembersDiffer differ) {
      if (!differ.otherKeys().isEmpty()) {
        return differ.notice()
            + ". Compare safety numbers with "
            + differ.otherKeys().stream()
                .map(user -> user + " (" + safety(user) + ")")
                .collect(java.util.stream.Collectors.joining(", "))
            + ", and ask "
            + differ.sender()
            + " to do the same";
      }
      return differ.notice() + ": check " + membersHere(differ.label());
    }
    chat.cli.client.Advice.KeysReplaced replaced = (chat.cli.client.Advice.KeysReplaced) advice;
    return replaced.notice() + " (" + login(replaced.user()) + ")";
  }

  /**
   * What a front end says for {@code failure}: its message, with the commands that resolve it added
   * in this mode's words when its message names none ({@link CommandException.SessionEnded}, {@link
   * CommandException.KeysChanged}, {@link CommandException.MembersUnannounced}, {@link
   * CommandException.FileIdRefused}).
   */
  public String said(CommandException failure) {
    if (failure instanceof CommandException.SessionEnded ended) {
      return sessionEnded(ended);
    }
    if (failure instanceof CommandException.KeysChanged changed) {
      return keysChanged(changed);
    }
    if (failure instanceof CommandException.MembersUnannounced unannounced) {
      return unannounced.getMessage()
          + ". Check "
          + members(unannounced.label())
          + "; send again to encrypt to them too";
    }
    if (failure instanceof CommandException.FileIdRefused refused) {
      return refused.getMessage() + " (" + files() + " lists them)";
    }
    return failure.getMessage();
  }

  /**
   * That changed keys stopped a command, and how to compare and accept them: {@code the key of bob
   * changed; nothing was sent. Compare the safety number (/safety bob), then /trust bob to accept
   * the new key}.
   */
  public String keysChanged(CommandException.KeysChanged changed) {
    java.util.List<String> users = changed.users();
    if (changed.stopped() == CommandException.KeysChanged.Stopped.VERIFYING) {
      return changed.getMessage() + ": accept it with " + trust(users.get(0)) + " before verifying";
    }
    if (users.size() == 1) {
      String name = users.get(0);
      return changed.getMessage()
          + ". Compare the safety number ("
          + safety(name)
          + "), then "
          + trust(name)
          + " to accept the new key";
    }
    return changed.getMessage()
        + ". Compare each safety number ("
        + String.join(", ", users.stream().map(this::safety).toList())
        + "), then accept the new keys ("
        + String.join(", ", users.stream().map(this::trust).toList())
        + ")";
  }

  /**
   * That messages are held, and how to read them: {@code a message from bob is signed with a new
   * key you have not accepted; it is held. Compare the safety number (/safety bob), then /trust bob
   * to read it}.
   */
  public String held(chat.cli.client.HeldMessages held) {
    String sender = held.sender();
    return held.notice()
        + ". Compare the safety number ("
        + safety(sender)
        + "), then "
        + trust(sender)
        + " to read "
        + (held.count() == 1 ? "it" : "them");
  }

  /**
   * What was counted past the notices of one kind a conversation says in a row (or past the
   * conversations that say notices), and, for messages left out or held in one conversation, where
   * to look: {@code 12 more messages were left out; they are not shown (see /history @bob)}.
   *
   * @param self this user's name, to label a private conversation with the other party's; null if
   *     not known
   * @param spelling the other party's name as registered, from its lowercase key
   */
  public String unsaid(
      chat.cli.client.LiveNoticeCap.Counted counted,
      String self,
      java.util.function.UnaryOperator<String> spelling) {
    if (counted instanceof chat.cli.client.LiveNoticeCap.Unsaid unsaid) {
      chat.cli.client.LiveNoticeCap.Kind kind = unsaid.kind();
      if (kind == chat.cli.client.LiveNoticeCap.Kind.LEFT_OUT
          || kind == chat.cli.client.LiveNoticeCap.Kind.HELD) {
        return unsaid.notice()
            + " (see "
            + history(MessageFormatter.conversationLabel(unsaid.conversation(), self, spelling))
            + ")";
      }
    }
    return counted.notice();
  }

  /**
   * That the relay ended a session or refused its token, and how to log in again: {@code the
   * session for bob was ended … or has expired; log in again: /login bob}. Of a suspended account
   * only what the relay said: logging in again cannot help.
   */
  public String sessionEnded(CommandException.SessionEnded ended) {
    if (ended.suspended()) {
      return ended.getMessage();
    }
    return ended.getMessage() + "; log in again: " + login(ended.user());
  }
}
