package chat.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a script for {@code chat run}, read one at a time and each decoded as strict UTF-8,
 * so that every line before a bad one runs and the error names the line. A line ends at {@code \n}
 * (a {@code \r} before it is dropped) and may be at most {@link #MAX_LINE_BYTES} long; a byte order
 * mark at the start of a line is dropped.
 */
final class ScriptLines implements AutoCloseable {
  /** The longest line taken: well above the longest message (65,536 characters of UTF-8). */
  static final int MAX_LINE_BYTES = 1 << 20;

  private final InputStream in;
  private final String name;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int number;

  /** Lines of {@code in}, named {@code name} in errors ("standard input", or the file as typed). */
  ScriptLines(InputStream in, String name) {
    this.in = new BufferedInputStream(in);
    this.name = name;
  }

  /** The number of the line last returned (1 for the first). */
  int number() {
    return number;
  }

  /**
   * The next line without its terminator, or null at the end.
   *
   * @throws CommandException.FileAccess if it cannot be read, is not UTF-8 or is too long
   */
  String next() {
    line.reset();
    int b;
    try {
      while ((b = in.read()) != -1 && b != '\n') {
        if (line.size() == MAX_LINE_BYTES) {
          throw new CommandException.FileAccess(
              "cannot read " + name + ": line " + (number + 1) + " is longer than 1 MiB", null);
        }
        line.write(b);
      }
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot read " + name + ": " + FileIo.reason(e), e);
    }
    if (b == -1 && line.size() == 0) {
      return null;
    }
    number++;
    byte[] bytes = line.toByteArray();
    int length =
        bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    try {
      String text = utf8(bytes, length);
      // A byte order mark, as some editors save UTF-8 (and as concatenated files carry inside),
      // is not part of a command.
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new CommandException.FileAccess(
          "cannot read " + name + ": line " + number + " is not UTF-8 text", e);
    }
  }

  /**
   * The first {@code length} of {@code bytes} as strict UTF-8 text: a byte that is not part of a
   * well-formed UTF-8 sequence is an error, never a replacement character.
   *
   * @throws CharacterCodingException if they are not UTF-8
   */
  static String utf8(byte[] bytes, int length) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, 0, length))
        .toString();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
