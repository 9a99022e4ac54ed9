package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import chat.cli.client.BanView;
import chat.protocol.GroupMemberRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A group's bans as a table, the same for {@code /bans} and {@code chat group bans}. */
public final class BanText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
  private static final DateTimeFormatter UNTIL =
      DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter UNTIL_YEAR =
      DateTimeFormatter.ofPattern("d MMM uuuu HH:mm", Locale.ENGLISH);

  private BanText() {}

  /** A length of a timed ban as typed: whole minutes, hours, days or weeks, in lower case. */
  private static final Pattern LENGTH = Pattern.compile("([0-9]{1,6})([mhdw])");

  /**
   * What a person may have meant as a length: a word that starts with a digit of any script, or
   * with a sign and then one ({@code 1.5h}, {@code 2y}, {@code 90}, {@code -1h}, a full-width
   * {@code 3h}). Such a word where a time may stand is a time or a mistake, never the first word of
   * a reason: a mistyped time must not make a ban that never ends.
   */
  private static final Pattern LENGTH_LIKE = Pattern.compile("[+-]?\\p{Nd}.*");

  /** Whether {@code word} is a length this client takes ({@code 90m}, {@code 7d}, ...). */
  static boolean isLength(String word) {
    return LENGTH.matcher(word).matches();
  }

  /** Whether {@code word} looks like a length, taken or not ({@link #LENGTH_LIKE}). */
  public static boolean looksLikeLength(String word) {
    return LENGTH_LIKE.matcher(word).matches();
  }

  /**
   * The length of a timed ban as typed ({@code 90m}, {@code 12h}, {@code 7d}, {@code 2w}; the unit
   * in lower case, as {@code M} would read as months), 1 minute to 365 days.
   *
   * @throws CommandException.Usage naming the forms that are taken
   */
  public static Duration length(String typed) {
    Matcher m = LENGTH.matcher(typed.strip());
    Duration length = null;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      length =
          switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
          };
    }
    if (length == null
        || length.toMinutes() < 1
        || length.toMinutes() > GroupMemberRequest.MAX_BAN_MINUTES) {
      throw new CommandException.Usage(
          "a ban or mute lasts 1 minute to 365 days: a whole number and m, h, d or w (90m, 12h,"
              + " 7d, 2w), not '"
              + TerminalSafe.line(typed)
              + "'");
    }
    return length;
  }

  /** {@code until} rounded up to the minute: by the minute shown, the ban or mute has ended. */
  private static Instant roundedUp(Instant until) {
    Instant minute = until.truncatedTo(ChronoUnit.MINUTES);
    return minute.isBefore(until) ? minute.plus(1, ChronoUnit.MINUTES) : minute;
  }

  /**
   * When a timed ban ends, in this machine's time zone: {@code 12 Dec 14:05}, with the year when it
   * is not this one ({@code 4 Dec 2027 11:21}).
   */
  public static String when(Instant until) {
    ZonedDateTime at = roundedUp(until).atZone(ZoneId.systemDefault());
    boolean thisYear = at.getYear() == ZonedDateTime.now(at.getZone()).getYear();
    return (thisYear ? UNTIL : UNTIL_YEAR).format(at);
  }

  /**
   * {@code no one is banned from #team}, or a header line, then one line per ban: the user, who
   * banned them, when and until when (in {@code zone}; {@code -} for a ban until lifted) and the
   * reason ({@code -} for none), each text from the relay made safe for the terminal, the columns
   * as wide as their longest name.
   */
  public static List<String> table(String room, List<BanView> bans, ZoneId zone) {
    if (bans.isEmpty()) {
      return List.of("no one is banned from " + room);
    }
    List<String[]> rows = new ArrayList<>(bans.size() + 1);
    rows.add(new String[] {"USER", "BANNED BY", "WHEN", "UNTIL", "REASON"});
    for (BanView ban : bans) {
      String reason = TerminalSafe.line(ban.reason());
      rows.add(
          new String[] {
            TerminalSafe.line(ban.username()),
            TerminalSafe.line(ban.bannedBy()),
            TIME.format(ban.bannedAt().atZone(zone)),
            ban.until() == null ? "-" : TIME.format(roundedUp(ban.until()).atZone(zone)),
            reason.isEmpty() ? "-" : reason
          });
    }
    int user = 0;
    int by = 0;
    for (String[] row : rows) {
      user = Math.max(user, row[0].length());
      by = Math.max(by, row[1].length());
    }
    String format = "%-" + user + "s  %-" + by + "s  %-16s  %-16s  %s";
    List<String> out = new ArrayList<>(rows.size());
    for (String[] row : rows) {
      out.add(String.format(format, (Object[]) row).stripTrailing());
    }
    return out;
  }
}
