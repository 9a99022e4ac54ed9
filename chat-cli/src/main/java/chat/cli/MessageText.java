package chat.cli;

import java.nio.charset.CharacterCodingException;
import java.util.List;

/** The text of a message from the command line's words, or from stdin when there are none. */
final class MessageText {
  /** Most bytes read from stdin for one message. */
  static final int MAX_STDIN_BYTES = 256 * 1024;

  private MessageText() {}

  static String from(List<String> words, CliContext context) {
    if (words != null && !words.isEmpty()) {
      String text = String.join(" ", words);
      if (text.isEmpty()) { // spaces only are refused as text that shows nothing (OutgoingText)
        throw new CommandException.Usage("no message: the text is empty");
      }
      return text;
    }
    if (context.stdoutIsTerminal() && System.console() != null) {
      throw new CommandException.Usage("no message: give the text, or pipe it to stdin");
    }
    byte[] data = FileIo.read(context.stdin(), MAX_STDIN_BYTES);
    if (data.length > MAX_STDIN_BYTES) {
      throw new CommandException.Usage("message too long (stdin holds more than 256 KiB)");
    }
    String text;
    try {
      text = ScriptLines.utf8(data, data.length);
    } catch (CharacterCodingException e) {
      // As chat run refuses a script line that is not UTF-8, instead of sending U+FFFD for it.
      throw new CommandException.FileAccess(
          "cannot read standard input: the message is not UTF-8 text", e);
    }
    // A byte order mark, as some editors save UTF-8: dropped as chat run drops it, or a bot's
    // answer read from such a file would start with an invisible character.
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    // The one trailing line end, LF or CRLF: a CR left behind would show as an empty line.
    String end = text.endsWith("\r\n") ? "\r\n" : text.endsWith("\n") ? "\n" : "";
    text = text.substring(0, text.length() - end.length());
    if (text.isBlank()) {
      throw new CommandException.Usage(
          text.isEmpty()
              ? "no message: stdin was empty"
              : "no message: stdin held only spaces and line ends");
    }
    return text;
  }
}
