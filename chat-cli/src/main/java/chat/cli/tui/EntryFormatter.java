package chat.cli.tui;

import chat.cli.TerminalSafe;
import chat.cli.client.ChatMessage;
import chat.cli.command.FileText;
import chat.cli.command.MessageFormatter;
import chat.cli.tui.PaneEntry.NoteKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns pane entries into styled, wrapped screen lines: {@code HH:MM:SS <sender> text} for messages
 * ({@code HH:MM:SS * sender text} for an action, with a reply's mark before the sender) and {@code
 * HH:MM:SS -!- text} for the client's own lines and file offers. All remote text goes through
 * {@link MessageFormatter} (and so {@link TerminalSafe}) here.
 */
final class EntryFormatter {
  private final MessageFormatter formatter;

  EntryFormatter(MessageFormatter formatter) {
    this.formatter = Objects.requireNonNull(formatter, "formatter");
  }

  /**
   * The local day a message, file offer or client line is shown under, for day separators: a client
   * line ({@code -!- bob joined #lobby}) shows its time too, and the first line of a new day gets
   * the date line whatever it is. Empty for a line without a time.
   */
  Optional<LocalDate> day(PaneEntry entry) {
    if (entry instanceof PaneEntry.Note note) {
      return note.atMillis() > 0 ? Optional.of(formatter.day(note.atMillis())) : Optional.empty();
    }
    if (entry instanceof PaneEntry.Message message) {
      return Optional.of(formatter.day(formatter.shownTime(message.message())));
    }
    if (entry instanceof PaneEntry.Offer offer) {
      return Optional.of(formatter.day(formatter.shownTime(offer.offer())));
    }
    return Optional.empty();
  }

  /** The separator line shown before the first message of {@code day}. */
  List<Cell> daySeparator(LocalDate day) {
    return Cells.line(formatter.daySeparator(day), Style.DAY_SEPARATOR);
  }

  /**
   * {@code entry} wrapped to {@code width}; {@code self} (nullable) marks mentions, and {@code
   * labels} names the conversation of a labelled entry, cleaned for the terminal ({@link
   * chat.cli.client.ChatClient#label}).
   */
  List<List<Cell>> lines(PaneEntry entry, int width, String self, UnaryOperator<String> labels) {
    List<Cell> cells = new ArrayList<>();
    Indent indent;
    if (entry instanceof PaneEntry.Message message) {
      if (message.labelled()) {
        String label = labels.apply(message.message().conversation());
        cells.addAll(Cells.line("[" + label + "] ", Style.TIME));
      }
      indent = message(cells, message.message(), self);
      if (message.edited()) {
        cells.addAll(Cells.line(" (edited)", Style.SKEW));
      }
      reactions(cells, message.marks());
    } else if (entry instanceof PaneEntry.Offer offer) {
      if (offer.labelled()) {
        String label = labels.apply(offer.offer().conversation());
        cells.addAll(Cells.line("[" + label + "] ", Style.TIME));
      }
      indent =
          note(
              cells,
              new PaneEntry.Note(
                  NoteKind.INFO,
                  FileText.offer(offer.offer(), "/file accept"),
                  formatter.shownTime(offer.offer())));
      cells.addAll(Cells.line(formatter.skewMark(offer.offer()), Style.SKEW)); // as a message's
      reactions(cells, offer.marks());
    } else {
      indent = note(cells, (PaneEntry.Note) entry);
    }
    // a sender or label too long to hang the text under: under the text after the time instead
    int hang = indent.full() <= width / 2 ? indent.full() : indent.afterTime();
    return TextWrapper.wrap(cells, width, hang);
  }

  /**
   * The reactions of {@code marks} after a message or offer: {@code 👍 2 🎉 1}, each emoji kept
   * with its count on one line (a no-break space between them).
   */
  private static void reactions(List<Cell> cells, PaneEntry.Marks marks) {
    for (PaneEntry.Tally tally : marks.reactions()) {
      if (tally == marks.reactions().get(0)) {
        cells.add(Cell.space(Style.PLAIN));
      }
      cells.add(Cell.space(Style.PLAIN));
      cells.addAll(
          Cells.line(TerminalSafe.line(tally.emoji()) + "\u00a0" + tally.users(), Style.SKEW));
    }
  }

  /**
   * Where an entry's wrapped lines start: under its text ({@code full}), or where its time ends
   * ({@code afterTime}) when the first would leave too little room.
   */
  private record Indent(int full, int afterTime) {}

  private Indent message(List<Cell> cells, ChatMessage message, String self) {
    Style senderStyle;
    Style textStyle;
    if (message.own()) {
      senderStyle = Style.OWN_SENDER;
      textStyle = Style.OWN_TEXT;
    } else if (message.isDirect()) {
      senderStyle = Style.PRIVATE_SENDER;
      textStyle = Style.PRIVATE_TEXT;
    } else {
      senderStyle = Style.OTHER_SENDER;
      textStyle = message.mentions(self) ? Style.MENTION_TEXT : Style.TEXT;
    }
    cells.addAll(Cells.line(formatter.time(formatter.shownTime(message)), Style.TIME));
    cells.add(Cell.space(Style.PLAIN));
    int markAt = Cells.width(cells);
    String replyMark = formatter.replyMark(message);
    cells.addAll(Cells.line(replyMark, Style.SKEW));
    cells.addAll(Cells.line(formatter.sender(message), senderStyle));
    cells.add(Cell.space(Style.PLAIN));
    // a reply's lines wrap under its mark, not under the text after a mark of 60 columns
    int indent = replyMark.isEmpty() ? Cells.width(cells) : markAt;
    cells.addAll(Cells.text(formatter.text(message), textStyle));
    cells.addAll(Cells.line(formatter.skewMark(message), Style.SKEW));
    return new Indent(indent, markAt);
  }

  private Indent note(List<Cell> cells, PaneEntry.Note note) {
    Style style =
        switch (note.kind()) {
          case INFO -> Style.INFO;
          case NOTICE -> Style.NOTICE;
          case ERROR -> Style.ERROR;
        };
    cells.addAll(Cells.line(formatter.time(note.atMillis()), Style.TIME));
    cells.add(Cell.space(Style.PLAIN));
    int afterTime = Cells.width(cells);
    cells.addAll(Cells.line(note.kind() == PaneEntry.NoteKind.ERROR ? "!!!" : "-!-", style));
    cells.add(Cell.space(Style.PLAIN));
    int indent = Cells.width(cells);
    cells.addAll(Cells.text(TerminalSafe.text(note.text()), style));
    return new Indent(indent, afterTime);
  }
}
