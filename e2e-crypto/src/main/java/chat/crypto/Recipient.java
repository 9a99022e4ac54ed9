package chat.crypto;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * One member of an envelope's recipient set: a user id and the fingerprint of the key the content
 * key was wrapped to. Recipients are ordered by the UTF-8 bytes of the user id, then by fingerprint
 * (see PacketDiagram.md, "Recipient set").
 */
public record Recipient(String userId, Fingerprint keyFingerprint) {
  /**
   * The canonical order of recipients inside an envelope: by the UTF-8 bytes of the user id
   * (unsigned), then by the fingerprint's bytes. Compared without encoding either.
   */
  public static final Comparator<Recipient> CANONICAL_ORDER =
      (a, b) -> {
        int byId = compareUtf8(a.userId, b.userId);
        return byId != 0
            ? byId
            : Arrays.compareUnsigned(
                a.keyFingerprint.value().shared(), b.keyFingerprint.value().shared());
      };

  /**
   * Orders {@code a} and {@code b} as {@code Arrays.compareUnsigned} orders their UTF-8 encodings
   * (the sign only): UTF-8 keeps the order of code points, and a valid id has no lone surrogate.
   */
  static int compareUtf8(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length()) {
      int left = a.codePointAt(i);
      int right = b.codePointAt(i);
      if (left != right) {
        return Integer.compare(left, right);
      }
      i += Character.charCount(left);
    }
    return Integer.compare(a.length() - i, b.length() - i);
  }

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
