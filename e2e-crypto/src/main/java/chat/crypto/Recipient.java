package chat.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * One member of an envelope's recipient set: a user id and the fingerprint of the key the content
 * key was wrapped to. Recipients are ordered by the UTF-8 bytes of the user id, then by fingerprint
 * (see PacketDiagram.md, "Recipient set").
 */
public record Recipient(String userId, Fingerprint keyFingerprint) {
  /** The canonical order of recipients inside an envelope. */
  public static final Comparator<Recipient> CANONICAL_ORDER =
      (a, b) -> {
        int byId =
            Arrays.compareUnsigned(
                a.userId.getBytes(StandardCharsets.UTF_8),
                b.userId.getBytes(StandardCharsets.UTF_8));
        return byId != 0
            ? byId
            : Arrays.compareUnsigned(
                a.keyFingerprint.value().toByteArray(), b.keyFingerprint.value().toByteArray());
      };

  /** Validates the fields. */
  public Recipient {
    Identifiers.require(userId, "userId");
    Objects.requireNonNull(keyFingerprint, "keyFingerprint");
  }

  /** The recipient for a bundle. */
  public static Recipient of(IdentityBundle bundle) {
    return new Recipient(bundle.userId(), bundle.fingerprint());
  }
}
