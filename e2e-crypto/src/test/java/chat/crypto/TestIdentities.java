package chat.crypto;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identities for tests, generated on first use and cached by name for the rest of the JVM, because
 * RSA-3072 generation takes up to a few seconds each. They are shared between test classes: never
 * call {@link IdentityKeyPair#destroy} on one.
 */
public final class TestIdentities {
  private static final Map<String, IdentityKeyPair> BY_NAME = new ConcurrentHashMap<>();

  private TestIdentities() {}

  /** The identity with user id {@code name}, generated the first time it is asked for. */
  public static IdentityKeyPair get(String name) {
    return BY_NAME.computeIfAbsent(
        name, id -> IdentityKeyPair.generate(id, new SecureRandom(), Clock.systemUTC()));
  }
}
