package chat.cli.line;

import chat.cli.TerminalSafe;
import chat.cli.client.ConnectionState;
import chat.cli.client.FriendUpdate;
import chat.cli.client.GroupUpdate;
import chat.cli.client.Presence;
import chat.cli.command.CommandWords;
import chat.cli.command.MessageFormatter;
import chat.cli.command.SocialLines;
import java.util.function.UnaryOperator;

/**
 * The words the line mode prints for client events, one line each, e.g. {@code alice joined #rust}
 * or {@code connection lost, reconnecting}. Every remote string is cleaned here.
 */
final class EventLines {
  private EventLines() {}

  static String presence(String username, boolean online) {
    return presence(username, Presence.of(online), false);
  }

  static String presence(String username, Presence presence, boolean wasAway) {
    return SocialLines.presenceChange(username, presence, wasAway);
  }

  static String group(GroupUpdate update, String self, boolean member) {
    return SocialLines.group(update, self, CommandWords.SLASH, member);
  }

  static String friend(String username, FriendUpdate update) {
    return SocialLines.friend(username, update, CommandWords.SLASH);
  }

  static String connection(ConnectionState state, String detail, String server) {
    String words;
    switch (state) {
      case ONLINE:
        words = "connected to " + TerminalSafe.line(server);
        break;
      case CONNECTING:
        words = "connecting to " + TerminalSafe.line(server);
        break;
      case RECONNECTING:
        words = "connection lost, reconnecting";
        break;
      default:
        words = "disconnected";
        break;
    }
    String clean = TerminalSafe.line(detail == null ? "" : detail).strip();
    return clean.isEmpty() ? words : words + " (" + clean + ")";
  }

  static String notice(
      String conversation, String text, String self, UnaryOperator<String> spelling) {
    String where =
        conversation == null || conversation.isEmpty()
            ? "notice"
            : MessageFormatter.conversationLabel(conversation, self, spelling);
    return where + ": " + TerminalSafe.line(text);
  }
}
