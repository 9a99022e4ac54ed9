package chat.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent codec for the file-stream format written from {@code docs/spec/
 * streams-and-at-rest.md} with nothing but JDK HMAC-SHA256 and AES-GCM. It exists to prove the spec
 * exact: it must produce byte-identical ciphertext to {@link FileStreamCipher} for the same salt
 * and nonce prefix, and open what {@link FileStreamCipher} makes.
 */
final class FileStreamReference {
  static final int HEADER_BYTES = 40;
  static final int SALT_BYTES = 32;
  static final int PREFIX_BYTES = 7;
  static final int SEGMENT_BYTES = 65536;
  static final int TAG_BYTES = 16;

  private FileStreamReference() {}

  /** HKDF-SHA256 (RFC 5869) with a 32-byte output. */
  static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    mac.update(info);
    mac.update((byte) 1);
    return mac.doFinal(); // T(1) is exactly 32 bytes
  }

  /** nonce = prefix (7) || segment number (4, big-endian) || last flag (1). */
  static byte[] nonce(byte[] prefix, int segment, boolean last) {
    return ByteBuffer.allocate(12).put(prefix).putInt(segment).put((byte) (last ? 1 : 0)).array();
  }

  /** Plaintext bytes carried by a full segment {@code i}. */
  static int plaintextCapacity(int segment) {
    return SEGMENT_BYTES - TAG_BYTES - (segment == 0 ? HEADER_BYTES : 0);
  }

  static byte[] encrypt(byte[] fileKey, byte[] salt, byte[] prefix, byte[] ad, byte[] plaintext)
      throws GeneralSecurityException {
    byte[] key = hkdfSha256(fileKey, salt, ad);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(HEADER_BYTES);
    out.writeBytes(salt);
    out.writeBytes(prefix);
    int offset = 0;
    for (int segment = 0; ; segment++) {
      int take = Math.min(plaintextCapacity(segment), plaintext.length - offset);
      boolean last = offset + take == plaintext.length;
      out.writeBytes(
          gcm(Cipher.ENCRYPT_MODE, key, nonce(prefix, segment, last), plaintext, offset, take));
      offset += take;
      if (last) {
        return out.toByteArray();
      }
    }
  }

  static byte[] decrypt(byte[] fileKey, byte[] ad, byte[] ciphertext)
      throws GeneralSecurityException {
    if (ciphertext.length < HEADER_BYTES || ciphertext[0] != HEADER_BYTES) {
      throw new GeneralSecurityException("bad header");
    }
    byte[] salt = Arrays.copyOfRange(ciphertext, 1, 1 + SALT_BYTES);
    byte[] prefix = Arrays.copyOfRange(ciphertext, 1 + SALT_BYTES, HEADER_BYTES);
    byte[] key = hkdfSha256(fileKey, salt, ad);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int offset = HEADER_BYTES;
    for (int segment = 0; ; segment++) {
      int full = SEGMENT_BYTES - (segment == 0 ? HEADER_BYTES : 0);
      int remaining = ciphertext.length - offset;
      boolean last = remaining <= full;
      int take = last ? remaining : full;
      out.writeBytes(
          gcm(Cipher.DECRYPT_MODE, key, nonce(prefix, segment, last), ciphertext, offset, take));
      offset += take;
      if (last) {
        return out.toByteArray();
      }
    }
  }

  /** Seals one segment: AES-256-GCM under the stream key with an empty GCM associated data. */
  static byte[] sealSegment(byte[] streamKey, byte[] prefix, int segment, boolean last, byte[] in)
      throws GeneralSecurityException {
    return gcm(Cipher.ENCRYPT_MODE, streamKey, nonce(prefix, segment, last), in, 0, in.length);
  }

  private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] in, int offset, int length)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    return cipher.doFinal(in, offset, length);
  }
}
