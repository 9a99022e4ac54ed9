package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat leave @USER}, and {@code /leave} in a private conversation: it leaves the closer's
 * conversation list on the relay while the other party's copy and the messages stay, and a message
 * from the other party, encrypted to both, opens it again with its history readable.
 */
class DirectCloseScriptingEndToEndTest {
  @RegisterExtension final RelayExtension relay = new RelayExtension();

  @TempDir Path home;
  @TempDir Path phoneHome;
  private ScriptRunner chat;

  @BeforeEach
  void runner() {
    chat = relay.scripts(home);
    chat.ok("register", "--user", "alice");
    chat.ok("register", "--user", "bob");
  }

  @Test
  void leave_privateConversation_closedForTheCloserUntilTheOtherWritesToBoth() {
    chat.ok("pm", "bob", "hello bob", "--user", "alice");

    assertThat(chat.ok("leave", "@bob", "--user", "alice").out())
        .isEqualTo("closed @bob (its messages stay; it opens again when either of you writes)\n");

    assertThat(conversations("alice")).doesNotContain("bob");
    assertThat(conversations("bob")).as("bob's copy is untouched").contains("alice");
    ScriptRunner.Result again = chat.run("leave", "@bob", "--user", "alice");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("chat: no open conversation @bob to close\n");

    chat.ok("pm", "alice", "still there?", "--user", "bob");

    assertThat(conversations("alice")).as("open again").contains("bob");
    assertThat(chat.ok("history", "@bob", "--user", "alice").out())
        .as("the history stayed, and bob's new message was encrypted to alice too")
        .contains("hello bob")
        .contains("still there?");
  }

  /** A private conversation's id holds the lowercase name; what is printed, the registered one. */
  @Test
  void privateConversationWithAMixedCaseName_namedAsRegistered() {
    chat.ok("register", "--user", "Maximilian");

    assertThat(chat.ok("pm", "maximilian", "hello", "--user", "alice").out())
        .startsWith("sent to @Maximilian (");
    assertThat(chat.ok("leave", "@maximilian", "--user", "alice").out())
        .startsWith("closed @Maximilian (");
    assertThat(chat.run("leave", "@MAXIMILIAN", "--user", "alice").err())
        .isEqualTo("chat: no open conversation @Maximilian to close\n");
  }

  @Test
  void leave_json_namesTheClosedConversation() {
    chat.ok("pm", "alice", "hi", "--user", "bob");

    assertThat(chat.ok("leave", "@bob", "--json", "--user", "alice").out())
        .isEqualTo("{\"type\":\"closed\",\"conversation\":\"@alice+bob\"}\n");
  }

  @Test
  void slashLeaveInAPrivateConversation_closesIt_andPmOpensItAgain() {
    chat.ok("pm", "alice", "hi", "--user", "bob");

    String closing =
        chat.runWithStdin("/switch @bob\n/leave\n", "run", "--user", "alice", "-").out();

    assertThat(closing).contains("closed").contains("now in #lobby");
    assertThat(conversations("alice")).doesNotContain("bob");

    chat.runWithStdin("/pm bob\n", "run", "--user", "alice", "-");

    assertThat(conversations("alice")).as("/pm opened it again").contains("bob");
    assertThat(conversations("bob")).contains("alice");
  }

  /**
   * A plain {@code chat listen} of alice's on one machine while her other device (a session of its
   * own) closes her conversation with bob and opens it again: the listen says each on stderr, in
   * the line mode's words, naming it @bob.
   */
  @Test
  void listen_privateConversationClosedAndOpenedOnAnotherDevice_saysEachOnStderr()
      throws Exception {
    ScriptRunner phone = relay.scripts(phoneHome);
    phone.ok("login", "--user", "alice");
    chat.ok("pm", "alice", "ready?", "--user", "bob");
    CompletableFuture<ScriptRunner.Result> listening =
        chat.startUntil(new StringWriter(), "ready?", "listen", "--user", "alice", "--count", "2");

    phone.ok("leave", "@bob", "--user", "alice");
    phone.runWithStdin("/pm bob\n", "run", "--user", "alice", "-");
    chat.ok("pm", "alice", "bye", "--user", "bob");
    ScriptRunner.Result listened = listening.get(30, TimeUnit.SECONDS);

    assertThat(listened.exitCode()).as(listened.err()).isZero();
    assertThat(listened.err().lines())
        .containsSubsequence("chat: you closed @bob", "chat: you opened @bob")
        .noneMatch(line -> line.contains("alice+bob"));
    assertThat(listened.out()).contains("bye");
  }

  /** What {@code /switch} lists for {@code user}: their conversations, as the relay keeps them. */
  private String conversations(String user) {
    ScriptRunner.Result result = chat.runWithStdin("/switch\n", "run", "--user", user, "-");
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result.out();
  }
}
