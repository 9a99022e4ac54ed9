package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.ConnectionState;
import chat.cli.client.FakeChatClient;
import chat.cli.client.FileOffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileGetCommandTest {
  private final FakeChatClient client = new FakeChatClient();

  private Cli cli() {
    return new Cli()
        .client(client)
        .env("CHAT_PASSWORD", "password1")
        .env("CHAT_PASSPHRASE", "passphrase1")
        .env("HOME", "/home/tester");
  }

  @Test
  void get_offeredFile_printsThePathOnStdoutAndProgressOnStderr() {
    FileOffer offer = client.fireFileOffer("#lobby", "alice", "report.pdf", 2048);
    Cli.Result result = cli().run("file", "get", "--user", "bob", offer.shortId());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo(Path.of("downloads", "report.pdf") + System.lineSeparator());
    assertThat(result.err()).contains("chat: downloading report.pdf: 50%");
    assertThat(client.calls).contains("acceptFile " + offer.shortId());
  }

  /** A script waiting for the relay says so, in the words the client uses elsewhere. */
  @Test
  void get_connectionLostMidway_saysItIsLostAndWhenItIsBack_onStderr() {
    FileOffer offer = client.fireFileOffer("#lobby", "alice", "report.pdf", 2048);
    client.whileDownloading(
        () -> {
          client.setState(
              ConnectionState.RECONNECTING, "connection to the relay lost; reconnecting");
          client.setState(ConnectionState.OFFLINE, "the relay is shutting down"); // the loss
          client.setState(ConnectionState.RECONNECTING, "cannot reach the relay");
          client.setState(ConnectionState.ONLINE, "reconnected to 127.0.0.1:7711");
        });

    Cli.Result result =
        cli()
            .env("CHAT_SERVER", "127.0.0.1:7711")
            .run("file", "get", "--user", "bob", offer.shortId());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err().lines().filter(line -> !line.contains("downloading")))
        .containsExactly(
            "chat: connection lost, reconnecting (connection to the relay lost)",
            "chat: reconnected to 127.0.0.1:7711");
    FileOffer another = client.fireFileOffer("#lobby", "alice", "notes.txt", 10);
    Cli.Result json =
        cli()
            .env("CHAT_SERVER", "127.0.0.1:7711")
            .run("--json", "file", "get", "--user", "bob", another.fileId());
    assertThat(json.err())
        .contains(
            "{\"type\":\"connection\",\"state\":\"RECONNECTING\",\"detail\":\"connection to"
                + " the relay lost; reconnecting\"}",
            "{\"type\":\"connection\",\"state\":\"ONLINE\",\"detail\":\"reconnected to"
                + " 127.0.0.1:7711\"}");
  }

  @Test
  void get_json_printsJsonOnBothStreams() {
    FileOffer offer = client.fireFileOffer("#lobby", "alice", "report.pdf", 2048);
    Cli.Result result = cli().run("--json", "file", "get", "--user", "bob", offer.fileId());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .startsWith("{\"type\":\"file_saved\",\"fileId\":\"" + offer.fileId() + "\",\"path\":");
    assertThat(result.err()).contains("{\"type\":\"progress\",\"fileId\":\"" + offer.fileId());
  }

  @Test
  void downloadDirectory_dirFlagEnvironmentXdgOrHome_firstOneGivenWins() {
    FileOffer offer = client.fireFileOffer("#lobby", "alice", "a.txt", 1);
    Cli cli = cli();
    cli.run("file", "get", "--user", "bob", offer.fileId());
    assertThat(cli.lastOptions().downloadDirectory())
        .isEqualTo(Path.of("/home/tester", "Downloads", "chat"));

    cli.env("XDG_DOWNLOAD_DIR", "/data/dl").run("file", "get", "--user", "bob", offer.fileId());
    assertThat(cli.lastOptions().downloadDirectory()).isEqualTo(Path.of("/data/dl", "chat"));

    cli.env("CHAT_DOWNLOAD_DIR", "~/in").run("file", "get", "--user", "bob", offer.fileId());
    assertThat(cli.lastOptions().downloadDirectory())
        .as("a ~ the shell did not expand (quoted)")
        .isEqualTo(Path.of("/home/tester/in"));

    cli.env("CHAT_DOWNLOAD_DIR", "/srv/in").run("file", "get", "--user", "bob", offer.fileId());
    assertThat(cli.lastOptions().downloadDirectory()).isEqualTo(Path.of("/srv/in"));

    cli.run("--download-dir", "/flag", "file", "get", "--user", "bob", offer.fileId());
    assertThat(cli.lastOptions().downloadDirectory()).isEqualTo(Path.of("/flag"));

    cli.run("file", "get", "--user", "bob", "--dir", "/here", offer.fileId());
    assertThat(cli.lastOptions().downloadDirectory()).isEqualTo(Path.of("/here"));
  }

  @Test
  void get_unknownId_exitsWithUsage() {
    Cli.Result result = cli().run("file", "get", "--user", "bob", "abcd");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err())
        .contains("chat: no file offer abcd (chat files lists them)")
        .doesNotContain("/files");
  }

  @Test
  void get_alreadyDownloaded_jsonWithAPrefix_printsTheFullFileId() {
    FileOffer offer = client.fireFileOffer("#lobby", "alice", "report.pdf", 2048);
    cli().run("file", "get", "--user", "bob", offer.shortId());

    Cli.Result again = cli().run("--json", "file", "get", "--user", "bob", offer.shortId());

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out())
        .isEqualTo(
            "{\"type\":\"file_saved\",\"fileId\":\""
                + offer.fileId()
                + "\",\"path\":\""
                + Path.of("downloads", "report.pdf")
                + "\"}"
                + System.lineSeparator());
    assertThat(again.err()).isEmpty();
  }
}
