package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferLogTest {
  private static final String SERVER = "relay.test:7443";

  @TempDir Path dir;

  private static FileTransfer done(String id) {
    return new FileTransfer(
        id, false, "#team", "bob", "report.pdf", 3, TransferState.DONE, 3, 3, "/d/r.pdf", "", 1);
  }

  @Test
  void kept_andReadBack_anotherRelaysIsNotTaken() {
    Path file = dir.resolve("files.json");
    TransferLog.load(file, SERVER).put(done("a".repeat(32)), true);

    assertThat(TransferLog.load(file, SERVER).get("a".repeat(32))).contains(done("a".repeat(32)));
    assertThat(TransferLog.load(file, "elsewhere:7443").all()).isEmpty();
  }

  /** Written over, a damaged log would lose what it records without a word. */
  @Test
  void damaged_isRefusedAndLeftAsItIs() throws Exception {
    Path file = dir.resolve("files.json");
    TransferLog.load(file, SERVER).put(done("a".repeat(32)), true);
    String whole = Files.readString(file);
    String cut = whole.substring(0, whole.length() / 2);
    Files.writeString(file, cut);

    assertThatThrownBy(() -> TransferLog.load(file, SERVER))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageContaining("files.json is damaged")
        .hasMessageContaining("move it away");
    assertThat(Files.readString(file)).isEqualTo(cut);
    Files.writeString(file, "{\"server\":\"" + SERVER + "\",\"files\":[null]}");
    assertThatThrownBy(() -> TransferLog.load(file, SERVER))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessageContaining(
            "files.json is damaged (not what the client writes there: an empty entry)");
    Files.writeString(file, "{\"server\":\"" + SERVER + "\",\n\"files\":7}");
    assertThatThrownBy(() -> TransferLog.load(file, SERVER))
        .as("a value of another kind: where it is, never the Java exception's name")
        .hasMessageContaining("files.json is damaged (not what the client writes there at line 2")
        .hasMessageNotContaining("Exception");
    Files.writeString(file, " \n");
    assertThatThrownBy(() -> TransferLog.load(file, SERVER))
        .hasMessageContaining("files.json is damaged (it is empty, or only white space)");
  }
}
