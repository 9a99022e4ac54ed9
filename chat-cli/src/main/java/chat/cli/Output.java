package chat.cli;

import chat.cli.client.ChatMessage;
import chat.cli.command.DaySeparators;
import chat.cli.command.MessageFormatter;
import java.time.ZoneId;

/**
 * Prints messages for the scripting commands: text lines, or JSON lines with {@code --json}. A text
 * line shows the relay's store time, {@code HH:MM:SS} in local time, with a date line before the
 * first message and at each change of day, and a mark when the sender's signed clock is more than a
 * minute off; a JSON line carries both times ({@code sent}, {@code stored}) and no date lines.
 */
final class Output {
  private static final MessageFormatter FORMAT = new MessageFormatter(ZoneId.systemDefault());

  private Output() {}

  /** A new tracker of the date lines for one command's message output. */
  static DaySeparators days() {
    return new DaySeparators(FORMAT);
  }

  static void sent(RelayCommandSupport support, ChatMessage sent) {
    if (support.options().json()) {
      support.out().println(JsonLines.line(JsonLines.message(sent)));
    } else {
      support
          .out()
          .println(
              "sent to "
                  + TerminalSafe.line(sent.conversation())
                  + " (#"
                  + sent.seq()
                  + ", id "
                  + sent.messageId()
                  + ")");
    }
  }

  /**
   * One message: {@code [#room] 12:00:01 <alice> hello} (after a date line from {@code days} when
   * the day changed) or its JSON line.
   */
  static void message(RelayCommandSupport support, ChatMessage message, DaySeparators days) {
    if (support.options().json()) {
      support.out().println(JsonLines.line(JsonLines.message(message)));
    } else {
      days.before(message).ifPresent(support.out()::println);
      support
          .out()
          .println("[" + TerminalSafe.line(message.conversation()) + "] " + FORMAT.line(message));
    }
    support.out().flush();
  }
}
