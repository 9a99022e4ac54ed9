package chat.cli.line;

import chat.cli.TerminalSafe;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.InfoCmp;

/**
 * Prints line mode's lines above the prompt with {@link LineModeReader#printAbove}, styled by
 * {@link LineKind} when colour is on (bold only, {@link LineKind#monochrome}, where colour is off
 * on a terminal that takes attributes: {@code NO_COLOR}), from any thread, and nothing once line
 * mode has ended (the terminal may close then).
 */
final class LinePrinter {
  private final LineModeReader reader;
  private final boolean colour;
  private final boolean bold;

  /** Guards {@link #ended}: a line is printed only while the terminal is still in use. */
  private final Object printing = new Object();

  /** Set as line mode ends, after which nothing more is printed. */
  private boolean ended;

  /**
   * A printer to {@code reader}'s terminal: in colour if {@code colour}, else with bold alone if
   * {@code bold}, else plain (a dumb terminal, a pipe).
   */
  LinePrinter(LineModeReader reader, boolean colour, boolean bold) {
    this.reader = reader;
    this.colour = colour;
    this.bold = bold;
  }

  /** Prints a line above the prompt; after {@link #end}, nothing. Any thread. */
  void print(LineKind kind, String cleanText) {
    print(Optional.empty(), kind, cleanText);
  }

  /**
   * Prints a line above the prompt, after {@code systemLine} if there is one, in one go (so that a
   * dumb terminal draws the prompt again once, after both).
   */
  void print(Optional<String> systemLine, LineKind kind, String cleanText) {
    synchronized (printing) {
      if (!ended) {
        RowWrapper rows = rows();
        AttributedStringBuilder lines = new AttributedStringBuilder();
        systemLine.ifPresent(
            line -> lines.append(styled(LineKind.SYSTEM, rows.wrap(line))).append('\n'));
        lines.append(styled(kind, rows.wrap(cleanText)));
        reader.printAbove(lines.toAttributedString());
      }
    }
  }

  /**
   * Rows that fit the terminal; none where its width is not known (a dumb terminal: its size is a
   * nominal one, and what shows the text wraps it).
   */
  private RowWrapper rows() {
    return RowWrapper.forTerminal(reader.dumbTerminal() ? 0 : reader.getTerminal().getWidth());
  }

  /**
   * Prints a line of the client's log, cleaned as remote text is (it may hold several lines); false
   * once ended, when it prints nothing.
   */
  boolean printLog(String text) {
    synchronized (printing) {
      print(LineKind.SYSTEM, TerminalSafe.text(text));
      return !ended;
    }
  }

  /**
   * Rings the terminal's bell (its {@code bel} capability, else the BEL character), unless ended.
   * Any thread.
   */
  void bell() {
    synchronized (printing) {
      if (!ended) {
        Terminal terminal = reader.getTerminal();
        if (!terminal.puts(InfoCmp.Capability.bell)) {
          terminal.writer().write('\u0007');
        }
        terminal.flush();
      }
    }
  }

  /** From now on nothing is printed. */
  void end() {
    synchronized (printing) {
      ended = true;
    }
  }

  private AttributedString styled(LineKind kind, String cleanText) {
    if (colour) {
      return new AttributedString(cleanText, kind.style());
    }
    return bold
        ? new AttributedString(cleanText, kind.monochrome())
        : new AttributedString(cleanText);
  }
}
