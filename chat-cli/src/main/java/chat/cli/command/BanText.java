package chat.cli.command;

import chat.cli.TerminalSafe;
import chat.cli.client.BanView;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** A group's bans as a table, the same for {@code /bans} and {@code chat group bans}. */
public final class BanText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

  private BanText() {}

  /**
   * {@code no one is banned from #team}, or a header line, then one line per ban: the user, who
   * banned them, when (in {@code zone}) and the reason ({@code -} for none), each text from the
   * relay made safe for the terminal, the columns as wide as their longest name.
   */
  public static List<String> table(String room, List<BanView> bans, ZoneId zone) {
    if (bans.isEmpty()) {
      return List.of("no one is banned from " + room);
    }
    List<String[]> rows = new ArrayList<>(bans.size() + 1);
    rows.add(new String[] {"USER", "BANNED BY", "WHEN", "REASON"});
    for (BanView ban : bans) {
      String reason = TerminalSafe.line(ban.reason());
      rows.add(
          new String[] {
            TerminalSafe.line(ban.username()),
            TerminalSafe.line(ban.bannedBy()),
            TIME.format(ban.bannedAt().atZone(zone)),
            reason.isEmpty() ? "-" : reason
          });
    }
    int user = 0;
    int by = 0;
    for (String[] row : rows) {
      user = Math.max(user, row[0].length());
      by = Math.max(by, row[1].length());
    }
    String format = "%-" + user + "s  %-" + by + "s  %-16s  %s";
    List<String> out = new ArrayList<>(rows.size());
    for (String[] row : rows) {
      out.add(String.format(format, (Object[]) row).stripTrailing());
    }
    return out;
  }
}
