package chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The scripting commands against a real relay, with their output and exit codes. */
class ScriptingEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final RelayExtension relay = new RelayExtension();
  @TempDir Path home;
  @TempDir Path other;
  private ScriptRunner chat;

  @BeforeEach
  void runner() {
    chat = relay.scripts(home);
  }

  @Test
  void registerSendHistory_asScripts_printAndExitZero() {
    ScriptRunner.Result alice = chat.run("register", "--user", "alice");
    assertThat(alice.exitCode()).as(alice.err()).isZero();
    assertThat(alice.out()).contains("registered alice").contains("fingerprint:");
    assertThat(alice.err()).contains("pinned the certificate of relay");
    assertThat(Files.exists(home.resolve("alice").resolve("identity.key"))).isTrue();
    assertThat(chat.run("register", "--user", "bob").exitCode()).isZero();
    ScriptRunner.Result you = chat.run("register", "--user", "Y0u");
    assertThat(you.exitCode()).isEqualTo(1);
    assertThat(you.err()).contains("a name that reads as \"you\" (You, y0u, ...) cannot be");

    assertThat(chat.run("join", "--user", "alice", "ops").exitCode()).isZero();
    assertThat(chat.run("join", "--user", "bob", "ops").exitCode()).isZero();
    ScriptRunner.Result sent = chat.run("send", "--user", "alice", "ops", "deploy", "at", "noon");
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    assertThat(sent.out()).startsWith("sent to #ops (#1,");
    assertThat(chat.runWithStdin("message from stdin\n", "--user", "bob", "send", "ops").exitCode())
        .isZero();
    assertThat(chat.run("pm", "--user", "bob", "alice", "psst").exitCode()).isZero();
    ScriptRunner.Result typo = chat.run("pm", "--user", "bob", "Alise", "psst");
    assertThat(typo.exitCode()).isEqualTo(1);
    assertThat(typo.err()).as("the name typed is said").contains("no such user: alise");
    ScriptRunner.Result action = chat.run("send", "--user", "alice", "--action", "ops", "waves");
    assertThat(action.exitCode()).as(action.err()).isZero();

    ScriptRunner.Result history = chat.run("history", "--user", "bob", "ops", "-n", "10");
    assertThat(history.exitCode()).as(history.err()).isZero();
    assertThat(history.out())
        .contains("<alice> deploy at noon")
        .contains("<bob> message from stdin")
        .contains("* alice waves");
    JsonNode waved =
        parseLines(chat.run("history", "--user", "bob", "ops", "-n", "1", "--json").out()).get(0);
    assertThat(waved.get("action").asBoolean()).isTrue();
    assertThat(waved.get("text").asText()).isEqualTo("waves");
    ScriptRunner.Result direct = chat.run("--user", "alice", "history", "@bob", "--json");
    JsonNode line = parseLines(direct.out()).get(0);
    assertThat(line.get("text").asText()).isEqualTo("psst");
    assertThat(line.get("direct").asBoolean()).isTrue();
    assertThat(line.get("sender").asText()).isEqualTo("bob");
  }

  @Test
  void replies_quoteTheAnsweredMessageAsEachReaderHoldsIt_andItsDeletionTakesTheQuoteAway() {
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();
    assertThat(chat.run("register", "--user", "bob").exitCode()).isZero();
    assertThat(chat.run("join", "--user", "alice", "ops").exitCode()).isZero();
    assertThat(chat.run("join", "--user", "bob", "ops").exitCode()).isZero();
    ScriptRunner.Result sent =
        chat.run("send", "--user", "alice", "--json", "ops", "deploy", "at", "noon?");
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    String id = parseLines(sent.out()).get(0).get("id").asText();

    ScriptRunner.Result reply =
        chat.run("send", "--user", "bob", "--reply-to", id, "ops", "sure", ":+1:");
    assertThat(reply.exitCode()).as(reply.err()).isZero();
    ScriptRunner.Result notAnId =
        chat.run("send", "--user", "bob", "--reply-to", "12ab", "ops", "x");
    assertThat(notAnId.exitCode()).isEqualTo(1);
    assertThat(notAnId.err())
        .isEqualTo(
            "chat: not a message id: \"12ab\" (message ids are 32 hex digits, as chat listen"
                + " --json and chat history --json print them)\n");

    ScriptRunner.Result history = chat.run("history", "--user", "alice", "ops");
    assertThat(history.out()).contains("(re alice: \"deploy at noon?\") <bob> sure 👍");
    JsonNode answer =
        parseLines(chat.run("history", "--user", "alice", "ops", "-n", "2", "--json").out()).get(1);
    assertThat(answer.get("replyTo").get("id").asText()).isEqualTo(id);
    assertThat(answer.get("replyTo").get("sender").asText()).isEqualTo("alice");
    JsonNode alone =
        parseLines(chat.run("history", "--user", "alice", "ops", "-n", "1", "--json").out()).get(0);
    assertThat(alone.get("replyTo").has("sender"))
        .as("the answered message is not among those fetched")
        .isFalse();

    assertThat(chat.run("delete", "--user", "alice", "ops", id).exitCode()).isZero();
    ScriptRunner.Result after = chat.run("history", "--user", "bob", "ops");
    assertThat(after.out())
        .contains("(re a message not shown here) <bob> sure 👍")
        .doesNotContain("noon");
  }

  /**
   * An edit reads as one to every member only when it names an earlier text message of its own
   * sender: one naming another member's message quotes nothing of it.
   */
  @Test
  void edits_quoteTheMessageTheyCorrect_onlyForItsOwnSender() {
    for (String user : List.of("alice", "bob")) {
      assertThat(chat.run("register", "--user", user).exitCode()).isZero();
      assertThat(chat.run("join", "--user", user, "ops").exitCode()).isZero();
    }
    ScriptRunner.Result sent =
        chat.run("send", "--user", "alice", "--json", "ops", "deploy at noon");
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    String id = parseLines(sent.out()).get(0).get("id").asText();

    ScriptRunner.Result edit =
        chat.run("send", "--user", "alice", "--json", "--edit", id.toUpperCase(), "ops", "at one");
    assertThat(edit.exitCode()).as(edit.err()).isZero();
    ScriptRunner.Result forged = chat.run("send", "--user", "bob", "--edit", id, "ops", "never");
    assertThat(forged.exitCode()).as(forged.err()).isZero();
    ScriptRunner.Result both =
        chat.run("send", "--user", "alice", "--edit", id, "--reply-to", id, "ops", "x");
    assertThat(both.exitCode()).isEqualTo(1);
    assertThat(both.err())
        .isEqualTo(
            "chat: --edit and --reply-to cannot be used together: an edit is a new version of your"
                + " message, not a reply\n");

    ScriptRunner.Result history = chat.run("history", "--user", "bob", "ops");
    assertThat(history.out())
        .contains("<alice> deploy at noon")
        .contains("(edit of \"deploy at noon\") <alice> at one")
        .contains("(edit of a message not shown here) <bob> never");
    List<JsonNode> lines =
        parseLines(chat.run("history", "--user", "bob", "ops", "-n", "3", "--json").out());
    assertThat(lines.get(1).get("edits").get("id").asText()).isEqualTo(id);
    assertThat(lines.get(1).get("edits").get("sender").asText()).isEqualTo("alice");
    assertThat(lines.get(1).has("replyTo")).isFalse();
    assertThat(lines.get(2).get("edits").has("sender")).isFalse();
  }

  /** A reaction is one emoji on a message, which every reader quotes from its own copy. */
  @Test
  void reactions_quoteTheMessageTheyAreOn_andAreOneEmoji() {
    for (String user : List.of("alice", "bob")) {
      assertThat(chat.run("register", "--user", user).exitCode()).isZero();
      assertThat(chat.run("join", "--user", user, "ops").exitCode()).isZero();
    }
    ScriptRunner.Result sent =
        chat.run("send", "--user", "alice", "--json", "ops", "deploy at noon");
    assertThat(sent.exitCode()).as(sent.err()).isZero();
    String id = parseLines(sent.out()).get(0).get("id").asText();

    ScriptRunner.Result reacted =
        chat.run("send", "--user", "bob", "--react-to", id, "ops", ":+1:");
    assertThat(reacted.exitCode()).as(reacted.err()).isZero();
    ScriptRunner.Result words = chat.run("send", "--user", "bob", "--react-to", id, "ops", "nice");
    assertThat(words.exitCode()).isEqualTo(1);
    assertThat(words.err())
        .isEqualTo("chat: a reaction is one emoji, such as 👍 or :+1: (not \"nice\")\n");
    ScriptRunner.Result both =
        chat.run("send", "--user", "bob", "--react-to", id, "--action", "ops", "🎉");
    assertThat(both.exitCode()).isEqualTo(1);

    assertThat(chat.run("history", "--user", "alice", "ops").out())
        .contains("(re alice: \"deploy at noon\") * bob reacts 👍");
    JsonNode reaction =
        parseLines(chat.run("history", "--user", "alice", "ops", "-n", "2", "--json").out()).get(1);
    assertThat(reaction.get("reactsTo").get("id").asText()).isEqualTo(id);
    assertThat(reaction.get("reactsTo").get("sender").asText()).isEqualTo("alice");
    assertThat(reaction.get("text").asText()).isEqualTo("👍");
  }

  @Test
  void listen_aReplyToAMessageItPrinted_quotesIt() throws Exception {
    for (String user : List.of("alice", "bob", "carol")) {
      assertThat(chat.run("register", "--user", user).exitCode()).isZero();
    }
    CompletableFuture<ScriptRunner.Result> listening =
        CompletableFuture.supplyAsync(
            () -> chat.run("listen", "--user", "bob", "--count", "2"), OwnThread.EACH);
    String[] id = new String[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              ScriptRunner.Result sent =
                  chat.run("send", "--user", "alice", "--json", "lobby", "deploy at noon?");
              id[0] = sent.exitCode() == 0 ? parseLines(sent.out()).get(0).get("id").asText() : "";
              return sent.exitCode() == 0;
            });
    ScriptRunner.Result reply =
        chat.run("send", "--user", "carol", "--reply-to", id[0], "lobby", "on it");
    assertThat(reply.exitCode()).as(reply.err()).isZero();

    ScriptRunner.Result result = listening.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("<alice> deploy at noon?")
        .contains("(re alice: \"deploy at noon?\") <carol> on it");
  }

  @Test
  void listenJson_streamsMessagesOnePerLine_parsedByAScript() throws Exception {
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();
    assertThat(chat.run("register", "--user", "bob").exitCode()).isZero();
    CompletableFuture<ScriptRunner.Result> listening =
        CompletableFuture.supplyAsync(
            () -> chat.run("listen", "--user", "bob", "--json", "--count", "2"), OwnThread.EACH);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> chat.run("send", "--user", "alice", "lobby", "first").exitCode() == 0);
    ScriptRunner.Result second = chat.run("send", "--user", "alice", "lobby", "second \u001b[31m");
    assertThat(second.exitCode()).isZero();
    ScriptRunner.Result result = listening.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(result.exitCode()).as(result.err()).isZero();
    List<JsonNode> messages = new ArrayList<>();
    for (JsonNode node : parseLines(result.out())) {
      if (node.get("type").asText().equals("message")) {
        messages.add(node);
      }
    }
    assertThat(messages).hasSize(2);
    assertThat(messages.get(1).get("text").asText()).isEqualTo("second \u001b[31m");
    assertThat(result.out()).doesNotContain("\u001b");
    assertThat(messages.get(0).get("conversation").asText()).isEqualTo("#lobby");
  }

  /**
   * A profile's first message, sent by a one-shot {@code chat send} before any {@code listen} ran,
   * does not mark what others sent before it as read: the first {@code listen} prints it.
   */
  @Test
  void listen_afterAFirstOneShotSend_printsWhatOthersSentBeforeIt() throws Exception {
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();
    assertThat(chat.run("register", "--user", "erin").exitCode()).isZero();
    assertThat(chat.run("send", "--user", "alice", "lobby", "before erin wrote").exitCode())
        .isZero();
    assertThat(chat.run("send", "--user", "erin", "lobby", "erin's first").exitCode()).isZero();

    CompletableFuture<ScriptRunner.Result> listening =
        CompletableFuture.supplyAsync(
            () -> chat.run("listen", "--user", "erin", "--json", "--count", "1"), OwnThread.EACH);
    // A later message, so that the listen ends even if it had passed over the earlier one.
    assertThat(chat.run("send", "--user", "alice", "lobby", "later").exitCode()).isZero();
    ScriptRunner.Result listened = listening.get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(listened.exitCode()).as(listened.err()).isZero();
    assertThat(texts(listened.out())).containsExactly("before erin wrote");
  }

  @Test
  void listenCount_leavesTheMessagesAfterTheLastPrintedForTheNextListen() throws Exception {
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();
    assertThat(chat.run("register", "--user", "bob").exitCode()).isZero();
    for (String batch : List.of("A", "B", "C")) {
      assertThat(chat.run("send", "--user", "alice", "lobby", "batch " + batch).exitCode())
          .isZero();
    }

    ScriptRunner.Result first = chat.run("listen", "--user", "bob", "--json", "--count", "1");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(texts(first.out())).containsExactly("batch A");

    CompletableFuture<ScriptRunner.Result> listening =
        CompletableFuture.supplyAsync(
            () -> chat.run("listen", "--user", "bob", "--json", "--count", "2"), OwnThread.EACH);
    // Live messages, so that the listen ends even if it had lost B and C.
    for (String later : List.of("later 1", "later 2")) {
      assertThat(chat.run("send", "--user", "alice", "lobby", later).exitCode()).isZero();
    }
    ScriptRunner.Result second = listening.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(texts(second.out())).containsExactly("batch B", "batch C");

    ScriptRunner.Result third = chat.run("listen", "--user", "bob", "--json", "--count", "2");
    assertThat(texts(third.out())).containsExactly("later 1", "later 2");
  }

  @Test
  void listen_whoseOutputCloses_stopsWithExit7_andTheNextListenPrintsWhatItCouldNot()
      throws Exception {
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();
    assertThat(chat.run("register", "--user", "bob").exitCode()).isZero();
    for (String batch : List.of("A", "B", "C")) {
      assertThat(chat.run("send", "--user", "alice", "lobby", "batch " + batch).exitCode())
          .isZero();
    }

    // The connection line and batch A get through; then the reader is gone, as after `| head -2`.
    CompletableFuture<ScriptRunner.Result> listening =
        CompletableFuture.supplyAsync(
            () -> chat.runPrintingTo(new ClosingWriter(2), "listen", "--user", "bob", "--json"),
            OwnThread.EACH);
    ScriptRunner.Result closed = listening.get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(closed.exitCode()).isEqualTo(7);
    assertThat(closed.err()).contains("chat: cannot write to standard output");
    assertThat(texts(closed.out())).containsExactly("batch A");
    ScriptRunner.Result next = chat.run("listen", "--user", "bob", "--json", "--count", "2");
    assertThat(texts(next.out())).containsExactly("batch B", "batch C");
  }

  /** Output whose reader goes away after {@code lines} lines: every later write fails. */
  private static final class ClosingWriter extends java.io.Writer {
    private final StringBuilder text = new StringBuilder();
    private int lines;

    ClosingWriter(int lines) {
      this.lines = lines;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws java.io.IOException {
      if (lines == 0) {
        throw new java.io.IOException("Broken pipe");
      }
      for (int i = offset; i < offset + length; i++) {
        text.append(chars[i]);
        lines -= chars[i] == '\n' ? 1 : 0;
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }

  @Test
  void listen_stoppedBySigterm_exitsZero() throws Exception {
    assertThat(chat.run("register", "--user", "bob").exitCode()).isZero();
    ProcessBuilder builder =
        chat.process("listen", "--user", "bob").redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process listen = builder.start();
    try {
      java.io.BufferedReader err =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  listen.getErrorStream(), java.nio.charset.StandardCharsets.UTF_8));
      CompletableFuture<String> listening =
          CompletableFuture.supplyAsync(
              () -> {
                StringBuilder said = new StringBuilder();
                err.lines()
                    .takeWhile(
                        line ->
                            !said.append(line).append('\n').toString().contains("listening as bob"))
                    .forEach(line -> {});
                return said.toString();
              },
              OwnThread.EACH);
      assertThat(listening.get(60, java.util.concurrent.TimeUnit.SECONDS))
          .contains("listening as bob");

      listen.destroy(); // SIGTERM

      assertThat(listen.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(listen.exitValue()).isZero();
    } finally {
      listen.destroyForcibly();
    }
  }

  @Test
  void listen_endsWhenItsSessionIsLoggedOutElsewhere_sayingSoOnce() throws Exception {
    assertThat(chat.run("register", "--user", "bob").exitCode()).isZero();
    CompletableFuture<ScriptRunner.Result> listening =
        CompletableFuture.supplyAsync(() -> chat.run("listen", "--user", "bob"), OwnThread.EACH);
    // Until listen has saved its session, a logout may end an older one: repeat until it stops.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              chat.run("logout", "--user", "bob");
              return listening.isDone();
            });

    ScriptRunner.Result result = listening.get(5, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(result.exitCode()).isEqualTo(2);
    String said = "the session for bob was ended from another device";
    assertThat(result.err()).contains(said).contains("; log in again: chat login --user bob");
    assertThat(result.err().indexOf(said)).isEqualTo(result.err().lastIndexOf(said));
  }

  @Test
  void logout_withAWrongPassphrase_stillRevokesTheSessionOnTheRelay() throws Exception {
    assertThat(chat.run("register", "--user", "bob").exitCode()).isZero();
    Path copy = other.resolve("bob");
    try (var files = Files.walk(home.resolve("bob"))) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(home.resolve("bob").relativize(file).toString()));
      }
    }

    ScriptRunner.Result logout =
        chat.env("CHAT_PASSPHRASE", "not the passphrase").run("logout", "--user", "bob");

    assertThat(logout.exitCode()).as(logout.err()).isZero();
    assertThat(logout.out()).isEqualTo("logged out\n");
    ScriptRunner.Result withTheOldToken =
        relay.scripts(other).env("CHAT_PASSWORD", "").run("rooms", "--user", "bob");
    assertThat(withTheOldToken.exitCode()).isEqualTo(2);
    assertThat(withTheOldToken.err())
        .isEqualTo(
            "chat: the session for bob was ended (logged out or ended from a sessions list on"
                + " another device, or the password was changed) or has expired; log in again:"
                + " chat login --user bob\n");
  }

  @Test
  void failures_mapToDocumentedExitCodes() {
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();
    ScriptRunner.Result sameMachine = chat.run("register", "--user", "Alice");
    assertThat(sameMachine.exitCode()).isEqualTo(1);
    assertThat(sameMachine.err())
        .contains("chat: this device already has a profile for alice (")
        .contains("usernames ignore case: log in as alice if that account exists");
    ScriptRunner.Result otherPassphrase =
        relay
            .scripts(home)
            .env("CHAT_PASSPHRASE", "a passphrase for a new name")
            .run("register", "--user", "alice");
    assertThat(otherPassphrase.exitCode()).isEqualTo(2);
    assertThat(otherPassphrase.err())
        .startsWith(
            "chat: the passphrase does not open the key file this device already keeps for"
                + " alice (")
        .contains("which registering reuses: log in as alice if that account exists")
        .endsWith("(the passphrase from CHAT_PASSPHRASE)\n");
    ScriptRunner.Result again = chat.run("register", "--user", "alice");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err())
        .startsWith("chat: alice is registered already, and this device keeps keys for alice (")
        .endsWith("): if that account is yours, log in as alice; else register another name\n");
    ScriptRunner.Result taken =
        relay.scripts(home.resolve("other")).run("register", "--user", "Alice");
    assertThat(taken.exitCode()).isEqualTo(1);
    assertThat(taken.err()).contains("taken");
    assertThat(home.resolve("other").resolve("alice"))
        .as("no keys made, no profile folder left for a taken name")
        .doesNotExist();
    ScriptRunner.Result lookalike =
        relay.scripts(home.resolve("other")).run("register", "--user", "aIice");
    assertThat(lookalike.exitCode()).isEqualTo(1);
    assertThat(lookalike.err())
        .contains("chat: the name aIice is too like an existing account's name");
    assertThat(home.resolve("other").resolve("aiice")).doesNotExist();

    ScriptRunner badPassword =
        relay.scripts(home.resolve("elsewhere")).env("CHAT_PASSWORD", "wrong password");
    ScriptRunner.Result auth = badPassword.run("login", "--user", "alice");
    assertThat(auth.exitCode()).isEqualTo(2);
    assertThat(auth.err()).contains("chat: login failed: wrong username or password");

    ScriptRunner.Result notMember = chat.run("send", "--user", "alice", "nowhere", "hi");
    assertThat(notMember.exitCode()).isEqualTo(1);
    assertThat(notMember.err()).isEqualTo("chat: you are not in #nowhere\n");

    ScriptRunner.Result noRelay =
        new ScriptRunner(closedPort(), home).run("send", "--user", "alice", "lobby", "hi");
    assertThat(noRelay.exitCode()).isEqualTo(3);
    assertThat(noRelay.err()).contains("cannot reach the relay");
    assertThat(noRelay.err()).doesNotContain("Exception");
  }

  @Test
  void wrongSecretsGivenInTheEnvironment_theFailureSaysWhereTheyCameFrom_neverTheirValue() {
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();
    String wrongPassphrase = "not the key passphrase";

    // A resume (stored session) and a password login unlock the key file the same way.
    ScriptRunner.Result resumed =
        relay.scripts(home).env("CHAT_PASSPHRASE", wrongPassphrase).run("rooms", "--user", "alice");
    ScriptRunner.Result loggedIn =
        relay.scripts(home).env("CHAT_PASSPHRASE", wrongPassphrase).run("login", "--user", "alice");
    ScriptRunner.Result wrongPassword =
        relay
            .scripts(home)
            .env("CHAT_PASSWORD", "not the account password")
            .run("login", "--user", "alice");

    for (ScriptRunner.Result result : List.of(resumed, loggedIn)) {
      assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
      assertThat(result.err())
          .contains("chat: wrong passphrase for ")
          .contains("identity.key (the passphrase from CHAT_PASSPHRASE)")
          .doesNotContain(wrongPassphrase);
    }
    assertThat(wrongPassword.exitCode()).isEqualTo(2);
    assertThat(wrongPassword.err())
        .contains(
            "chat: login failed: wrong username or password (the password from CHAT_PASSWORD)")
        .doesNotContain("not the account password");
  }

  @Test
  void runScript_executesSlashCommands_andStopsAtTheFirstFailure() {
    assertThat(chat.run("register", "--user", "alice").exitCode()).isZero();
    String script = "# a comment\n/join ops\nhello from a script\n/leave nowhere\n/send never\n";
    ScriptRunner.Result result = chat.runWithStdin(script, "run", "--user", "alice", "-");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("line 4:");
    ScriptRunner.Result history = chat.run("history", "--user", "alice", "ops");
    assertThat(history.out()).contains("hello from a script").doesNotContain("never");
  }

  /** A port nothing listens on, nor will while this test runs (see {@link QuietPorts}). */
  private static int closedPort() {
    return QuietPorts.free();
  }

  /** The texts of the message lines of {@code --json} output, in order. */
  private static List<String> texts(String out) {
    List<String> texts = new ArrayList<>();
    for (JsonNode node : parseLines(out)) {
      if (node.get("type").asText().equals("message")) {
        texts.add(node.get("text").asText());
      }
    }
    return texts;
  }

  private static List<JsonNode> parseLines(String out) {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        try {
          nodes.add(JSON.readTree(line));
        } catch (java.io.IOException e) {
          throw new AssertionError("not a JSON line: " + line, e);
        }
      }
    }
    return nodes;
  }
}
