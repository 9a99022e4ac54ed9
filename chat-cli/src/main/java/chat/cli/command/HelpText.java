package chat.cli.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Help text as the commands write it, in lines of at most 80 columns, turned back into paragraphs
 * for a front end that wraps text to its own width (the TUI's message pane). Lines of prose run
 * together; an {@code example:} or {@code examples:} line, a line indented by three or more spaces
 * (a usage line or a table row) stays a line of its own, and an item whose continuation lines are
 * indented by two spaces ({@code accept ID: …}) is a paragraph of its own.
 */
public final class HelpText {
  private HelpText() {}

  /** {@code lines} as paragraphs, each one string without line breaks. */
  public static List<String> paragraphs(List<String> lines) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = null;
    boolean previousIndented = false;
    for (String line : lines) {
      String text = line.stripTrailing();
      boolean continuation = text.startsWith("  ") && !text.startsWith("   ");
      boolean ownLine = text.isBlank() || text.startsWith("   ") || isExamples(text);
      boolean joins =
          paragraph != null
              && !ownLine
              && (continuation || (!previousIndented && !text.startsWith(" ")));
      if (joins) {
        paragraph.append(' ').append(text.strip());
      } else {
        if (paragraph != null) {
          out.add(paragraph.toString());
        }
        paragraph = new StringBuilder(text);
      }
      previousIndented = continuation;
      if (ownLine) {
        out.add(paragraph.toString());
        paragraph = null;
      }
    }
    if (paragraph != null) {
      out.add(paragraph.toString());
    }
    return out;
  }

  private static boolean isExamples(String text) {
    return text.startsWith("example: ") || text.startsWith("examples: ");
  }
}
