package chat.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A copy of bin/chat and its bin/lib scripts in a temporary directory, with an empty jar (so
 * nothing is built) and a fake {@code java} (and any other fake command) ahead of the real one on
 * the PATH.
 */
final class LauncherCopy {
  private static final Path BIN = Path.of("..", "bin");
  private static final List<String> LIBRARIES = List.of("launcher.sh", "held-echo.sh");

  private LauncherCopy() {}

  /**
   * Copies the launcher into {@code dir} with {@code fakeJava} as the {@code java} script; returns
   * the copy of bin/chat, to run with {@link #path} as the PATH.
   */
  static Path chat(Path dir, String fakeJava) throws IOException {
    Files.createDirectories(dir.resolve("bin/lib"));
    Files.copy(BIN.resolve("chat"), dir.resolve("bin/chat"));
    for (String library : LIBRARIES) {
      Files.copy(BIN.resolve("lib").resolve(library), dir.resolve("bin/lib").resolve(library));
    }
    Files.createDirectories(dir.resolve("chat-cli/target"));
    Files.write(dir.resolve("chat-cli/target/chat.jar"), new byte[0]);
    fake(dir, "java", fakeJava);
    return dir.resolve("bin/chat");
  }

  /**
   * Puts {@code script} ahead of the real {@code command} on the {@link #path}; it finds the real
   * one with the {@code PATH} from its second entry on.
   */
  static void fake(Path dir, String command, String script) throws IOException {
    Path fake = fakeDirectory(dir).resolve(command);
    Files.createDirectories(fake.getParent());
    Files.writeString(fake, script);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
  }

  /** Where {@link #fake} puts the fake commands. */
  private static Path fakeDirectory(Path dir) {
    return dir.resolve("fake");
  }

  /** {@code PATH} with the fake commands first. */
  static String path(Path dir) {
    return fakeDirectory(dir) + ":" + System.getenv("PATH");
  }
}
