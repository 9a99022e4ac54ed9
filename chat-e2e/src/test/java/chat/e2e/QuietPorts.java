package chat.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports below the kernel's ephemeral range (Linux: from 32768), where no port-0 bind and
 * no outgoing connection of another test JVM running beside this one can land. For a test that
 * restarts a relay on the port it had, or needs a port nobody listens on.
 */
final class QuietPorts {
  private static final int FIRST = 20_000;
  private static final int LAST = 32_767;

  private QuietPorts() {}

  /** A port in the range that nothing is bound to now. */
  static int free() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new UncheckedIOException(
        new IOException("no free loopback port between " + FIRST + " and " + LAST));
  }
}
