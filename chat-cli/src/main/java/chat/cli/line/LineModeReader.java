package chat.cli.line;

import java.util.HashMap;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/**
 * JLine's line reader, except that on a dumb terminal a line printed above the prompt ({@link
 * #printAbove}) starts on a fresh line. JLine erases the prompt line with a carriage return and
 * spaces and writes over it; on a dumb terminal it cannot see or erase what the person has typed so
 * far (the terminal itself echoes and edits the line, and hands it over only at Enter), so an
 * incoming message landed on the prompt line, mixed with the typed text. Here the prompt line is
 * left as it is, the printed text goes on the lines below it, and the prompt is drawn again after
 * it. What was typed stays in view on the old prompt line and is still part of the line being
 * typed: Enter sends all of it. On other terminals this is JLine's reader unchanged.
 */
final class LineModeReader extends LineReaderImpl {
  private final boolean dumb;

  /** A reader on {@code terminal}, named {@code appName} (for inputrc settings). */
  LineModeReader(Terminal terminal, String appName) {
    super(terminal, appName, new HashMap<>());
    String type = terminal.getType();
    this.dumb = Terminal.TYPE_DUMB.equals(type) || Terminal.TYPE_DUMB_COLOR.equals(type);
  }

  @Override
  public void printAbove(String text) {
    if (!dumb) {
      super.printAbove(text);
      return;
    }
    lock.lock();
    try {
      boolean prompting = reading;
      if (prompting) {
        terminal.writer().println(); // leave the prompt and what was typed after it as they are
      }
      terminal.writer().print(text);
      if (!text.endsWith("\n")) {
        terminal.writer().println();
      }
      if (prompting) {
        redrawLine(); // the prompt is drawn anew, from the start of the line below the text
        redisplay(false);
      }
      terminal.flush();
    } finally {
      lock.unlock();
    }
  }
}
