package chat.cli;

import chat.cli.client.ClientListener;
import chat.cli.client.ConnectionState;
import chat.cli.client.FileTransfer;
import chat.cli.command.ConnectionLines;
import chat.cli.command.FileText;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Prints file transfer progress on stderr for the scripting commands: a line at the start and at
 * each further 10 percent, and one when a download starts over (then counted from 0% again), as
 * text or, with {@code --json}, as {@code {"type":"progress",...}} lines. Stdout stays for the
 * result.
 */
final class TransferPrinter implements ClientListener {
  private final RelayCommandSupport support;
  private volatile int lastStep = -1;

  /** What to say of the connection: lost while a transfer waits for it, back again. */
  private final ConnectionLines connection = new ConnectionLines();

  TransferPrinter(RelayCommandSupport support) {
    this.support = support;
  }

  /**
   * A lost connection a transfer waits for, and its return: {@code chat: connection lost,
   * reconnecting (...)}, {@code chat: reconnected to HOST:PORT} (with {@code --json}, {@code
   * {"type":"connection",...}}), so that a script waiting for the relay says why.
   */
  @Override
  public synchronized void onConnection(ConnectionState state, String detail) {
    if (state == ConnectionState.OFFLINE) {
      // A one-shot client's connection going down, said as the loss it waits out (RECONNECTING)
      // however the two are ordered: it must not read as a second loss. A failure says itself.
      return;
    }
    String server = support.options().clientOptions(support.context(), false).server();
    Optional<String> line = connection.line(state, detail, server);
    if (line.isEmpty()) {
      return;
    }
    if (support.options().json()) {
      support
          .err()
          .println(
              JsonLines.line(
                  JsonLines.object("connection").put("state", state.name()).put("detail", detail)));
    } else {
      support.err().println("chat: " + line.get());
    }
    support.err().flush();
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
