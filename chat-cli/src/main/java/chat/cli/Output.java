package chat.cli;

import chat.cli.client.ChatMessage;
import chat.cli.client.FileOffer;
import chat.cli.client.Posted;
import chat.cli.command.DaySeparators;
import chat.cli.command.FileText;
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
                  + support.label(sent.conversation())
                  + (sent.seq() > 0 ? " (#" + sent.seq() + ", id " : " (id ")
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
          .println(
              support
                  .rows()
                  .wrap("[" + support.label(message.conversation()) + "] " + FORMAT.line(message)));
    }
    support.out().flush();
  }

  /**
   * One file offer: {@code [#team] 12:00:01 -!- alice offers report.pdf (2.9 MiB): chat file get
   * a071cf0f}, marked as the client's line so that an action ({@code * alice offers …}) cannot pass
   * for one, at the time a message would show (after a date line from {@code days} when the day
   * changed) and with the sender-clock mark it would have, or its {@code file_offer} JSON line.
   */
  static void offer(RelayCommandSupport support, FileOffer offer, DaySeparators days) {
    if (support.options().json()) {
      support.out().println(JsonLines.line(JsonLines.offer(offer)));
    } else {
      days.before(offer).ifPresent(support.out()::println);
      support
          .out()
          .println(
              support
                  .rows()
                  .wrap(
                      "["
                          + support.label(offer.conversation())
                          + "] "
                          + FORMAT.time(FORMAT.shownTime(offer))
                          + " -!- "
                          + FileText.offer(offer, "chat file get")
                          + FORMAT.skewMark(offer)));
    }
    support.out().flush();
  }

  /** A message or a file offer listed by history: {@link #message} or {@link #offer}. */
  static void posted(RelayCommandSupport support, Posted posted, DaySeparators days) {
    if (posted instanceof ChatMessage message) {
      message(support, message, days);
    } else {
      offer(support, (FileOffer) posted, days);
    }
  }
}
