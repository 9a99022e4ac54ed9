package chat.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Where {@code seal} and {@code open} put their data: {@code --out FILE} or binary stdout. */
final class DataOutput {
  private DataOutput() {}

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
