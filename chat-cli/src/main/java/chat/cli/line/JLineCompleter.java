package chat.cli.line;

import chat.cli.TerminalSafe;
import chat.cli.command.InputCompleter;
import java.util.List;
import java.util.Objects;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Adapts an {@link InputCompleter} to JLine, keeping its best-first order. */
final class JLineCompleter implements Completer {
  private final InputCompleter completer;

  JLineCompleter(InputCompleter completer) {
    this.completer = Objects.requireNonNull(completer, "completer");
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> values = completer.complete(line.line(), line.cursor());
    for (int i = 0; i < values.size(); i++) {
      String value = TerminalSafe.line(values.get(i));
      if (!value.isEmpty()) {
        candidates.add(new Candidate(value, value, null, null, null, null, true, i));
      }
    }
  }
}
