package chat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import chat.bench.load.Report.Comparison;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void comparisons_targetsOnce_theFirstAgainstEachOther() {
    assertThat(Report.comparisons(List.of("relay", "ngircd", "redis")))
        .containsExactly(new Comparison(0, 1, 1, 1), new Comparison(0, 2, 1, 1));
  }

  @Test
  void comparisons_targetsRepeated_eachRoundAgainstItsOwnFirstRow() {
    assertThat(Report.comparisons(List.of("relay", "ngircd", "relay", "ngircd", "relay")))
        .containsExactly(new Comparison(0, 1, 1, 3), new Comparison(2, 3, 2, 3));
  }

  @Test
  void comparisons_oneTarget_none() {
    assertThat(Report.comparisons(List.of("relay"))).isEmpty();
    assertThat(Report.comparisons(List.of("relay", "relay"))).isEmpty();
  }

  @Test
  void reconnect_targetsRepeated_secondRoundRatioFromItsOwnRows() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<ReconnectResult> results =
        List.of(storm("relay", 10), storm("redis", 5), storm("relay", 30), storm("redis", 10));

    Report.reconnect(
        results, "0.00 0.00 0.00", new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String report = bytes.toString(StandardCharsets.UTF_8);
    assertThat(report)
        .contains("- round 1, relay vs redis: storm time 2.00x")
        .contains("- round 2, relay vs redis: storm time 3.00x")
        .doesNotContain("relay vs relay");
  }

  private static ReconnectResult storm(String target, double seconds) {
    return new ReconnectResult(target, 100, 100, seconds, seconds, 1.0, 0, 100, 0, 0, 0);
  }
}
