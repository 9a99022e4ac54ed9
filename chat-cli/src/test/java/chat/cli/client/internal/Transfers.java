package chat.cli.client.internal;

import chat.cli.client.FileOffer;
import chat.crypto.FileStreamCipher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Test helpers for file transfers: plaintexts, their encryption and matching offers. */
final class Transfers {
  static final SecureRandom RANDOM = new SecureRandom();
  static final String CONVERSATION = "#files";

  private Transfers() {}

  static byte[] random(int size) {
    byte[] data = new byte[size];
    RANDOM.nextBytes(data);
    return data;
  }

  static String newFileId() {
    return HexFormat.of().formatHex(random(16));
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  /** {@code plaintext} encrypted as a client would for {@code fileId} in {@link #CONVERSATION}. */
  static byte[] encrypt(byte[] key, String fileId, byte[] plaintext) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FileStreamCipher(key)
        .encrypt(
            new ByteArrayInputStream(plaintext),
            out,
            FileStreams.associatedData(fileId, CONVERSATION));
    return out.toByteArray();
  }

  /** An opened offer from {@code sender} of {@code plaintext} named {@code name}. */
  static OfferBook.Entry offer(
      String sender, String fileId, String name, byte[] key, byte[] plaintext, String sha256) {
    FileOffer offer =
        new FileOffer(
            CONVERSATION,
            1,
            "aa".repeat(16),
            sender,
            1,
            1,
            fileId,
            name,
            plaintext.length,
            99,
            false);
    Content.File content =
        new Content.File(
            fileId,
            name,
            plaintext.length,
            sha256,
            FileKey.of(key),
            FileStreams.CIPHER,
            FileStreams.SEGMENT_BYTES,
            FileStreamCipher.ciphertextSize(plaintext.length),
            99);
    return new OfferBook.Entry(offer, content);
  }
}
