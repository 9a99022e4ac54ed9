package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import chat.server.Relay;
import chat.server.RelayConfig;
import chat.server.RelayFixture;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat friend} against a relay started with {@code --max-friends 1}: a request or an
 * acceptance past the limit fails with the relay's sentence saying whose list is full (exit 1), the
 * request that could not be accepted still waits, and once a friend is removed it can be.
 */
class FriendLimitScriptingEndToEndTest {
  @TempDir Path dataDir;
  @TempDir Path home;
  private Relay relay;
  private ScriptRunner chat;

  @BeforeEach
  void start() throws Exception {
    RelayConfig config = RelayFixture.config(dataDir).withMaxFriends(1);
    relay = Relay.start(config, Clock.systemUTC(), RelayFixture.RANDOM);
    chat = new ScriptRunner(relay.port(), home);
  }

  @AfterEach
  void stop() {
    relay.close();
  }

  private ScriptRunner.Result ok(String... args) {
    ScriptRunner.Result result = chat.run(args);
    assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
    return result;
  }

  @Test
  void friend_pastTheLimitOnEitherSide_refusedWithWhoseListIsFull() {
    for (String user : new String[] {"alice", "bob", "carol"}) {
      ok("register", "--user", user);
    }
    ok("friend", "add", "alice", "--user", "carol");
    ok("friend", "add", "bob", "--user", "alice");
    assertThat(ok("friend", "accept", "alice", "--user", "bob").out())
        .isEqualTo("you and alice are friends\n");

    ScriptRunner.Result accept = chat.run("friend", "accept", "carol", "--user", "alice");
    assertThat(accept.exitCode()).isEqualTo(1);
    assertThat(accept.err())
        .isEqualTo("chat: you have 1 friend, this relay's limit: remove a friend first\n");
    ScriptRunner.Result add = chat.run("friend", "add", "bob", "--user", "carol");
    assertThat(add.exitCode()).isEqualTo(1);
    assertThat(add.err())
        .isEqualTo(
            "chat: bob has 1 friend, this relay's limit: bob must remove a friend before you can"
                + " be friends\n");
    assertThat(ok("friends", "--user", "alice").out())
        .as("carol's request waits for an answer still")
        .containsPattern("carol +request received");

    ok("friend", "remove", "bob", "--user", "alice");
    assertThat(ok("friend", "accept", "carol", "--user", "alice").out())
        .isEqualTo("you and carol are friends\n");
  }
}
