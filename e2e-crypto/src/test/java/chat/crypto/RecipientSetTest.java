package chat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests {@link RecipientSet}: canonical order, duplicates, size limits and the exact hash. */
class RecipientSetTest {
  private static Fingerprint fingerprint(int fill) {
    byte[] raw = new byte[Fingerprint.SIZE_BYTES];
    Arrays.fill(raw, (byte) fill);
    return Fingerprint.of(raw);
  }

  private static Recipient recipient(String userId, int fill) {
    return new Recipient(userId, fingerprint(fill));
  }

  private static List<Recipient> sample() {
    return List.of(
        recipient("carol", 3),
        recipient("alice", 1),
        recipient("bob", 2),
        recipient("alice", 0),
        recipient("Zed", 9));
  }

  /** The hash written out from PacketDiagram's rule, over recipients already in order. */
  private static byte[] referenceHash(List<Recipient> ordered) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("chat-e2e/v1/recipient-set".getBytes(StandardCharsets.US_ASCII));
    out.write(0);
    int n = ordered.size();
    out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    for (Recipient recipient : ordered) {
      byte[] id = recipient.userId().getBytes(StandardCharsets.UTF_8);
      out.write(id.length);
      out.write(id);
      out.write(recipient.keyFingerprint().value().toByteArray());
    }
    return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
  }

  @Test
  void canonical_anyInputOrder_sortsByUtf8IdThenFingerprint() {
    assertThat(RecipientSet.canonical(sample()))
        .containsExactly(
            recipient("Zed", 9),
            recipient("alice", 0),
            recipient("alice", 1),
            recipient("bob", 2),
            recipient("carol", 3));
  }

  /** UTF-16 order puts U+FF21 after U+1F600 (a surrogate pair); UTF-8 byte order does not. */
  @Test
  void canonical_nonAsciiIds_usesUnsignedUtf8ByteOrder() {
    Recipient fullwidth = recipient("\uff21", 1); // EF BC A1
    Recipient emoji = recipient("\ud83d\ude00", 1); // F0 9F 98 80
    Recipient accented = recipient("\u00e9", 1); // C3 A9
    Recipient ascii = recipient("z", 1);

    assertThat(RecipientSet.canonical(List.of(emoji, fullwidth, accented, ascii)))
        .containsExactly(ascii, accented, fullwidth, emoji);
  }

  /**
   * The order compares ids without encoding them; over random ids from every range where UTF-16 and
   * UTF-8 orders part (ASCII, two- and three-byte, the private use area above the surrogates,
   * four-byte) and ids that are prefixes of each other, it agrees with the UTF-8 bytes compared
   * unsigned, and fingerprints compare unsigned too.
   */
  @Test
  void canonicalOrder_randomIds_agreesWithUnsignedUtf8Bytes() {
    int[] codePoints = {'a', 'z', 'A', 0xe9, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xff21, 0xffff};
    int[] supplementary = {0x10000, 0x1f600, 0x10ffff};
    Random random = new Random(11);
    for (int round = 0; round < 20_000; round++) {
      String a = randomId(random, codePoints, supplementary);
      String b =
          random.nextInt(4) == 0
              ? a + randomId(random, codePoints, supplementary)
              : randomId(random, codePoints, supplementary);
      int expected =
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
      int fillA = random.nextInt(256);
      int fillB = random.nextInt(256);

      assertThat(
              Integer.signum(Recipient.CANONICAL_ORDER.compare(recipient(a, 1), recipient(b, 1))))
          .as("%s against %s", a, b)
          .isEqualTo(Integer.signum(expected));
      assertThat(
              Integer.signum(
                  Recipient.CANONICAL_ORDER.compare(recipient(a, fillA), recipient(a, fillB))))
          .isEqualTo(Integer.signum(Integer.compare(fillA, fillB)));
    }
  }

  private static String randomId(Random random, int[] codePoints, int[] supplementary) {
    StringBuilder id = new StringBuilder();
    int length = 1 + random.nextInt(4);
    for (int i = 0; i < length; i++) {
      int[] from = random.nextInt(5) == 0 ? supplementary : codePoints;
      int base = from[random.nextInt(from.length)];
      int codePoint = base == 0x10ffff || base == 0xffff ? base : base + random.nextInt(2);
      id.appendCodePoint(codePoint == 0xd800 ? 0xd7ff : codePoint);
    }
    return id.toString();
  }

  @Test
  void hash_shuffledInput_isUnchanged() {
    Bytes expected = RecipientSet.hash(sample());
    Random random = new Random(5);
    for (int i = 0; i < 20; i++) {
      List<Recipient> shuffled = new ArrayList<>(sample());
      Collections.shuffle(shuffled, random);

      assertThat(RecipientSet.hash(shuffled)).isEqualTo(expected);
    }
  }

  @Test
  void hash_always_matchesReferenceEncoding() throws Exception {
    byte[] expected = referenceHash(RecipientSet.canonical(sample()));

    assertThat(RecipientSet.hash(sample()).toByteArray()).isEqualTo(expected);
  }

  @Test
  void hash_changedFingerprintOrMember_differs() {
    Bytes original = RecipientSet.hash(sample());
    List<Recipient> otherKey = new ArrayList<>(sample());
    otherKey.set(2, recipient("bob", 4));
    List<Recipient> extra = new ArrayList<>(sample());
    extra.add(recipient("dave", 5));
    List<Recipient> fewer = new ArrayList<>(sample().subList(0, 4));

    assertThat(RecipientSet.hash(otherKey)).isNotEqualTo(original);
    assertThat(RecipientSet.hash(extra)).isNotEqualTo(original);
    assertThat(RecipientSet.hash(fewer)).isNotEqualTo(original);
  }

  @Test
  void canonical_duplicateRecipient_throwsIllegalArgument() {
    List<Recipient> duplicated = new ArrayList<>(sample());
    duplicated.add(recipient("bob", 2));

    assertThatThrownBy(() -> RecipientSet.canonical(duplicated))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RecipientSet.hash(duplicated))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void canonical_sameIdWithTwoKeys_keepsBoth() {
    assertThat(RecipientSet.canonical(List.of(recipient("bob", 2), recipient("bob", 1))))
        .containsExactly(recipient("bob", 1), recipient("bob", 2));
  }

  @Test
  void canonical_empty_throwsIllegalArgument() {
    assertThatThrownBy(() -> RecipientSet.canonical(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void canonical_maxRecipients_acceptedOneMoreRefused() {
    List<Recipient> many = new ArrayList<>();
    for (int i = 0; i < RecipientSet.MAX_RECIPIENTS; i++) {
      many.add(recipient("user" + i, 1));
    }

    assertThat(RecipientSet.hash(many).length()).isEqualTo(32);

    many.add(recipient("one more", 1));
    assertThatThrownBy(() -> RecipientSet.canonical(many))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void canonical_inputListChangedAfterwards_resultUnchanged() {
    List<Recipient> input = new ArrayList<>(sample());
    List<Recipient> sorted = RecipientSet.canonical(input);

    input.clear();

    assertThat(sorted).hasSize(5);
  }
}
