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

  @Test
  void ratio_tooSmallForTwoDecimals_threeSignificantDigits() {
    assertThat(Report.ratio(14, 2000)).isEqualTo("0.00700x");
    assertThat(Report.ratio(3, 2)).isEqualTo("1.50x");
    assertThat(Report.ratio(0, 2)).isEqualTo("0.00x");
    assertThat(Report.ratio(1, 0)).isEqualTo("n/a");
  }

  @Test
  void history_rowsAndTheRatioLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<HistoryResult> results =
        List.of(
            new HistoryResult(
                "relay", 1000, 50, 400, 400, 50, 20.0, 750_000, 2_500_000, 3_000_000, 36.8,
                1L << 30, 0.8, 0),
            new HistoryResult(
                "redis-tls",
                1000,
                50,
                400,
                400,
                50,
                0.1,
                5_000,
                30_000,
                33_000,
                0.04,
                1L << 26,
                0.2,
                0));

    Report.history(
        results,
        new HistoryRun.Plan(1000, 50, 20, 20, 5, 50),
        "0.00 0.00 0.00",
        new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String report = bytes.toString(StandardCharsets.UTF_8);
    assertThat(report)
        .contains("### History fetch: 1000 members, 50 stored messages; 20 readers x 20 fetches")
        .contains(
            "| relay | 400 / 400 | 50 | 0 | 20 | 750.00 ms | 2500.00 ms | 3000.00 ms | 36.80 |"
                + " 92.00 |")
        .contains(
            "- relay vs redis-tls: fetches/s 0.00500x, p99 latency 83.33x, server CPU per fetch"
                + " 920.00x");
  }
}
