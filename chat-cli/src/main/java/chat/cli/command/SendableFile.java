package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The check every front end makes before it sends a file: the path must name a regular file this
 * process can read. A failure names the path as the person typed it, so that {@code /file send
 * /nonexistent team} says {@code cannot send /nonexistent: no such file}.
 */
public final class SendableFile {
  private SendableFile() {}

  /**
   * {@code file} if it is a regular file that can be read.
   *
   * @param typed the path as given, for the message (cleaned to one terminal-safe line)
   * @throws CommandException.FileAccess naming {@code typed} and saying what is wrong with it
   */
  public static Path check(Path file, String typed) {
    String reason;
    if (Files.isDirectory(file)) {
      reason = "it is a directory, not a file";
    } else if (!Files.exists(file)) {
      reason = "no such file";
    } else if (!Files.isRegularFile(file)) {
      reason = "not a regular file";
    } else if (!Files.isReadable(file)) {
      reason = "permission denied";
    } else {
      return file;
    }
    throw new CommandException.FileAccess(
        "cannot send " + TerminalSafe.line(typed) + ": " + reason, null);
  }
}
