package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

class JLineCompleterTest {
  @Test
  void complete_passesLineAndCursorAndKeepsOrder() {
    List<String> seen = new ArrayList<>();
    JLineCompleter completer =
        new JLineCompleter(
            (line, cursor) -> {
              seen.add(line + "|" + cursor);
              return List.of("/join", "/jump");
            });
    ParsedLine parsed = new DefaultParser().parse("/j", 2, Parser.ParseContext.COMPLETE);
    List<Candidate> candidates = new ArrayList<>();

    completer.complete(null, parsed, candidates);

    assertThat(seen).containsExactly("/j|2");
    assertThat(candidates).extracting(Candidate::value).containsExactly("/join", "/jump");
    assertThat(candidates.get(0).compareTo(candidates.get(1))).isNegative();
  }

  @Test
  void complete_candidateWithControlCharacters_cleanedOrDropped() {
    JLineCompleter completer =
        new JLineCompleter((line, cursor) -> List.of("@b\u001b[2Job", "\u0007"));
    List<Candidate> candidates = new ArrayList<>();

    completer.complete(null, new DefaultParser().parse("@b", 2), candidates);

    assertThat(candidates).extracting(Candidate::value).containsExactly("@bob");
  }
}
