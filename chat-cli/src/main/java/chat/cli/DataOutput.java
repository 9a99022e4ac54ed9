package chat.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Model.CommandSpec;

/** Where {@code seal} and {@code open} put their data: {@code --out FILE} or binary stdout. */
final class DataOutput {
  private DataOutput() {}

  /**
   * Whether the data goes to a terminal: standard output at one ({@code out} null), or an {@code
   * --out} that leads to one ({@code /dev/tty}, {@code /dev/stdout} at a terminal, {@code
   * /dev/pts/3}), which is written to as standard output at a terminal is.
   */
  static boolean toTerminal(CliContext context, Path out) {
    if (out == null) {
      return context.stdoutIsTerminal();
    }
    if (Files.isRegularFile(out) || Files.isDirectory(out)) {
      return false;
    }
    try {
      String device = out.toRealPath().toString();
      return device.equals("/dev/tty")
          || device.equals("/dev/console")
          || device.startsWith("/dev/pts/")
          || device.matches("/dev/tty[A-Za-z]*[0-9]+")
          || aLinuxTerminal(device);
    } catch (IOException | SecurityException e) {
      return false; // none there yet, or a pipe (/dev/stdout to one leads nowhere named)
    }
  }

  /**
   * Whether {@code device} is a terminal Linux lists in {@code /sys/class/tty}: every console and
   * serial line it knows ({@code /dev/hvc0}, {@code /dev/ttyUSB0}, {@code /dev/ttyAMA0}), whatever
   * its name. Pseudo-terminals ({@code /dev/pts/N}) are not listed there and are known by name.
   */
  private static boolean aLinuxTerminal(String device) {
    if (!device.matches("/dev/[A-Za-z][A-Za-z0-9]*")) {
      return false;
    }
    return Files.exists(Path.of("/sys/class/tty", device.substring("/dev/".length())));
  }

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
   * Refuses {@code --out} naming a folder (saying to name a file in it, such as {@code example}),
   * or a file that exists, unless {@code force}: checked before any work (or passphrase prompt), so
   * that a typo does not cost a message, a photo or a key file. A device or a pipe ({@code
   * /dev/stdout}, {@code /dev/fd/3}) is not such a file: it is written to as before.
   */
  static void refuseExisting(Path out, boolean force, String example) {
    if (out == null) {
      return;
    }
    if (Files.isDirectory(out)) {
      throw new CommandException.Usage(
          out + " is a folder: name the file to write in it, such as " + out.resolve(example));
    }
    if (!force && Files.isRegularFile(out)) {
      throw exists(out);
    }
  }

  /**
   * Writes {@code data} to {@code out} (owner-only and atomic if {@code ownerOnly}), or to the
   * context's stdout after flushing the text writer so the two never interleave.
   */
  static void write(
      CliContext context,
      CommandSpec spec,
      Path out,
      byte[] data,
      boolean ownerOnly,
      boolean force) {
    if (out == null) {
      spec.commandLine().getOut().flush();
      FileIo.write(context.stdout(), data);
    } else {
      writeFile(out, data, ownerOnly, force);
    }
  }

  /**
   * Writes {@code data} to the file {@code out} (owner-only and atomic if {@code ownerOnly}),
   * replacing a file there only if {@code force}: one that appears meanwhile is left as it is, and
   * a write that fails leaves nothing behind. A device or a pipe ({@code /dev/null}, {@code
   * /dev/fd/3}, a named pipe) is written to, never replaced by a file, whatever {@code force}; a
   * link to a file is followed, as a shell's {@code >} follows it, so that {@code force} replaces
   * the file it names rather than the link.
   */
  static void writeFile(Path out, byte[] data, boolean ownerOnly, boolean force) {
    if (Files.exists(out) && !Files.isRegularFile(out) && !Files.isDirectory(out)) {
      FileIo.write(out, data); // its permissions are the device's own, not this file's to set
      return;
    }
    if (force) {
      Path target = throughLinks(out);
      if (ownerOnly) {
        PrivateFiles.write(target, data);
      } else {
        FileIo.write(target, data);
      }
    } else if (ownerOnly) {
      try {
        PrivateFiles.writeNew(out, data);
      } catch (CommandException.Usage e) {
        throw exists(out);
      }
    } else {
      try {
        Files.write(out, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        throw exists(out);
      } catch (IOException e) {
        try {
          Files.deleteIfExists(out); // made by this write: a later run would refuse it as taken
        } catch (IOException ignored) {
          // the failure below says what went wrong; the file is the user's to remove
        }
        throw FileIo.failure("cannot write", out, e);
      }
    }
  }

  /**
   * The file {@code out} names once its links are followed (one that points nowhere names the file
   * it points to, made there as the shell's {@code >} makes it), or {@code out} if it is no link.
   */
  private static Path throughLinks(Path out) {
    if (!Files.isSymbolicLink(out)) {
      return out;
    }
    try {
      if (Files.exists(out)) {
        return out.toRealPath();
      }
      return out.toAbsolutePath().getParent().resolve(Files.readSymbolicLink(out));
    } catch (IOException e) {
      throw FileIo.failure("cannot write", out, e);
    }
  }

  private static CommandException.Usage exists(Path out) {
    return new CommandException.Usage(
        out + " already exists; choose another file, or add --force to replace it");
  }
}
