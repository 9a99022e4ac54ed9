package chat.cli.command;

import chat.cli.CommandException;
import chat.cli.TerminalSafe;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

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
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (attributes.isDirectory()) {
        reason = "it is a directory, not a file";
      } else if (!attributes.isRegularFile()) {
        reason = "not a regular file";
      } else if (!Files.isReadable(file)) {
        reason = "permission denied";
      } else {
        return file;
      }
    } catch (AccessDeniedException e) {
      // a folder on the way this user may not enter: the file may well be there
      reason = "permission denied (a folder on its path is closed to you)";
    } catch (NoSuchFileException e) {
      reason =
          typed.indexOf('\uFFFD') >= 0
              ? "no such file (its name, as given, holds bytes that are not UTF-8 text, which this"
                  + " client cannot name a file by: rename the file)"
              : "no such file";
    } catch (IOException e) {
      reason =
          e instanceof FileSystemException failed && failed.getReason() != null
              ? failed.getReason().toLowerCase(java.util.Locale.ROOT)
              : "cannot read it (" + e.getClass().getSimpleName() + ")";
    }
    throw new CommandException.FileAccess(
        "cannot send " + TerminalSafe.line(typed) + ": " + reason, null);
  }
}
