package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditQuery;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script that posts faster than the relay takes from one account ({@code --messages-per-second},
 * {@code --message-burst}): the client waits out each refusal and sends the same message again, so
 * every line arrives, once and in order, and the script succeeds; the relay audits that it refused.
 */
class MessagePacingEndToEndTest {
  @RegisterExtension
  final RelayExtension relay = new RelayExtension(b -> b.messagesPerSecond(2).messageBurst(3));

  @TempDir Path home;

  @Test
  void chatRun_pastTheAccountsBurst_isPacedToTheRelaysRate_andEveryLineArrivesOnce()
      throws Exception {
    ScriptRunner chat = relay.scripts(home);
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();
    String lines =
        IntStream.rangeClosed(1, 8).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));

    ScriptRunner.Result run =
        chat.runWithStdin("/join flood\n" + lines + "\n", "run", "--user", "alice", "-");

    assertThat(run.exitCode()).as(run.err()).isZero();
    ScriptRunner.Result history = chat.run("history", "--user", "alice", "flood", "-n", "20");
    assertThat(
            history
                .out()
                .lines()
                .filter(line -> !line.startsWith("---")) // the day's separator
                .map(line -> line.replaceAll("^.*> ", ""))
                .toList())
        .containsExactly(lines.split("\n"));
    try (Connection c = Database.openReadOnly(relay.dataDir())) {
      List<AuditEvent> limited =
          new AuditRepository()
              .find(
                  c,
                  new AuditQuery(Optional.of("alice"), 0, Optional.of(AuditType.RATE_LIMITED), 10));
      assertThat(limited)
          .extracting(AuditEvent::detail)
          .containsExactly("messages (over 2 a second from this account)");
    }
  }
}
