package chat.server.internal.relay;

import chat.crypto.CryptoException;
import chat.crypto.IdentityBundle;
import chat.protocol.ErrorCode;
import chat.server.internal.storage.UserRepository;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fingerprint of each account's registered bundle, as 64 lowercase hex digits, cached so a
 * member list of a large room does not parse every bundle again. {@link AccountService} forgets an
 * entry when the bundle changes.
 */
public final class KeyFingerprints {
  private final Storage storage;
  private final UserRepository users;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  /** Fingerprints read through {@code users}. */
  public KeyFingerprints(Storage storage, UserRepository users) {
    this.storage = storage;
    this.users = users;
  }

  /** The fingerprint of {@code userKey}'s registered bundle, if the account exists. */
  public Optional<String> of(String userKey) {
    String cached = cache.get(userKey);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<String> computed =
        storage
            .read(c -> users.find(c, userKey))
            .map(row -> fingerprint(row.bundle().toByteArray()));
    computed.ifPresent(value -> cache.put(userKey, value));
    return computed;
  }

  /** Forgets the cached fingerprint of {@code userKey} (its bundle changed). */
  public void forget(String userKey) {
    cache.remove(userKey);
  }

  private static String fingerprint(byte[] bundle) {
    try {
      return IdentityBundle.parse(bundle).fingerprint().value().hex();
    } catch (CryptoException e) {
      throw new RelayException(ErrorCode.INTERNAL);
    }
  }
}
