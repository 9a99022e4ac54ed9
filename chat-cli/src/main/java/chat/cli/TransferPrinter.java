package chat.cli;

import chat.cli.client.ClientListener;
import chat.cli.client.ConnectionState;
import chat.cli.client.FileTransfer;
import chat.cli.command.FileText;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Prints file transfer progress on stderr for the scripting commands: a line at the start and at
 * each further 10 percent, and one when a download starts over (then counted from 0% again), as
 * text or, with {@code --json}, as {@code {"type":"progress",...}} lines. Stdout stays for the
 * result.
 */
final class TransferPrinter implements ClientListener {
  private final RelayCommandSupport support;
  private volatile int lastStep = -1;

  /** The lost connection a transfer waits for, and its return ({@link ConnectionPrinter}). */
  private final ConnectionPrinter connection;

  TransferPrinter(RelayCommandSupport support) {
    this.support = support;
    this.connection = new ConnectionPrinter(support);
  }

  @Override
  public void onConnection(ConnectionState state, String detail) {
    connection.onConnection(state, detail);
  }

  @Override
  public void onFileTransfer(FileTransfer transfer) {
    if (!transfer.active()) {
      lastStep = -1;
      return;
    }
    int step = transfer.percent() / 10;
    boolean restart = !transfer.detail().isEmpty(); // said, then counted again from 0%
    if (step <= lastStep && !restart) {
      return;
    }
    lastStep = restart ? -1 : step;
    if (support.options().json()) {
      ObjectNode progress =
          JsonLines.object("progress")
              .put("fileId", transfer.fileId())
              .put("state", transfer.state().name())
              .put("bytesDone", transfer.bytesDone())
              .put("bytesTotal", transfer.bytesTotal())
              .put("percent", transfer.percent());
      if (restart) {
        progress.put("detail", transfer.detail());
      }
      support.err().println(JsonLines.line(progress));
    } else {
      support.err().println("chat: " + FileText.progress(transfer));
    }
    support.err().flush();
  }
}
