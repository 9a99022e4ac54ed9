package chat.cli.client.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DurableFiles} on the real file system that records each step and fails the one numbered
 * {@link #failAt} (counting from 1) with "No space left on device", as a full disk or a crash at
 * that point would leave the profile.
 */
final class FailingDurableFiles implements DurableFiles {
  final List<String> steps = new ArrayList<>();
  volatile int failAt;

  private void step(String name, Path path) throws IOException {
    steps.add(name + " " + path.getFileName());
    if (steps.size() == failAt) {
      throw new IOException("No space left on device");
    }
  }

  @Override
  public void writeSynced(Path file, byte[] data) throws IOException {
    step("write", file);
    SYSTEM.writeSynced(file, data);
  }

  @Override
  public void moveAtomic(Path from, Path to) throws IOException {
    step("move", from);
    SYSTEM.moveAtomic(from, to);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    step("sync", dir);
    SYSTEM.syncDirectory(dir);
  }

  @Override
  public void delete(Path file) throws IOException {
    step("delete", file);
    SYSTEM.delete(file);
  }
}
