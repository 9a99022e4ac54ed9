package chat.e2e;

import chat.cli.client.ClientOptions;
import chat.cli.client.internal.RelayChatClient;
import chat.crypto.KdfParameters;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** Real networked clients for tests: profiles under a temporary home, cheap key-file KDF. */
final class Clients {
  /** Argon2id at its floor, so tests do not spend seconds per unlock. */
  static final KdfParameters FAST_KDF = new KdfParameters(KdfParameters.MIN_MEMORY_KIB, 1, 1);

  static final char[] PASSWORD = "correct horse battery".toCharArray();
  static final char[] PASSPHRASE = "a long key passphrase".toCharArray();

  private Clients() {}

  /** A live client (catch-up, events, reconnect) with profiles under {@code home}. */
  static RelayChatClient live(int port, Path home) {
    return create(port, home, true);
  }

  /** A client as a one-shot command uses it. */
  static RelayChatClient oneShot(int port, Path home) {
    return create(port, home, false);
  }

  /** A live client that saves accepted files in {@code downloads}. */
  static RelayChatClient live(int port, Path home, Path downloads) {
    return create(port, home, true, downloads);
  }

  /** A one-shot client that saves accepted files in {@code downloads}. */
  static RelayChatClient oneShot(int port, Path home, Path downloads) {
    return create(port, home, false, downloads);
  }

  private static RelayChatClient create(int port, Path home, boolean live) {
    return create(port, home, live, home.resolve("downloads"));
  }

  private static RelayChatClient create(int port, Path home, boolean live, Path downloads) {
    ClientOptions options =
        new ClientOptions("127.0.0.1", port, home, true, Duration.ofSeconds(15), live, downloads);
    return new RelayChatClient(options, new SecureRandom(), Clock.systemUTC(), FAST_KDF);
  }
}
