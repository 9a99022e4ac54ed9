package chat.cli.client;

import java.util.List;
import java.util.Objects;

/**
 * A notice that advises running a command, in a form that names none: what happened and to whom.
 * Each front end words the command in its own terms ({@code chat.cli.command.CommandWords#advised}:
 * {@code /trust bob} in the TUI and the line mode, {@code chat keys trust bob} for a script);
 * {@link #notice} is the wording of a listener that knows no commands. Names in it came from the
 * network: front ends pass the text through {@link chat.cli.TerminalSafe} like any notice.
 */
public sealed interface Advice {
  /** The conversation it belongs to; empty for a global notice. */
  String conversation();

  /** What happened, and what to do without naming a command. */
  String notice();

  /**
   * Whether it is a warning, which front ends show in their errors' style where the person is, not
   * as routine news: something now blocks what the person would do.
   */
  default boolean warning() {
    return false;
  }

  /**
   * The relay announced a new key for {@code user}: sending to them is blocked until the person
   * compares the safety number and accepts it. {@code back}: it is a key of theirs this client
   * pinned before and that was replaced since, which is what a relay holding that key, leaked,
   * would serve again.
   */
  record KeyChanged(String user, boolean back) implements Advice {
    /** Checks the field. */
    public KeyChanged {
      Objects.requireNonNull(user, "user");
    }

    /** A change to a key not pinned here before. */
    public KeyChanged(String user) {
      this(user, false);
    }

    @Override
    public String conversation() {
      return "";
    }

    /** A warning: sending to them is blocked. */
    @Override
    public boolean warning() {
      return true;
    }

    @Override
    public String notice() {
      return changed()
          + " Sending to them is blocked until you compare the safety number and accept it";
    }

    /** What changed, as the first sentence of every wording. */
    public String changed() {
      return back
          ? user
              + "'s key changed BACK to one of theirs that you accepted before and that was"
              + " replaced since (if they did not go back to it themselves, it may have leaked)."
          : user + "'s key changed.";
    }
  }

  /**
   * {@code sender} encrypted their last message in {@code conversation} to another set of members
   * than this client sees there: the person should look at the member list. {@code label} names the
   * conversation as the person does: a room by its id, a private one as {@code @bob}. When the
   * members are the ones this client sees but the keys of {@code otherKeys} are those the relay
   * lists, not the ones this client holds (the sender accepted a new key of theirs that this client
   * has not), the person should compare those members' safety numbers instead. When {@code
   * notListed}, the members are the ones this client sees, and {@code sender} is not among them.
   */
  record MembersDiffer(
      String conversation, String sender, String label, List<String> otherKeys, boolean notListed)
      implements Advice {
    /** Checks the fields. */
    public MembersDiffer {
      Objects.requireNonNull(conversation, "conversation");
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(label, "label");
      otherKeys = List.copyOf(otherKeys);
    }

    /** Another set of members, or the same with {@code otherKeys}. */
    public MembersDiffer(String conversation, String sender, String label, List<String> otherKeys) {
      this(conversation, sender, label, otherKeys, false);
    }

    /**
     * Sealed to the members this client sees (or saw lately), a list that does not name {@code
     * sender}: a member's own client seals to a list that names them, so the relay let in a message
     * from someone it does not list as a member.
     */
    public static MembersDiffer notListed(String conversation, String sender, String label) {
      return new MembersDiffer(conversation, sender, label, List.of(), true);
    }

    /** Another set of members. */
    public MembersDiffer(String conversation, String sender, String label) {
      this(conversation, sender, label, List.of());
    }

    /** In room {@code room}, named by its id. */
    public MembersDiffer(String room, String sender) {
      this(room, sender, room);
    }

    @Override
    public String notice() {
      if (notListed) {
        return sender
            + " encrypted their last message in "
            + label
            + " to the members you see, and "
            + sender
            + " is not one of them: the relay let in a message from someone it does not list as"
            + " a member";
      }
      if (!otherKeys.isEmpty()) {
        return sender
            + " encrypted their last message in "
            + label
            + " to the members you see, but to another key of "
            + String.join(", ", otherKeys)
            + " than the one you hold: a new key "
            + sender
            + " accepted, or one the relay gave them";
      }
      return sender
          + " encrypted their last message to a different set of members than you see in "
          + label;
    }
  }

  /**
   * The client stopped reconnecting because the relay holds another key for {@code user} than this
   * session's ({@code why} says which): the person should log in again.
   */
  record KeysReplaced(String user, String why) implements Advice {
    /**
     * How a {@code why} ends that already says to log in again (the keys were replaced in another
     * window of the profile): the notice then adds no second "log in again".
     */
    public static final String LOG_IN_TO_USE_THEM = "log in again to use them";

    /** Checks the fields. */
    public KeysReplaced {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(why, "why");
    }

    @Override
    public String conversation() {
      return "";
    }

    @Override
    public String notice() {
      return "stopped reconnecting, so that nothing more goes out under keys the relay no longer"
          + " holds: "
          + why
          + (why.endsWith(LOG_IN_TO_USE_THEM) ? "" : ". Then log in again");
    }
  }
}
