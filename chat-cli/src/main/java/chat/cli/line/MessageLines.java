package chat.cli.line;

import chat.cli.client.ChatClient;
import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.cli.command.DaySeparators;
import chat.cli.command.FileText;
import chat.cli.command.MessageFormatter;
import java.util.Optional;

/**
 * Prints messages and file offers in line mode, one line each, with the conversation first when it
 * is not the prompt's, after a date line when the day changed since the last one printed. Messages
 * come from the event thread and the command thread (one's own): each decides on its date line and
 * prints under one lock, so that the line that comes first on screen is the one that has it.
 */
final class MessageLines {
  private final ChatClient client;
  private final MessageFormatter formatter;
  private final DaySeparators days;
  private final LinePrinter printer;

  MessageLines(ChatClient client, MessageFormatter formatter, LinePrinter printer) {
    this.client = client;
    this.formatter = formatter;
    this.days = new DaySeparators(formatter);
    this.printer = printer;
  }

  /**
   * Prints {@code message} ({@code 12:00:01 <alice> hello}, with a mark when the sender's clock is
   * more than a minute off the relay's) while the prompt is in {@code current} (null: none).
   */
  synchronized void message(ChatMessage message, String current) {
    Optional<String> separator = days.before(message);
    String text = formatter.line(message);
    if (!message.conversation().equals(current)) {
      text = label(message.conversation()) + " " + text;
    }
    LineKind kind =
        message.own()
            ? LineKind.OWN
            : message.isDirect()
                ? LineKind.PRIVATE
                : message.mentions(client.username().orElse(null))
                    ? LineKind.MENTION
                    : LineKind.OTHER;
    printer.print(separator, kind, text);
  }

  /**
   * Prints {@code offer} ({@code 12:00:01 -!- alice offers report.pdf (2.9 MiB): /file accept
   * a071cf0f}) while the prompt is in {@code current} (null: none): marked as the client's own
   * line, as in the full-screen interface, so that an action ({@code * bob offers …}) cannot pass
   * for one; with the sender-clock mark a message would have.
   */
  synchronized void offer(FileOffer offer, String current) {
    days.before(offer).ifPresent(separator -> printer.print(LineKind.SYSTEM, separator));
    String text =
        formatter.time(formatter.shownTime(offer))
            + " -!- "
            + FileText.offer(offer, "/file accept")
            + formatter.skewMark(offer);
    if (!offer.conversation().equals(current)) {
      text = label(offer.conversation()) + " " + text;
    }
    printer.print(offer.isDirect() ? LineKind.PRIVATE : LineKind.OTHER, text);
  }

  private String label(String conversation) {
    return MessageFormatter.conversationLabel(client, conversation);
  }
}
