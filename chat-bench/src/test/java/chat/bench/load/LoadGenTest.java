package chat.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadGenTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = LoadGen.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    return commandLine.execute(args);
  }

  @Test
  void fanout_payloadLongerThanAnIrcLine_oneLineAndExit2_noStackTrace() {
    int code = run("fanout", "--payload-bytes", "500", "--targets", "redis");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("loadgen: ")
        .contains("payload 16-400 bytes")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  /** Runs {@code args} and expects exit 2 with exactly {@code line} on stderr. */
  private void assertRefusedWith(String line, String... args) {
    int code = run(args);

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(line + System.lineSeparator());
  }

  @Test
  void fanout_redisPaddingShorterThanTheText_oneLineAndExit2() {
    assertRefusedWith(
        "loadgen: --redis-payload-bytes must be 0 or from --payload-bytes (200) to 65536",
        "fanout",
        "--redis-payload-bytes",
        "100",
        "--targets",
        "redis");
  }

  @Test
  void fanout_redisPaddingWithoutARedisTarget_oneLineAndExit2() {
    assertRefusedWith(
        "loadgen: --redis-payload-bytes needs a redis or redis-tls target",
        "fanout",
        "--redis-payload-bytes",
        "1276",
        "--targets",
        "relay,ngircd");
  }

  @Test
  void history_ngircd_keepsNoHistory_oneLineAndExit2() {
    assertRefusedWith(
        "loadgen: ngircd keeps no history to fetch (relay, relay-json, redis, redis-tls)",
        "history",
        "--targets",
        "relay,ngircd");
  }

  @Test
  void history_moreReadersThanMembers_oneLineAndExit2() {
    assertRefusedWith(
        "loadgen: need members >= 2, 1 <= readers <= members, messages >= 1, fetches >= 1,"
            + " warm-up fetches >= 0, limit 1-500, payload 16-400 bytes",
        "history",
        "--members",
        "5",
        "--readers",
        "6");
  }

  @Test
  void compaction_aTextOverTheContentLimit_oneLineAndExit2() {
    assertRefusedWith(
        "loadgen: need messages >= 1, sends >= 10, and texts of 16 to 1,000,000 bytes",
        "compaction",
        "--group-bytes",
        "2000000");
  }

  @Test
  void fanout_aServerThatCannotStart_oneLineAndExit3(@TempDir Path work) {
    int code =
        run(
            "fanout",
            "--work-dir",
            work.toString(),
            "--redis-server",
            work.resolve("no-such-redis-server").toString(),
            "--targets",
            "redis",
            "--clients",
            "2",
            "--senders",
            "1",
            "--messages",
            "1");

    assertThat(code).isEqualTo(3);
    assertThat(err.toString())
        .startsWith("loadgen: failed: ")
        .contains("no-such-redis-server")
        .doesNotContain("\tat ");
  }

  @Test
  void fanout_unknownTarget_oneLineAndExit2() {
    int code = run("fanout", "--targets", "irc");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("loadgen: unknown target irc").doesNotContain("\tat ");
  }
}
