package chat.server.internal.relay;

import chat.protocol.ConversationIds;
import chat.server.internal.storage.LogPseudonymKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one scrubbing helper for logs: user names, and the conversation ids that hold them, appear in
 * the relay's log only as pseudonyms, so lines about one user can be correlated without naming
 * them. The pseudonym is keyed with this relay's own secret ({@code log-pseudonyms.key} in the data
 * directory): a plain hash of the name would be the same on every relay, and anyone holding a log
 * and a member list could hash the names and read it back.
 */
public final class LogIds {
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /**
   * Pseudonyms under {@code key}, {@link LogPseudonymKey#BYTES} secret bytes (copied).
   *
   * @throws IllegalArgumentException if the key has another length
   */
  public LogIds(byte[] key) {
    if (key.length != LogPseudonymKey.BYTES) {
      throw new IllegalArgumentException(
          "a log pseudonym key has " + LogPseudonymKey.BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  /**
   * {@code u:} and the first 8 hex digits of HMAC-SHA-256 of the identifier (the user's lowercase
   * key) under this relay's key: stable across the relay's restarts, different on another relay.
   */
  public String user(String identifier) {
    return "u:" + pseudonym(identifier);
  }

  /**
   * A conversation id as the log names it: a direct conversation by its two parties' pseudonyms
   * ({@code @u:…+u:…}, as {@link #user} names them), so that it names nobody; a room or group by
   * {@code r:} and the first 8 hex digits of HMAC-SHA-256 of its id, since a room's name may name
   * its members.
   */
  public String conversation(String id) {
    if (ConversationIds.isDirect(id)) {
      List<String> parties = ConversationIds.parties(id);
      return "@" + user(parties.get(0)) + "+" + user(parties.get(1));
    }
    return "r:" + pseudonym(id);
  }

  private String pseudonym(String identifier) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest = mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 missing", e);
    }
  }
}
