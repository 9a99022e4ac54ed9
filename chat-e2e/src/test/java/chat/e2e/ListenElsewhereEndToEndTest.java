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
 * A plain {@code chat listen} of alice's while her other device, a session of its own in another
 * home, joins and leaves a room or creates a group: the listen says each on stderr in the line
 * mode's words, so the conversation's messages starting and stopping are explained.
 */
class ListenElsewhereEndToEndTest {
  @RegisterExtension final RelayExtension relay = new RelayExtension();

  @TempDir Path home;
  @TempDir Path phoneHome;

  @Test
  void listen_roomJoinedAndLeftOnAnotherDevice_saysEachOnStderr() throws Exception {
    ScriptRunner chat = relay.scripts(home);
    chat.ok("register", "--user", "alice");
    chat.ok("register", "--user", "bob");
    chat.ok("join", "ops", "--user", "bob");
    ScriptRunner phone = relay.scripts(phoneHome);
    phone.ok("login", "--user", "alice");
    chat.ok("send", "lobby", "ready?", "--user", "bob");
    CompletableFuture<ScriptRunner.Result> listening =
        chat.startUntil(new StringWriter(), "ready?", "listen", "--user", "alice", "--count", "3");

    phone.ok("join", "ops", "--user", "alice");
    chat.ok("send", "ops", "in ops", "--user", "bob");
    phone.ok("leave", "ops", "--user", "alice");
    chat.ok("send", "lobby", "bye", "--user", "bob");
    ScriptRunner.Result listened = listening.get(30, TimeUnit.SECONDS);

    assertThat(listened.exitCode()).as(listened.err()).isZero();
    assertThat(listened.err().lines())
        .containsSubsequence("chat: you joined #ops", "chat: you left #ops");
    assertThat(listened.out()).contains("in ops").contains("bye");
  }

  @Test
  void listen_groupCreatedOnAnotherDevice_saysYouJoinedIt() throws Exception {
    ScriptRunner chat = relay.scripts(home);
    chat.ok("register", "--user", "alice");
    chat.ok("register", "--user", "bob");
    ScriptRunner phone = relay.scripts(phoneHome);
    phone.ok("login", "--user", "alice");
    chat.ok("send", "lobby", "ready?", "--user", "bob");
    CompletableFuture<ScriptRunner.Result> listening =
        chat.startUntil(new StringWriter(), "ready?", "listen", "--user", "alice", "--count", "2");

    phone.ok("group", "create", "team", "--user", "alice");
    phone.ok("send", "team", "made on the phone", "--user", "alice");
    ScriptRunner.Result listened = listening.get(30, TimeUnit.SECONDS);

    assertThat(listened.exitCode()).as(listened.err()).isZero();
    assertThat(listened.err().lines()).contains("chat: you joined #team");
    assertThat(listened.out()).contains("made on the phone");
  }
}
