package chat.cli;

import chat.cli.client.ClientListener;
import chat.cli.client.FileTransfer;
import chat.cli.command.FileText;

/**
 * Prints file transfer progress on stderr for the scripting commands: a line at the start and at
 * each further 10 percent, as text or, with {@code --json}, as {@code {"type":"progress",...}}
 * lines. Stdout stays for the result.
 */
final class TransferPrinter implements ClientListener {
  private final RelayCommandSupport support;
  private volatile int lastStep = -1;

  TransferPrinter(RelayCommandSupport support) {
    this.support = support;
  }

  @Override
  public void onFileTransfer(FileTransfer transfer) {
    if (!transfer.active()) {
      lastStep = -1;
      return;
    }
    int step = transfer.percent() / 10;
    if (step <= lastStep) {
      return;
    }
    lastStep = step;
    if (support.options().json()) {
      support
          .err()
          .println(
              JsonLines.line(
                  JsonLines.object("progress")
                      .put("fileId", transfer.fileId())
                      .put("state", transfer.state().name())
                      .put("bytesDone", transfer.bytesDone())
                      .put("bytesTotal", transfer.bytesTotal())
                      .put("percent", transfer.percent())));
    } else {
      support.err().println("chat: " + FileText.progress(transfer));
    }
    support.err().flush();
  }
}
