package chat.e2e;

import chat.cli.client.ClientListener;
import chat.cli.client.internal.RelayChatClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A relay behind a {@link HostileRelay} for each test of a class that registers this on a static
 * field with {@code @RegisterExtension}: the relay ({@link RelayExtension}) and the proxy are
 * started before each test and closed after it, with a fresh folder for the clients' profiles. The
 * users named are registered once for the class, on a relay of their own, and their key files kept:
 * RSA key generation would otherwise dominate every test.
 */
final class HostileRelayExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final List<String> users;
  private final RelayExtension relay = new RelayExtension();
  private Path identities;
  private Path homes;
  private HostileRelay proxy;

  /** Registers {@code users} once for the class, for {@link #registered}. */
  HostileRelayExtension(String... users) {
    this.users = List.of(users);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (users.isEmpty()) {
      return;
    }
    identities = Files.createTempDirectory("identities");
    Path scratch = Files.createTempDirectory("scratch");
    try {
      Clients.makeIdentities(identities, scratch, users);
    } finally {
      RelayExtension.deleteFolder(scratch);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    RelayExtension.deleteFolder(identities);
    identities = null;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    homes = Files.createTempDirectory("homes");
    relay.beforeEach(context);
    proxy = new HostileRelay(relay.port(), relay.certificate());
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      if (proxy != null) {
        proxy.close();
      }
    } finally {
      proxy = null;
      try {
        relay.afterEach(context);
      } finally {
        RelayExtension.deleteFolder(homes);
        homes = null;
      }
    }
  }

  /** The proxy: what the clients take for the relay. */
  HostileRelay proxy() {
    return proxy;
  }

  /**
   * Replaces the proxy's rewriting rule for every frame from now on ({@link HostileRelay#tamper}).
   */
  void tamper(HostileRelay.Tamper rule) {
    proxy.tamper(rule);
  }

  /** The port clients connect to: the proxy's. */
  int port() {
    return proxy.port();
  }

  /** The port of the relay itself, for a client that is to bypass the proxy. */
  int relayPort() {
    return relay.port();
  }

  /** The relay's data folder. */
  Path dataDir() {
    return relay.dataDir();
  }

  /** The folder that holds this test's client profiles, one folder per user. */
  Path homes() {
    return homes;
  }

  /**
   * A live client of {@code name} through the proxy, registered with the key files made for that
   * user (one of those this extension was given).
   */
  RelayChatClient registered(String name, ClientListener listener) {
    return Clients.liveWithIdentity(port(), homes, identities, name, listener);
  }

  /** As {@link #registered(String, ClientListener)}, with a listener that records its events. */
  RelayChatClient registered(String name) {
    return registered(name, new RecordingListener());
  }
}
