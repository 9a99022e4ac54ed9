package chat.server.internal.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the envelope log's folder can be written around the page cache ({@code O_DIRECT}), and in
 * blocks of what size. Writing each envelope through the page cache cost the writer thread most of
 * its processor time: the kernel copying it into pages it had to find first.
 */
final class DirectWrites {
  /** Under the log's name: this is its log line, which operators may filter on. */
  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeLog.class);

  private static final String PROBE_FILE = "direct-probe";

  /**
   * {@code com.sun.nio.file.ExtendedOpenOption.DIRECT} (module {@code jdk.unsupported}), found by
   * name: javac from JDK 21 on warns at any mention of that class as an internal API, a warning no
   * {@code -Xlint} key turns off, so naming it failed the build ({@code -Werror}) on newer JDKs.
   * Null on a JDK without it, whose log is then written through the page cache.
   */
  static final OpenOption DIRECT = direct();

  private DirectWrites() {}

  private static OpenOption direct() {
    try {
      Class<?> options = Class.forName("com.sun.nio.file.ExtendedOpenOption");
      for (Object option : options.getEnumConstants()) {
        if (((Enum<?>) option).name().equals("DIRECT")) {
          return (OpenOption) option;
        }
      }
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.debug("no O_DIRECT open option in this JDK ({})", e.toString());
    }
    return null;
  }

  /**
   * The file system's block size if files in {@code directory} can be written around the page cache
   * ({@code O_DIRECT}), else 1, found by opening a probe file there that way.
   */
  static int alignment(Path directory) {
    if (DIRECT == null) {
      LOG.info("envelope log written through the page cache (this JDK cannot open files O_DIRECT)");
      return 1;
    }
    try {
      long block = Files.getFileStore(directory).getBlockSize();
      if (block < 512 || block > 65536 || Long.bitCount(block) != 1) {
        return 1;
      }
      // Not on the lock file: closing any channel to it would drop this process's lock.
      Path probe = directory.resolve(PROBE_FILE);
      try {
        FileChannel.open(probe, CREATE, WRITE, DIRECT).close();
      } finally {
        Files.deleteIfExists(probe);
      }
      return (int) block;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.info("envelope log written through the page cache ({})", e.toString());
      return 1;
    }
  }
}
