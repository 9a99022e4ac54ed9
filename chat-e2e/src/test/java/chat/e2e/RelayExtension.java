package chat.e2e;

import chat.server.Relay;
import chat.server.RelayConfigBuilder;
import chat.server.RelayFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process relay for each test of a class that registers this with {@code @RegisterExtension}:
 * started before the test in a fresh data folder, configured as {@link RelayFixture#config} with
 * the class's changes applied, and closed after it, its folder deleted.
 */
final class RelayExtension implements BeforeEachCallback, AfterEachCallback {
  private final UnaryOperator<RelayConfigBuilder> configure;
  private Path dataDir;
  private Relay relay;

  /** The relay as {@link RelayFixture#config} sets it up. */
  RelayExtension() {
    this(UnaryOperator.identity());
  }

  /** The relay with {@code configure} applied to {@link RelayFixture#builder}. */
  RelayExtension(UnaryOperator<RelayConfigBuilder> configure) {
    this.configure = configure;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dataDir = Files.createTempDirectory("relay");
    relay =
        Relay.start(
            configure.apply(RelayFixture.builder(dataDir)).build(),
            Clock.systemUTC(),
            RelayFixture.RANDOM);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      if (relay != null) {
        relay.close();
      }
    } finally {
      relay = null;
      deleteFolder(dataDir);
      dataDir = null;
    }
  }

  /** The port the relay listens on (loopback). */
  int port() {
    return relay.port();
  }

  /** The relay's data folder. */
  Path dataDir() {
    return dataDir;
  }

  /** The relay's self-signed TLS certificate, as a client pins it. */
  Path certificate() {
    return dataDir.resolve("tls.crt");
  }

  /** A runner of {@code chat} commands against this relay, with profiles under {@code home}. */
  ScriptRunner scripts(Path home) {
    return new ScriptRunner(port(), home);
  }

  /** Deletes {@code folder} and everything in it; nothing if it is null or already gone. */
  static void deleteFolder(Path folder) throws IOException {
    if (folder == null || !Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
