package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat friend} against a relay started with {@code --max-friends 1}: a request or an
 * acceptance past the limit fails with the relay's sentence saying whose list is full (exit 1), the
 * request that could not be accepted still waits, and once a friend is removed it can be.
 */
class FriendLimitScriptingEndToEndTest {
  @RegisterExtension
  final RelayExtension relay = new RelayExtension(config -> config.maxFriends(1));

  @TempDir Path home;
  private ScriptRunner chat;

  @BeforeEach
  void runner() {
    chat = relay.scripts(home);
  }

  @Test
  void friend_pastTheLimitOnEitherSide_refusedWithWhoseListIsFull() {
    for (String user : new String[] {"alice", "bob", "carol"}) {
      chat.ok("register", "--user", user);
    }
    chat.ok("friend", "add", "alice", "--user", "carol");
    chat.ok("friend", "add", "bob", "--user", "alice");
    assertThat(chat.ok("friend", "accept", "alice", "--user", "bob").out())
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
    assertThat(chat.ok("friends", "--user", "alice").out())
        .as("carol's request waits for an answer still")
        .containsPattern("carol +request received");

    chat.ok("friend", "remove", "bob", "--user", "alice");
    assertThat(chat.ok("friend", "accept", "carol", "--user", "alice").out())
        .isEqualTo("you and carol are friends\n");
  }
}
