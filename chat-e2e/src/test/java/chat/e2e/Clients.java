package chat.e2e;

import chat.cli.client.ClientListener;
import chat.cli.client.ClientOptions;
import chat.cli.client.internal.DurableFiles;
import chat.cli.client.internal.ProfileWriter;
import chat.cli.client.internal.RelayChatClient;
import chat.crypto.KdfParameters;
import chat.server.Relay;
import chat.server.RelayFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

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

  /**
   * A live client that pings the relay every {@code keepAlive} and waits {@code requestTimeout} for
   * each reply.
   */
  static RelayChatClient live(int port, Path home, Duration requestTimeout, Duration keepAlive) {
    return new RelayChatClient(
        new ClientOptions(
            "127.0.0.1",
            port,
            home,
            true,
            requestTimeout,
            true,
            home.resolve("downloads"),
            keepAlive),
        new SecureRandom(),
        Clock.systemUTC(),
        FAST_KDF);
  }

  /** A live client whose clock is {@code clock} (one that runs ahead of the relay's, say). */
  static RelayChatClient live(int port, Path home, Clock clock) {
    return new RelayChatClient(
        options(port, home, true, home.resolve("downloads")), new SecureRandom(), clock, FAST_KDF);
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

  /**
   * Registers {@code users} on a relay of their own under {@code scratch}, leaving their key files
   * in {@code identities}: RSA key generation, done once, would otherwise dominate every test.
   */
  static void makeIdentities(Path identities, Path scratch, List<String> users) throws Exception {
    try (Relay once = RelayFixture.start(scratch.resolve("relay"))) {
      for (String user : users) {
        try (RelayChatClient client = oneShot(once.port(), identities)) {
          client.register(user, PASSWORD.clone(), PASSPHRASE.clone());
        }
      }
    }
  }

  /**
   * A live client of {@code name} with the key files {@link #makeIdentities} left in {@code
   * identities}, registered (with that identity) on the relay at {@code port}.
   */
  static RelayChatClient liveWithIdentity(
      int port, Path homes, Path identities, String name, ClientListener listener) {
    try {
      Path profile = Files.createDirectories(homes.resolve(name));
      Files.setPosixFilePermissions(profile, PosixFilePermissions.fromString("rwx------"));
      for (String file : List.of("identity.key", "identity.pub")) {
        Files.copy(
            identities.resolve(name).resolve(file),
            profile.resolve(file),
            StandardCopyOption.COPY_ATTRIBUTES);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RelayChatClient client = live(port, homes);
    client.addListener(listener);
    client.register(name, PASSWORD.clone(), PASSPHRASE.clone());
    return client;
  }

  /** A one-shot client whose identity-file changes go through {@code files}. */
  static RelayChatClient oneShot(int port, Path home, DurableFiles files) {
    return new RelayChatClient(
        options(port, home, false, home.resolve("downloads")),
        new SecureRandom(),
        Clock.systemUTC(),
        FAST_KDF,
        files,
        ProfileWriter.FILES);
  }

  private static RelayChatClient create(int port, Path home, boolean live) {
    return create(port, home, live, home.resolve("downloads"));
  }

  private static RelayChatClient create(int port, Path home, boolean live, Path downloads) {
    return new RelayChatClient(
        options(port, home, live, downloads), new SecureRandom(), Clock.systemUTC(), FAST_KDF);
  }

  private static ClientOptions options(int port, Path home, boolean live, Path downloads) {
    return new ClientOptions(
        "127.0.0.1", port, home, true, Duration.ofSeconds(15), live, downloads);
  }
}
