package chat.server.internal.relay;

import chat.crypto.Bytes;
import chat.crypto.CryptoException;
import chat.crypto.IdentityBundle;
import chat.protocol.ErrorCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registered bundles, parsed once. Parsing checks every field (RSA key decoding, Ed25519 point
 * validation, the self-signature) and costs more than the send it serves, so each user's parsed
 * bundle is kept together with the bytes it came from; a lookup parses again only when the stored
 * bytes differ, so a changed bundle is never served stale.
 */
final class ParsedBundles {
  private record Entry(Bytes encoded, RegisteredKey key) {}

  private final Map<String, Entry> byUser = new ConcurrentHashMap<>();

  /**
   * The parsed form of {@code encoded}, the bundle stored for {@code userKey}, with its fingerprint
   * and verifier.
   *
   * @throws RelayException ({@link ErrorCode#INTERNAL}) if the stored bundle does not parse
   */
  RegisteredKey parse(String userKey, Bytes encoded) {
    Entry entry = byUser.get(userKey);
    if (entry != null && entry.encoded().equals(encoded)) {
      return entry.key();
    }
    RegisteredKey key;
    try {
      key = RegisteredKey.of(IdentityBundle.parse(encoded.toByteArray()));
    } catch (CryptoException e) {
      throw new RelayException(ErrorCode.INTERNAL);
    }
    byUser.put(userKey, new Entry(encoded, key));
    return key;
  }
}
