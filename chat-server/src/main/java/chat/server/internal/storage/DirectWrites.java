package chat.server.internal.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
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

  private DirectWrites() {}

  /**
   * The file system's block size if files in {@code directory} can be written around the page cache
   * ({@code O_DIRECT}), else 1, found by opening a probe file there that way.
   */
  static int alignment(Path directory) {
    try {
      long block = Files.getFileStore(directory).getBlockSize();
      if (block < 512 || block > 65536 || Long.bitCount(block) != 1) {
        return 1;
      }
      // Not on the lock file: closing any channel to it would drop this process's lock.
      Path probe = directory.resolve(PROBE_FILE);
      try {
        FileChannel.open(probe, CREATE, WRITE, ExtendedOpenOption.DIRECT).close();
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
