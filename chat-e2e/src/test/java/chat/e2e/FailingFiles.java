package chat.e2e;

import chat.cli.client.internal.DurableFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real file system, except that file step number {@code failAt} (counting from 1: each write,
 * rename, directory sync or removal of an identity file) fails as a full disk or a crash there
 * would.
 */
final class FailingFiles implements DurableFiles {
  private final int failAt;
  private final AtomicInteger steps = new AtomicInteger();

  FailingFiles(int failAt) {
    this.failAt = failAt;
  }

  private void step() throws IOException {
    if (steps.incrementAndGet() == failAt) {
      throw new IOException("No space left on device");
    }
  }

  @Override
  public void writeSynced(Path file, byte[] data) throws IOException {
    step();
    SYSTEM.writeSynced(file, data);
  }

  @Override
  public void moveAtomic(Path from, Path to) throws IOException {
    step();
    SYSTEM.moveAtomic(from, to);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    step();
    SYSTEM.syncDirectory(dir);
  }

  @Override
  public void delete(Path file) throws IOException {
    step();
    SYSTEM.delete(file);
  }
}
