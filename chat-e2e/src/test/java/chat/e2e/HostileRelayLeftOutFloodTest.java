package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.cli.client.internal.RelayChatClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A relay that pushes many forged messages live, one by one ({@link HostileRelay}), to bob in line
 * mode and in {@code chat listen}: he is told of five, then of how many more, on one line, not of
 * each.
 */
class HostileRelayLeftOutFloodTest {
  @RegisterExtension
  static final HostileRelayExtension relay = new HostileRelayExtension("alice", "bob");

  private static final int FORGED = 40;
  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * Runs bob's command ({@code run}, its output read through {@code shown}) while alice writes to
   * him: "ready" until he shows it, then {@link #FORGED} messages the relay forges in other
   * senders' names, then "after them", which he shows last; then {@code typed} runs (bob quits).
   * Returns bob's direct conversation and what the command gave.
   */
  private static Flood floodBob(
      Runnable typed, Supplier<String> shown, Supplier<ScriptRunner.Result> run) throws Exception {
    Map<Long, String> senders = new ConcurrentHashMap<>();
    relay.tamper(HostileRelayHistoryTest.forgingSendersForBob(senders));
    relay.registered("bob").close();
    try (RelayChatClient alice = relay.registered("alice")) {
      String direct = alice.directWith("bob");
      CompletableFuture<ScriptRunner.Result> bob =
          CompletableFuture.supplyAsync(run, OwnThread.EACH);
      long ready = alice.send(direct, "ready").seq();
      await().atMost(WAIT).until(() -> shown.get().contains("ready"));
      for (int i = 1; i <= FORGED; i++) {
        senders.put(ready + i, String.format("forged%02d", i));
      }
      for (int i = 1; i <= FORGED; i++) {
        alice.send(direct, "forged " + i);
      }
      alice.send(direct, "after them");
      await().atMost(WAIT).until(() -> shown.get().contains("after them"));
      typed.run();
      return new Flood(direct, bob.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
  }

  private record Flood(String direct, ScriptRunner.Result result) {}

  private static ScriptRunner chat() {
    return new ScriptRunner(relay.port(), relay.homes());
  }

  @Test
  void fortyForgedMessagesPushedLive_lineMode_fiveSaid_theOthersCountedBeforeTheNextMessage()
      throws Exception {
    PipedOutputStream keys = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(keys);
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    Flood flood =
        floodBob(
            () -> type(keys, "/quit\n"),
            () -> screen.toString(StandardCharsets.UTF_8),
            () ->
                chat().runAttached(stdin, screen, new StringWriter(), "--plain", "--user", "bob"));

    ScriptRunner.Result result = flood.result();
    assertThat(result.exitCode()).as(result.err()).isZero();
    List<String> notices = result.stdout().lines().filter(l -> l.contains("not shown")).toList();
    assertThat(notices).hasSize(6);
    assertThat(notices.subList(0, 5))
        .allMatch(l -> l.startsWith("@alice: message #") && l.contains("from forged0"));
    assertThat(notices.get(5))
        .endsWith(
            "@alice: 35 more messages were left out; they are not shown (see /history @alice)");
    assertThat(result.stdout().indexOf("35 more"))
        .isLessThan(result.stdout().indexOf("after them"));
  }

  @Test
  void fortyForgedMessagesPushedLive_listen_fiveOnStderr_theOthersCountedBeforeTheNextMessage()
      throws Exception {
    StringWriter out = new StringWriter();
    Flood flood =
        floodBob(
            () -> {},
            out::toString,
            () -> chat().runPrintingTo(out, "listen", "--user", "bob", "--count", "2"));

    ScriptRunner.Result result = flood.result();
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err().lines().filter(l -> l.contains("not shown")))
        .hasSize(6)
        .endsWith(
            "chat: @alice: 35 more messages were left out; they are not shown (see chat history"
                + " @alice)");
    assertThat(result.out().lines().filter(l -> l.contains("<alice>")))
        .hasSize(2)
        .allMatch(l -> l.endsWith("ready") || l.endsWith("after them"));
  }

  private static void type(PipedOutputStream keys, String text) {
    try {
      keys.write(text.getBytes(StandardCharsets.UTF_8));
      keys.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
