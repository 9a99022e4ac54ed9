package chat.cli;

import chat.cli.client.ChatMessage;
import chat.cli.command.MessageFormatter;
import java.time.ZoneId;

/** Prints messages for the scripting commands: text lines, or JSON lines with {@code --json}. */
final class Output {
  private static final MessageFormatter FORMAT = new MessageFormatter(ZoneId.systemDefault());

  private Output() {}

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

  /** One message: {@code [#room] 12:00:01 <alice> hello} or its JSON line. */
  static void message(RelayCommandSupport support, ChatMessage message) {
    if (support.options().json()) {
      support.out().println(JsonLines.line(JsonLines.message(message)));
    } else {
      support
          .out()
          .println("[" + TerminalSafe.line(message.conversation()) + "] " + FORMAT.line(message));
    }
    support.out().flush();
  }
}
