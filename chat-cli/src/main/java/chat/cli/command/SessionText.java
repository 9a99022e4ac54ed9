package chat.cli.command;

import chat.cli.TerminalSafe;
import chat.cli.client.SessionView;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The sessions table, the same for {@code /sessions} and {@code chat sessions}. */
public final class SessionText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
  private static final String ROW = "%-12s  %-16s  %-16s  %s";

  private SessionText() {}

  /** A header line, then one line per session, times in {@code zone}; the current one marked. */
  public static List<String> table(List<SessionView> sessions, ZoneId zone) {
    List<String> out = new ArrayList<>(sessions.size() + 1);
    out.add(String.format(ROW, "ID", "LAST USED", "CREATED", "ADDRESS").stripTrailing());
    for (SessionView session : sessions) {
      String address = TerminalSafe.line(session.address());
      out.add(
          String.format(
                  ROW,
                  session.id(),
                  TIME.format(session.lastUsedAt().atZone(zone)),
                  TIME.format(session.createdAt().atZone(zone)),
                  (address.isEmpty() ? "unknown" : address)
                      + (session.current() ? "  (this device)" : ""))
              .stripTrailing());
    }
    return out;
  }

  /**
   * What {@code /sessions end} and {@code chat sessions end} say after ending {@code id}, naming
   * the password change in {@code words}.
   */
  public static String ended(String id, CommandWords words) {
    return "ended session "
        + id
        + ": that device is logged out and must log in again with the password (change the"
        + " password too if it may have leaked it: "
        + words.passwd()
        + ")";
  }
}
