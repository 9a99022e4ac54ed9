package chat.cli.command;

import java.util.Objects;

/**
 * Makes the line breaks of a paste what the person copied: one per line, whether the lines ended in
 * LF, CR or CRLF. Terminals deliver a paste's line breaks in several ways: xterm and tmux send a CR
 * for each LF (so a CRLF arrives as two CRs), the tty turns each CR into LF, and some terminals
 * pass CR and LF as they are.
 *
 * <p>A CR followed by LF, and a lone CR, each become one LF. A paste that holds only LFs and in
 * which every run of them is of even length is taken for CRLF text that arrived doubled, and each
 * run is halved: one LF per line, an empty line between paragraphs kept as one. The one paste that
 * cannot be told from it, LF text in which every line break is one empty line (paragraphs and
 * nothing else), then loses its empty lines.
 */
public final class PastedLineBreaks {
  private PastedLineBreaks() {}

  /**
   * {@code pasted} (CR and LF as received) with one LF per line break; other characters unchanged.
   */
  public static String normalize(String pasted) {
    Objects.requireNonNull(pasted, "pasted");
    if (pasted.indexOf('\r') >= 0) {
      return pasted.replace("\r\n", "\n").replace('\r', '\n');
    }
    return doubled(pasted) ? halved(pasted) : pasted;
  }

  /** Whether {@code text} has line breaks and every run of them is of even length. */
  private static boolean doubled(String text) {
    boolean any = false;
    int run = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && text.charAt(i) == '\n') {
        run++;
        continue;
      }
      if (run % 2 != 0) {
        return false;
      }
      any |= run > 0;
      run = 0;
    }
    return any;
  }

  private static String halved(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean skip = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\n') {
        out.append(c);
        skip = false;
      } else {
        if (!skip) {
          out.append(c);
        }
        skip = !skip;
      }
    }
    return out.toString();
  }
}
