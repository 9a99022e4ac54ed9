package chat.crypto;

import chat.crypto.internal.ByteReader;
import chat.crypto.internal.ByteWriter;
import java.util.Objects;

/**
 * The signed header of envelope v1, also the AES-GCM associated data (see PacketDiagram.md,
 * "Header"). It binds the ciphertext to its conversation, sender, sender key, message id, time and
 * recipient set.
 */
public record EnvelopeHeader(
    Bytes messageId,
    long timestampMillis,
    String conversationId,
    String senderId,
    Fingerprint senderKey,
    int recipientCount,
    Bytes recipientSetHash) {
  /** Envelope format version. */
  public static final int VERSION = 1;

  /** Cipher suite 1: RSA-OAEP-SHA256 wrapping, AES-256-GCM content, Ed25519 signature. */
  public static final int SUITE = 1;

  /** Message id length in bytes. */
  public static final int MESSAGE_ID_SIZE_BYTES = 16;

  /** Validates every field. */
  public EnvelopeHeader {
    Objects.requireNonNull(messageId, "messageId");
    Identifiers.require(conversationId, "conversationId");
    Identifiers.require(senderId, "senderId");
    Objects.requireNonNull(senderKey, "senderKey");
    Objects.requireNonNull(recipientSetHash, "recipientSetHash");
    if (messageId.length() != MESSAGE_ID_SIZE_BYTES) {
      throw new IllegalArgumentException("message id must be 16 bytes");
    }
    if (recipientCount < 1 || recipientCount > RecipientSet.MAX_RECIPIENTS) {
      throw new IllegalArgumentException("recipient count out of range");
    }
    if (recipientSetHash.length() != 32) {
      throw new IllegalArgumentException("recipient set hash must be 32 bytes");
    }
  }

  /** The canonical encoding. */
  public byte[] encode() {
    return new ByteWriter(200)
        .u8(VERSION)
        .u8(SUITE)
        .raw(messageId)
        .u64(timestampMillis)
        .string8(conversationId)
        .string8(senderId)
        .raw(senderKey.value())
        .u32(recipientCount)
        .raw(recipientSetHash)
        .toByteArray();
  }

  /** Reads a header from {@code in}, checking version, suite and ranges. */
  static EnvelopeHeader read(ByteReader in) throws MalformedDataException {
    if (in.u8() != VERSION) {
      throw new MalformedDataException("unsupported envelope version");
    }
    if (in.u8() != SUITE) {
      throw new MalformedDataException("unsupported cipher suite");
    }
    Bytes messageId = Bytes.of(in.raw(MESSAGE_ID_SIZE_BYTES));
    long timestamp = in.u64();
    if (timestamp < 0) {
      throw new MalformedDataException("negative timestamp");
    }
    String conversation = in.string8();
    String sender = in.string8();
    Fingerprint senderKey = Fingerprint.of(in.raw(Fingerprint.SIZE_BYTES));
    int count = in.u32(RecipientSet.MAX_RECIPIENTS);
    Bytes setHash = Bytes.of(in.raw(32));
    if (count == 0 || !Identifiers.isValid(conversation) || !Identifiers.isValid(sender)) {
      throw new MalformedDataException("invalid envelope header");
    }
    return new EnvelopeHeader(
        messageId, timestamp, conversation, sender, senderKey, count, setHash);
  }

  /** The message id as 32 lowercase hex digits. */
  public String messageIdHex() {
    return messageId.hex();
  }
}
