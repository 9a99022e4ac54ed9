package chat.cli.line;

import chat.cli.client.FileTransfer;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides which progress reports of file transfers become lines: the start, then each further 10
 * percent, so a long transfer prints about ten lines, not hundreds; a report with a detail (a
 * download starting over) always, counting from its start again. The outcome is printed by the
 * command that started the transfer.
 */
final class ProgressLines {
  private final Map<String, Integer> printed = new HashMap<>();

  /** Whether {@code transfer}'s report deserves a line. */
  synchronized boolean shouldPrint(FileTransfer transfer) {
    if (!transfer.active()) {
      printed.remove(transfer.fileId());
      return false;
    }
    if (!transfer.detail().isEmpty()) {
      printed.put(transfer.fileId(), -1); // it starts over: said, and counted again from 0%
      return true;
    }
    int step = transfer.percent() / 10;
    Integer last = printed.get(transfer.fileId());
    if (last != null && step <= last) {
      return false;
    }
    printed.put(transfer.fileId(), step);
    return true;
  }
}
