package chat.cli.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Help text as the commands write it, in lines of at most 80 columns, turned back into paragraphs
 * for a front end that wraps text to its own width (the TUI's message pane). Lines of prose run
 * together; each example of an {@code example:} or {@code examples:} line (examples are set apart
 * by three or more spaces) and a line indented by three or more spaces (a usage line or a table
 * row) is a line of its own (the examples after the first, and indented lines that follow an
 * examples line, indented by two spaces), and an item whose continuation lines are indented by two
 * spaces ({@code accept ID: …}) is a paragraph of its own.
 */
public final class HelpText {
  /** How the examples after the first of an {@code examples:} line are indented. */
  private static final String EXAMPLE_INDENT = "  ";

  private HelpText() {}

  /** {@code lines} as paragraphs, each one string without line breaks. */
  public static List<String> paragraphs(List<String> lines) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = null;
    boolean previousIndented = false;
    boolean inExamples = false;
    for (String line : examplesApart(lines)) {
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
        if (isExamples(text)) {
          out.addAll(oneExampleALine(text));
        } else if (inExamples && text.startsWith("   ")) {
          out.add(EXAMPLE_INDENT + text.strip()); // more examples, indented as the split ones
        } else {
          out.add(paragraph.toString());
        }
        paragraph = null;
      }
      inExamples = ownLine && (isExamples(text) || inExamples && text.startsWith("   "));
    }
    if (paragraph != null) {
      out.add(paragraph.toString());
    }
    return out;
  }

  /**
   * An {@code examples:} line as one line per example (they are set apart by three or more spaces),
   * the later ones indented by two: a pane narrower than the line then breaks it between examples,
   * not inside one.
   */
  private static List<String> oneExampleALine(String text) {
    int colon = text.indexOf(": ") + 2;
    String indent = EXAMPLE_INDENT; // not under the first: in a narrow pane that could wrap one
    List<String> out = new ArrayList<>();
    for (String example : text.substring(colon).strip().split(" {3,}")) {
      out.add((out.isEmpty() ? text.substring(0, colon) : indent) + example);
    }
    return out;
  }

  /**
   * {@code lines} with an {@code example:} or {@code examples:} that follows prose on its line
   * ({@code The # is optional. examples: /join #rust}) starting a line of its own.
   */
  private static List<String> examplesApart(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      int at = line.indexOf(" examples: ");
      if (at < 0) {
        at = line.indexOf(" example: ");
      }
      if (at > 0 && !line.substring(0, at).isBlank()) {
        out.add(line.substring(0, at));
        out.add(line.substring(at + 1));
      } else {
        out.add(line);
      }
    }
    return out;
  }

  private static boolean isExamples(String text) {
    return text.startsWith("example: ") || text.startsWith("examples: ");
  }
}
