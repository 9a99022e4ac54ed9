package chat.cli.command;

import chat.cli.TerminalSafe;
import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.ChatMessage.Reply.Kind;
import chat.cli.client.ConversationLabel;
import chat.cli.client.Posted;
import chat.cli.emoji.Flags;
import chat.protocol.ConversationIds;
import chat.protocol.Usernames;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Turns messages into the text every front end shows: {@code HH:MM:SS} in local time, the sender,
 * and the text, all cleaned of control and escape sequences. The one place remote text is made
 * printable for the line mode and the TUI.
 */
public final class MessageFormatter {
  /** Sender and relay clocks further apart than this get a marker. */
  public static final long CLOCK_SKEW_MARK_MILLIS = 60_000;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");

  private final ZoneId zone;

  /** A formatter showing times in {@code zone}. */
  public MessageFormatter(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** {@code HH:MM:SS} of {@code epochMillis} in local time. */
  public String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
  }

  /** The local calendar day of {@code epochMillis}. */
  public LocalDate day(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
  }

  /** A date separator line such as {@code --- Sunday 29 November 2026 ---}. */
  public String daySeparator(LocalDate day) {
    return "--- " + DAY.format(day) + " ---";
  }

  /**
   * The time shown for a message or a file offer: the relay's store time, which every member sees
   * the same. When the sender's signed clock is more than a minute off, {@link #skewMark} says so.
   */
  public long shownTime(Posted message) {
    return message.storedAtMillis() > 0 ? message.storedAtMillis() : message.sentAtMillis();
  }

  /**
   * {@code " (sender clock 12:00:01)"} when the sender's clock and the relay's disagree by more
   * than a minute, else empty. When the sender's clock is on another day than the time shown, the
   * mark gives its date too, as the client writes dates elsewhere: {@code " (sender clock
   * 2026-11-29 09:16:49)"}, so that a clock a day off does not read as on time.
   */
  public String skewMark(Posted message) {
    if (message.storedAtMillis() <= 0
        || Math.abs(message.sentAtMillis() - message.storedAtMillis()) <= CLOCK_SKEW_MARK_MILLIS) {
      return "";
    }
    long sent = message.sentAtMillis();
    String date = day(sent).equals(day(shownTime(message))) ? "" : DATE.format(day(sent)) + " ";
    return " (sender clock " + date + time(sent) + ")";
  }

  /**
   * The sender as shown, cleaned: {@code <alice>}, or {@code * alice} before an action ({@code /me
   * waves} shows {@code * alice waves}), {@code * alice reacts} before a reaction's emoji.
   */
  public String sender(ChatMessage message) {
    String name = TerminalSafe.line(message.sender());
    if (message.reply() != null && message.reply().reaction()) {
      return "* " + name + " reacts";
    }
    return message.action() ? "* " + name : "<" + name + ">";
  }

  /** What a received message that would show nothing (only accents, spaces, joiners) shows. */
  public static final String SHOWS_NOTHING = "(a message that shows nothing)";

  /** The most blank lines in a row a message shows. */
  static final int MAX_BLANK_LINES = 2;

  /** The most lines of one message shown; {@code --json} has the rest. */
  static final int MAX_LINES = 200;

  /**
   * The message text, cleaned; newlines kept, but at most {@value #MAX_BLANK_LINES} blank lines in
   * a row and {@value #MAX_LINES} lines in all, then a line saying how many more there are: one
   * message of thousands of line breaks would push everything before it, a warning of the client's
   * too, out of the terminal's scrollback. A text that would show nothing ({@link
   * TerminalSafe#showsNothing}), which this client refuses to send but an older or hostile one may
   * not, shows as {@value #SHOWS_NOTHING} instead of a blank line. A flag beside a letter or digit
   * gets a space between them ({@link Flags}), which terminals need to draw both.
   */
  public String text(ChatMessage message) {
    if (TerminalSafe.showsNothing(message.text())) {
      return SHOWS_NOTHING;
    }
    return bounded(Flags.spaced(TerminalSafe.text(message.text())));
  }

  private static String bounded(String text) {
    if (text.indexOf('\n') < 0) {
      return text;
    }
    String[] lines = text.split("\n", -1);
    StringBuilder shown = new StringBuilder(text.length());
    int kept = 0;
    int blankRun = 0;
    int rest = 0;
    for (String line : lines) {
      blankRun = TerminalSafe.showsNothing(line) ? blankRun + 1 : 0;
      if (blankRun > MAX_BLANK_LINES) {
        continue;
      }
      if (kept == MAX_LINES) {
        rest++;
        continue;
      }
      shown.append(kept == 0 ? "" : "\n").append(line);
      kept++;
    }
    if (rest > 0) {
      shown
          .append("\n(")
          .append(String.format(Locale.ROOT, "%,d", rest))
          .append(rest == 1 ? " more line" : " more lines")
          .append(" not shown: chat history --json has the whole message)");
    }
    return shown.toString();
  }

  /**
   * What a reply shows before its sender, cleaned, with a space after it: {@code (re bob: "deploy
   * at noon, ok?") } with the start of the answered message as this client holds it ({@code (re *
   * bob: "waves") } for an action), {@code (re bob: a deleted message) } or {@code (re a deleted
   * message) } once it is deleted, {@code (re bob) } when its text is not to be quoted, {@code (re
   * an earlier message) } when this client does not hold it; empty for a message that is no reply.
   * An edit shows {@link #editMark}; a reaction shows what it is on as a reply does. It stands
   * before the sender, where no text of a message can reach, and the quote has no {@code "} of its
   * own (each becomes {@code '}), so that a quoted message cannot end the quote early and pass what
   * follows for the reply's own words.
   */
  public String replyMark(ChatMessage message) {
    ChatMessage.Reply reply = message.reply();
    if (reply == null) {
      return "";
    }
    if (reply.edit()) {
      return editMark(reply);
    }
    if (!reply.known()) {
      return reply.deleted() ? "(re a deleted message) " : "(re a message not shown here) ";
    }
    String who = otherUser(reply.sender());
    if (reply.deleted()) {
      return "(re "
          + who
          + ": a deleted "
          + (reply.kind() == Kind.FILE ? "file offer" : "message")
          + ") ";
    }
    if (reply.excerpt().isEmpty()) {
      return "(re " + who + ") ";
    }
    String quoted = quoted(reply);
    return switch (reply.kind()) {
      case TEXT -> "(re " + who + ": " + quoted + ") ";
      case ACTION -> "(re * " + who + " " + quoted + ") ";
      case FILE -> "(re " + who + "'s file " + quoted + ") ";
    };
  }

  /**
   * What an edit shows before its sender: {@code (edit of "deploy at noon, ok?") } with the start
   * of the message it corrects as this client holds it ({@code (edit of * "waves") } for an
   * action), {@code (edit of a deleted message) }, or {@code (edit of a message not shown here) }
   * when this client holds no message of the editor's under that id. The quote is made as {@link
   * #replyMark}'s.
   */
  private static String editMark(ChatMessage.Reply edited) {
    if (edited.deleted()) {
      return "(edit of a deleted message) ";
    }
    if (!edited.known()) {
      return "(edit of a message not shown here) ";
    }
    if (edited.excerpt().isEmpty()) {
      return "(edit) ";
    }
    return "(edit of " + (edited.kind() == Kind.ACTION ? "* " : "") + quoted(edited) + ") ";
  }

  /**
   * The excerpt of {@code reply}, quoted: {@code "} around it, and each {@code "} in it a {@code
   * '}.
   */
  private static String quoted(ChatMessage.Reply reply) {
    return TerminalSafe.showsNothing(reply.excerpt())
        ? SHOWS_NOTHING
        : "\""
            + Flags.spaced(TerminalSafe.line(reply.excerpt().replace('\n', ' '))).replace('"', '\'')
            + "\"";
  }

  /**
   * One plain line: {@code 12:00:01 <alice> hello}, with a reply's mark before the sender ({@code
   * 12:00:01 (re bob: "noon?") <alice> sure}) and the skew mark if any.
   */
  public String line(ChatMessage message) {
    return time(shownTime(message))
        + " "
        + replyMark(message)
        + sender(message)
        + " "
        + text(message).replace("\n", "\n    ")
        + skewMark(message);
  }

  /**
   * A conversation as shown, cleaned: rooms as {@code #name}, direct ones as {@code @other} (see
   * {@link ConversationLabel}).
   */
  public static String conversationLabel(String conversation, String self) {
    return TerminalSafe.line(ConversationLabel.of(conversation, self));
  }

  /**
   * As {@link #conversationLabel(String, String)}, the other party of a private conversation
   * spelled as registered where {@code spelling} knows it ({@link ChatClient#spelling}).
   */
  public static String conversationLabel(
      String conversation, String self, UnaryOperator<String> spelling) {
    return TerminalSafe.line(ConversationLabel.of(conversation, self, spelling));
  }

  /** {@code conversation} as {@code client}'s user names it, cleaned ({@link ChatClient#label}). */
  public static String conversationLabel(ChatClient client, String conversation) {
    return TerminalSafe.line(client.label(conversation));
  }

  /**
   * Said when a reconnect finds this user no longer in {@code conversation}: the relay's list does
   * not say why, so the line names every way it can have happened while this device was offline.
   */
  public static String noLongerIn(
      String conversation, String self, UnaryOperator<String> spelling) {
    String why =
        ConversationIds.isDirect(conversation)
            ? "closed on another device"
            : "left on another device, removed, or the group disbanded";
    return "you are no longer in "
        + conversationLabel(conversation, self, spelling)
        + " ("
        + why
        + " while this device was offline)";
  }

  /**
   * Another user's name as a line about what they did says it, cleaned for the terminal; quoted
   * ({@code "You" removed bob from #ops}) when it reads as the word these lines use for the reader
   * ({@link Usernames#isReserved}): an account so named before the rule, or one a relay makes up,
   * must not pass for the reader.
   */
  public static String otherUser(String username) {
    String name = TerminalSafe.line(username);
    return Usernames.isReserved(username) ? "\"" + name + "\"" : name;
  }

  /**
   * A membership change as a line says it: {@code bob joined #rust}, {@code you left #rust}, and
   * {@code you closed @bob} or {@code you opened @bob} for a private conversation (which only this
   * user changes, on another device: no one else's change of one is announced).
   */
  public static String membership(
      String conversation,
      String username,
      boolean joined,
      String self,
      UnaryOperator<String> spelling) {
    String who = username.equalsIgnoreCase(self == null ? "" : self) ? "you" : otherUser(username);
    return who
        + " "
        + membershipVerb(conversation, joined)
        + " "
        + conversationLabel(conversation, self, spelling);
  }

  /**
   * The verb of a membership change: a room is joined or left, a private conversation opened or
   * closed.
   */
  private static String membershipVerb(String conversation, boolean joined) {
    if (ConversationIds.isDirect(conversation)) {
      return joined ? "opened" : "closed";
    }
    return joined ? "joined" : "left";
  }
}
