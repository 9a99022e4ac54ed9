package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code chat listen} whose relay comes back with another certificate stops with exit 3, saying
 * the warning with both fingerprints once on stderr, and advice a script can follow.
 */
class ListenCertificateChangeEndToEndTest {
  @RegisterExtension final HostileRelayExtension relay = new HostileRelayExtension();

  @TempDir Path home;

  @Test
  void listen_certificateChanged_exits3_warningSaidOnce() throws Exception {
    ScriptRunner chat = new ScriptRunner(relay.proxy().port(), home);
    chat.ok("register", "--user", "alice");
    StringWriter out = new StringWriter();
    CompletableFuture<ScriptRunner.Result> listening =
        chat.startUntil(out, "logged in as alice", "listen", "--user", "alice", "--json");

    relay.proxy().newCertificate();
    relay.proxy().dropConnections();
    ScriptRunner.Result listened = listening.get(60, TimeUnit.SECONDS);

    assertThat(listened.exitCode()).as(listened.err()).isEqualTo(3);
    assertThat(listened.err().split("HAS CHANGED", -1)).as(listened.err()).hasSize(2);
    assertThat(listened.err())
        .contains(
            "chat: stopped: the relay's certificate changed (see the warning above); once that"
                + " is settled, run chat listen again");
    assertThat(listened.out())
        .contains("not reconnecting: once that is settled, log in again as alice")
        .doesNotContain("/login");
  }
}
