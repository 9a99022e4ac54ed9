package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.client.FakeChatClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;

  private Cli.Result run(Path script) {
    return Cli.withPassphrase().client(new FakeChatClient()).run("run", script.toString());
  }

  @Test
  void run_aDirectory_isAFileError_notAnInternalOne() {
    Cli.Result result = run(dir);

    assertThat(result.exitCode()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err()).contains("it is a directory").doesNotContain("internal error");
  }

  @Test
  void run_aMissingFile_isSaidBeforeThePassphraseIsAskedOrTheRelayReached() {
    FakeChatClient fake = new FakeChatClient();
    Path missing = dir.resolve("missing.txt");

    Cli.Result result =
        new Cli()
            .env(Secrets.ENV_PASSWORD, "a password")
            .client(fake)
            .run("run", "--user", "alice", missing.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err()).isEqualTo("chat: cannot read " + missing + ": no such file\n");
    assertThat(result.prompts()).isEmpty();
    assertThat(fake.calls).noneMatch(call -> call.startsWith("login"));
  }

  @Test
  void run_aFileThatIsNotUtf8Text_isAFileError_notAnInternalOne() throws Exception {
    Path binary = Files.write(dir.resolve("bin.txt"), new byte[] {'/', 'h', (byte) 0xff, '\n'});

    Cli.Result result = run(binary);

    assertThat(result.exitCode()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err()).contains("line 1 is not UTF-8 text").doesNotContain("internal error");
  }

  @Test
  void run_fromStdin_runsTheLinesBeforeABadByte_andNamesItsLine() {
    FakeChatClient fake = new FakeChatClient();
    byte[] script = {
      '/', 'j', 'o', 'i', 'n', ' ', 'o', 'p', 's', '\n', 'h', 'i', (byte) 0xff, '\n'
    };

    Cli.Result result =
        Cli.withPassphrase()
            .env("CHAT_PASSWORD", "a password")
            .client(fake)
            .stdin(script)
            .run("run", "--user", "alice", "-");

    assertThat(result.exitCode()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err())
        .contains("cannot read standard input: line 2 is not UTF-8 text")
        .doesNotContain("\uFFFD");
    assertThat(fake.calls).contains("join #ops").noneMatch(call -> call.startsWith("send"));
  }

  /** A failed read of the script is said in the lower-case words of other file errors. */
  @Test
  void run_fromStdin_aFailedRead_isSaidInLowerCase() throws IOException {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("Input/output error");
          }
        };

    try (ScriptLines lines = new ScriptLines(failing, "standard input")) {
      assertThatThrownBy(lines::next)
          .isInstanceOf(CommandException.FileAccess.class)
          .hasMessage("cannot read standard input: input/output error");
    }
  }

  @Test
  void run_crlfLinesAfterAByteOrderMark_runAsCommands() throws Exception {
    FakeChatClient fake = new FakeChatClient();
    Path script =
        Files.writeString(dir.resolve("crlf.txt"), "\uFEFF/join ops\r\n\uFEFF/join dev\r\n");

    Cli.Result result =
        Cli.withPassphrase()
            .env("CHAT_PASSWORD", "a password")
            .client(fake)
            .run("run", "--user", "alice", script.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(fake.calls).contains("join #ops", "join #dev");
  }

  @Test
  void run_historyCountAboveOneThousand_isAllowedAsForChatHistory() throws Exception {
    FakeChatClient fake = new FakeChatClient();
    Path script = Files.writeString(dir.resolve("s.txt"), "/history lobby 5000\n");

    Cli.Result result = loggedIn(fake).run("run", script.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(fake.calls).contains("history #lobby 5000");
  }

  @Test
  void run_historyCountAboveTheLimit_namesTheRealRange() throws Exception {
    Path script = Files.writeString(dir.resolve("s.txt"), "/history lobby 10001\n");

    Cli.Result result = loggedIn(new FakeChatClient()).run("run", script.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err()).isEqualTo("chat: line 1: N must be a number from 1 to 10000\n");
  }

  @Test
  void run_fileSendOfAMissingFileToARoom_namesThePathAndExits7() throws Exception {
    FakeChatClient fake = new FakeChatClient();
    Path script =
        Files.writeString(dir.resolve("s.txt"), "/join team\n/file send /nonexistent team\n");

    Cli.Result result = loggedIn(fake).run("run", script.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err()).isEqualTo("chat: line 2: cannot send /nonexistent: no such file\n");
    assertThat(fake.calls).noneMatch(call -> call.startsWith("sendFile"));
  }

  private static Cli loggedIn(FakeChatClient fake) {
    return Cli.withPassphrase()
        .env(Secrets.ENV_PASSWORD, "a password")
        .env("CHAT_USER", "alice")
        .client(fake);
  }
}
