package chat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FakeChatClient;
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
  void run_aFileThatIsNotUtf8Text_isAFileError_notAnInternalOne() throws Exception {
    Path binary = Files.write(dir.resolve("bin.txt"), new byte[] {'/', 'h', (byte) 0xff, '\n'});

    Cli.Result result = run(binary);

    assertThat(result.exitCode()).isEqualTo(ExitCode.IO.code());
    assertThat(result.err()).contains("it is not UTF-8 text").doesNotContain("internal error");
  }
}
