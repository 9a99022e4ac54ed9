package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSendCommandTest {
  private final FakeChatClient client = new FakeChatClient();
  @TempDir Path dir;

  private Cli cli() {
    return new Cli()
        .client(client)
        .env("CHAT_PASSWORD", "password1")
        .env("CHAT_PASSPHRASE", "passphrase1");
  }

  @Test
  void send_file_printsTheFileId() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "hi");

    Cli.Result result =
        cli().run("file", "send", "--user", "alice", file.toString(), "--to", "bob");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("sent notes.txt (1.2 KiB) to @bob as file ");
    assertThat(client.calls).contains("sendFile @alice+bob " + file);
  }

  @Test
  void send_toANameThatIsNeitherRoomNorUser_isRefusedNamingItAsTyped() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "hi");

    for (String to : new String[] {"Bad Name!", "#Bad Name!"}) {
      Cli.Result result = cli().run("file", "send", "--user", "alice", file.toString(), "--to", to);

      assertThat(result.exitCode()).as(to).isEqualTo(1);
      assertThat(result.err())
          .isEqualTo("chat: room names are 1-64 characters of a-z 0-9 _ - (got '" + to + "')\n");
    }
    assertThat(client.calls).noneMatch(call -> call.startsWith("sendFile"));
  }

  @Test
  void help_saysWhatStdoutGets_andWrapsOnlyAtTheWidth() {
    String out = cli().run("file", "send", "--help").out();
    String flat = out.replaceAll("\\s+", " ");

    assertThat(flat)
        .contains("stdout gets 'sent NAME (SIZE) to CONVERSATION as file ID'")
        .contains("A lost connection is resumed where the relay stopped.");
    assertThat(out).doesNotContain("A lost connection is\n");
    assertThat(out.lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(81));
  }

  @Test
  void send_missingFile_namesItAndExits7BeforeLoggingIn() {
    Path missing = dir.resolve("nope.bin");

    Cli.Result result =
        cli().run("file", "send", "--user", "alice", missing.toString(), "--to", "team");

    assertThat(result.exitCode()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err()).isEqualTo("chat: cannot send " + missing + ": no such file\n");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void send_aDirectory_saysSoAndExits7() {
    Cli.Result result =
        cli().run("file", "send", "--user", "alice", dir.toString(), "--to", "team");

    assertThat(result.exitCode()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err())
        .isEqualTo("chat: cannot send " + dir + ": it is a directory, not a file\n");
    assertThat(client.calls).isEmpty();
  }

  @Test
  void send_stateCannotBeWrittenOnceSent_exits0_withAWarning() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "hi");
    client.failClose = SendCommandTest.full();

    Cli.Result result =
        cli().run("file", "send", "--user", "alice", file.toString(), "--to", "bob");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("sent notes.txt");
    assertThat(result.err()).contains("chat: warning: the file was sent, but cannot write");
  }

  @Test
  void send_profileCannotBeWritten_exits7_nothingSent() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "hi");
    client.failSave = SendCommandTest.full();

    Cli.Result result =
        cli().run("file", "send", "--user", "alice", file.toString(), "--to", "bob");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO.code());
    assertThat(client.calls).noneMatch(call -> call.startsWith("sendFile"));
  }
}
