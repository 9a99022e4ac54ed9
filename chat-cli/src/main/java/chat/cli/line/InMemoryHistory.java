package chat.cli.line;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.History;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * Input history kept in memory only, filled by the line mode alone: JLine's own automatic adding of
 * every accepted line is ignored, so a line reaches history only after secret redaction.
 */
final class InMemoryHistory extends DefaultHistory {
  /** Ignored: JLine calls this for every accepted line, before any redaction. */
  @Override
  public void add(Instant time, String line) {}

  /** Adds an entry that was already redacted. */
  void record(String entry) {
    super.add(Instant.now(), entry);
  }

  /** The entries, oldest first. */
  List<String> entries() {
    List<String> out = new ArrayList<>();
    for (History.Entry entry : this) {
      out.add(entry.line());
    }
    return out;
  }
}
