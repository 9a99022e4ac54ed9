package chat.crypto;

import chat.crypto.internal.ByteWriter;
import chat.crypto.internal.Hashes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The recipient-set hash that an envelope header carries, so that a recipient holding only its own
 * wrapped key can still check the whole set the sender signed against the membership it knows.
 */
public final class RecipientSet {
  /** Most recipients one envelope may have. */
  public static final int MAX_RECIPIENTS = 10_000;

  private RecipientSet() {}

  /**
   * Sorts {@code recipients} into canonical order.
   *
   * @throws IllegalArgumentException if empty, too large or holding a duplicate
   */
  public static List<Recipient> canonical(Collection<Recipient> recipients) {
    List<Recipient> sorted = new ArrayList<>(recipients);
    sorted.sort(Recipient.CANONICAL_ORDER);
    if (sorted.isEmpty() || sorted.size() > MAX_RECIPIENTS) {
      throw new IllegalArgumentException("an envelope has 1 to 10000 recipients");
    }
    for (int i = 1; i < sorted.size(); i++) {
      if (Recipient.CANONICAL_ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
        throw new IllegalArgumentException("duplicate recipient");
      }
    }
    return sorted;
  }

  /**
   * {@code SHA-256(context || u32 n || (string8 userId || fingerprint)*)} over the recipients in
   * canonical order; the order of {@code recipients} does not matter.
   *
   * @throws IllegalArgumentException if the set is empty, too large or has a duplicate
   */
  public static Bytes hash(Collection<Recipient> recipients) {
    List<Recipient> sorted = canonical(recipients);
    ByteWriter out = new ByteWriter(64 + sorted.size() * 48);
    out.raw(Hashes.context(Contexts.RECIPIENT_SET)).u32(sorted.size());
    for (Recipient recipient : sorted) {
      out.string8(recipient.userId()).raw(recipient.keyFingerprint().value());
    }
    return Bytes.of(Hashes.sha256(out.toByteArray()));
  }
}
