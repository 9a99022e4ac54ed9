package chat.crypto;

import chat.crypto.internal.ByteReader;
import chat.crypto.internal.ByteWriter;
import chat.crypto.internal.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One recipient's wrapped content key: the leaf data of the recipient Merkle tree (see
 * PacketDiagram.md, "Recipient entry").
 */
public record RecipientEntry(Recipient recipient, Bytes wrappedKey) {
  /** Largest wrapped key accepted (an 8192-bit modulus). */
  public static final int MAX_WRAPPED_KEY_BYTES = 1024;

  /** Validates the fields. */
  public RecipientEntry {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(wrappedKey, "wrappedKey");
    if (wrappedKey.length() == 0 || wrappedKey.length() > MAX_WRAPPED_KEY_BYTES) {
      throw new IllegalArgumentException("wrapped key length out of range");
    }
  }

  /** {@code string8 userId || fingerprint || bytes16 wrappedKey}. */
  public byte[] encode() {
    return encode(0);
  }

  /**
   * {@link #encode()} followed by {@code room} zero bytes in the same array, for what is to follow
   * the entry (a per-recipient form's audit path).
   */
  byte[] encode(int room) {
    byte[] userId = recipient.userId().getBytes(StandardCharsets.UTF_8);
    // Exactly the array's size: the writer's array is the result, not copied.
    return new ByteWriter(
            1 + userId.length + Fingerprint.SIZE_BYTES + 2 + wrappedKey.length() + room)
        .u8(userId.length)
        .raw(userId)
        .raw(recipient.keyFingerprint().value())
        .bytes16(wrappedKey.shared())
        .zeros(room)
        .finish();
  }

  /** The Merkle leaf hash of this entry. */
  public byte[] leafHash() {
    return MerkleTree.leafHash(encode());
  }

  static RecipientEntry read(ByteReader in) throws MalformedDataException {
    String userId = in.string8();
    // The reader's arrays are fresh copies: the records take them as they are.
    Fingerprint fingerprint = new Fingerprint(Bytes.adopt(in.raw(Fingerprint.SIZE_BYTES)));
    byte[] wrapped = in.bytes16();
    requireValid(userId, wrapped.length);
    return new RecipientEntry(new Recipient(userId, fingerprint), Bytes.adopt(wrapped));
  }

  /**
   * Reads past one entry without copying it, checking it as {@link #read} does.
   *
   * @return its user id
   */
  static String skip(ByteReader in) throws MalformedDataException {
    String userId = in.string8();
    in.skip(Fingerprint.SIZE_BYTES);
    int wrappedLength = in.u16();
    in.skip(wrappedLength);
    requireValid(userId, wrappedLength);
    return userId;
  }

  /** What the record's and its recipient's constructors check, as a parse reports it. */
  private static void requireValid(String userId, int wrappedLength) throws MalformedDataException {
    if (!Identifiers.isValid(userId)
        || wrappedLength == 0
        || wrappedLength > MAX_WRAPPED_KEY_BYTES) {
      throw new MalformedDataException("invalid recipient entry");
    }
  }
}
