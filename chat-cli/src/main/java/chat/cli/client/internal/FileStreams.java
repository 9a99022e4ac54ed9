package chat.cli.client.internal;

import chat.crypto.FileStreamCipher;
import chat.protocol.ConversationIds;
import chat.protocol.FileIds;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The parameters of shared files between clients: the stream format named in a file offer, the
 * associated data that binds a stream to its file id and conversation, and the checks every
 * receiver makes on an offer before it trusts any field.
 */
final class FileStreams {
  /** The one stream format: Tink AES-GCM-HKDF streaming, AES-256, 64 KiB segments. */
  static final String CIPHER = "file-stream-v1";

  /** The ciphertext segment size of {@link #CIPHER}. */
  static final int SEGMENT_BYTES = FileStreamCipher.SEGMENT_SIZE_BYTES;

  /** Longest file name an offer may carry, in characters. */
  static final int MAX_NAME_CHARS = 1024;

  /** Largest plaintext an offer may announce: 1 TiB (the relay's limit is far lower). */
  static final long MAX_SIZE_BYTES = 1L << 40;

  /** The context string that starts the associated data. */
  static final String CONTEXT = "chat-e2e/v1/file";

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private FileStreams() {}

  /**
   * The stream's associated data: {@code "chat-e2e/v1/file" || 0x00 || fileId (16 bytes) || u8
   * length || conversation id (UTF-8)}. A stream made for one file or conversation fails to decrypt
   * as another.
   */
  static byte[] associatedData(String fileId, String conversation) {
    byte[] id = HexFormat.of().parseHex(FileIds.require(fileId));
    byte[] where = ConversationIds.require(conversation).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(CONTEXT.getBytes(StandardCharsets.US_ASCII));
    out.write(0);
    out.writeBytes(id);
    out.write(where.length);
    out.writeBytes(where);
    return out.toByteArray();
  }

  /**
   * Checks an offer's public fields.
   *
   * @throws IllegalArgumentException naming the first field that is wrong
   */
  static void checkOffer(
      String id,
      String name,
      long size,
      String sha256,
      String cipher,
      int segmentBytes,
      long ciphertextSize) {
    if (!FileIds.isValid(id)) {
      throw new IllegalArgumentException("file id must be 32 lowercase hex digits");
    }
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_CHARS) {
      throw new IllegalArgumentException("file name must be 1 to " + MAX_NAME_CHARS + " chars");
    }
    if (size < 0 || size > MAX_SIZE_BYTES) {
      throw new IllegalArgumentException("file size out of range");
    }
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
    }
    if (!CIPHER.equals(cipher) || segmentBytes != SEGMENT_BYTES) {
      throw new IllegalArgumentException("unknown file stream format");
    }
    if (ciphertextSize != FileStreamCipher.ciphertextSize(size)) {
      throw new IllegalArgumentException("ciphertext size does not follow from the size");
    }
  }
}
