package chat.cli.line;

import static org.assertj.core.api.Assertions.assertThat;

import chat.cli.client.FileTransfer;
import chat.cli.client.TransferState;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {
  private static FileTransfer at(long done, TransferState state) {
    return new FileTransfer(
        "0".repeat(32), true, "#a", "me", "f", 100, state, done, 100, "", "", 0);
  }

  @Test
  void shouldPrint_manyReports_printsTheStartAndEachTenPercent() {
    ProgressLines lines = new ProgressLines();
    int printed = 0;
    for (int done = 0; done <= 100; done++) {
      if (lines.shouldPrint(at(done, TransferState.UPLOADING))) {
        printed++;
      }
    }
    assertThat(printed).isEqualTo(11);
    assertThat(lines.shouldPrint(at(100, TransferState.OFFERED))).isFalse();
    assertThat(lines.shouldPrint(at(0, TransferState.UPLOADING))).isTrue();
  }

  /** A download that starts over is said, and its new pass shown from 0% again. */
  @Test
  void shouldPrint_restartAfterTheLastStep_isPrinted_andTheNewPassCountsFromItsStart() {
    ProgressLines lines = new ProgressLines();
    assertThat(lines.shouldPrint(at(0, TransferState.DOWNLOADING))).isTrue();
    assertThat(lines.shouldPrint(at(100, TransferState.DOWNLOADING))).isTrue();

    FileTransfer restart =
        at(0, TransferState.DOWNLOADING)
            .with(TransferState.DOWNLOADING, 0, 100, "", "starting over", 1);
    assertThat(lines.shouldPrint(restart)).isTrue();
    assertThat(lines.shouldPrint(at(0, TransferState.DOWNLOADING))).isTrue();
    assertThat(lines.shouldPrint(at(5, TransferState.DOWNLOADING))).isFalse();
    assertThat(lines.shouldPrint(at(10, TransferState.DOWNLOADING))).isTrue();
  }
}
