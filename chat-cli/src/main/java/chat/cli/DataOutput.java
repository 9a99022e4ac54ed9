package chat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Where {@code seal} and {@code open} put their data: {@code --out FILE} or binary stdout. */
final class DataOutput {
  private DataOutput() {}

  /**
   * Refuses {@code --out} naming the file {@code --in} reads (by any path, link or case): the
   * output would replace the input, and with it the only copy of an envelope or a message.
   */
  static void refuseSameFile(Path in, Path out) {
    if (in == null || out == null || !Files.exists(out)) {
      return;
    }
    boolean same;
    try {
      same = Files.isSameFile(in, out);
    } catch (IOException e) {
      return; // the read of --in reports a file it cannot reach
    }
    if (same) {
      throw new CommandException.Usage(
          "--in and --out name the same file ("
              + out
              + "); the output would replace the input, so write it to another file");
    }
  }

  /**
   * Writes {@code data} to {@code out} (owner-only and atomic if {@code ownerOnly}), or to the
   * context's stdout after flushing the text writer so the two never interleave.
   */
  static void write(
      CliContext context, CommandSpec spec, Path out, byte[] data, boolean ownerOnly) {
    if (out == null) {
      spec.commandLine().getOut().flush();
      FileIo.write(context.stdout(), data);
    } else if (ownerOnly) {
      PrivateFiles.write(out, data);
    } else {
      FileIo.write(out, data);
    }
  }
}
