package chat.crypto;

import chat.crypto.internal.ByteWriter;
import chat.crypto.internal.Hashes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.IntUnaryOperator;

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
    requireCanonical(sorted);
    return sorted;
  }

  /**
   * Checks that {@code recipients} is a recipient set in canonical order: 1 to {@link
   * #MAX_RECIPIENTS} of them, each after the one before.
   *
   * @throws IllegalArgumentException if not
   */
  static void requireCanonical(List<Recipient> recipients) {
    requireCanonical(
        recipients.size(),
        i -> Recipient.CANONICAL_ORDER.compare(recipients.get(i - 1), recipients.get(i)));
  }

  /**
   * {@link #requireCanonical(List)} of {@code size} recipients held elsewhere: {@code
   * orderAfterPrevious} compares recipient {@code i - 1} with recipient {@code i} as {@link
   * Recipient#CANONICAL_ORDER} does (the sign only).
   *
   * @throws IllegalArgumentException if not
   */
  static void requireCanonical(int size, IntUnaryOperator orderAfterPrevious) {
    if (size < 1 || size > MAX_RECIPIENTS) {
      throw new IllegalArgumentException("an envelope has 1 to 10000 recipients");
    }
    for (int i = 1; i < size; i++) {
      int order = orderAfterPrevious.applyAsInt(i);
      if (order == 0) {
        throw new IllegalArgumentException("duplicate recipient");
      }
      if (order > 0) {
        throw new IllegalArgumentException("recipients are not in canonical order");
      }
    }
  }

  /**
   * {@code SHA-256(context || u32 n || (string8 userId || fingerprint)*)} over the recipients in
   * canonical order; the order of {@code recipients} does not matter.
   *
   * @throws IllegalArgumentException if the set is empty, too large or has a duplicate
   */
  public static Bytes hash(Collection<Recipient> recipients) {
    return hashCanonical(canonical(recipients));
  }

  /** {@link #hash} of recipients already checked by {@link #requireCanonical}. */
  static Bytes hashCanonical(List<Recipient> sorted) {
    ByteWriter out = new ByteWriter(64 + sorted.size() * 48);
    out.raw(Hashes.context(Contexts.RECIPIENT_SET)).u32(sorted.size());
    for (Recipient recipient : sorted) {
      out.string8(recipient.userId()).raw(recipient.keyFingerprint().value());
    }
    return Bytes.adopt(Hashes.sha256(out.finish()));
  }

  /**
   * {@link #hash} of the recipients of the entries that lie in {@code data}, entry {@code i} from
   * {@code entryAt[i]}, its first bytes its {@code string8 userId || fingerprint}: each recipient
   * hashed where it lies. {@code entryAt} may hold more offsets than {@code count}.
   */
  static Bytes hashOfEntries(byte[] data, int[] entryAt, int count) {
    MessageDigest digest = Hashes.sha256();
    digest.update(Hashes.context(Contexts.RECIPIENT_SET));
    digest.update(new ByteWriter(4).u32(count).finish());
    for (int i = 0; i < count; i++) {
      int at = entryAt[i];
      digest.update(data, at, 1 + (data[at] & 0xFF) + Fingerprint.SIZE_BYTES);
    }
    return Bytes.adopt(digest.digest());
  }
}
