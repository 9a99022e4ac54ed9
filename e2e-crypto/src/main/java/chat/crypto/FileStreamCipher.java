package chat.crypto;

import chat.crypto.internal.SourceTrackingInputStream;
import chat.crypto.internal.UnclosingOutputStream;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.util.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Streaming authenticated encryption of file attachments under a fresh 32-byte file key, in Tink's
 * AES-GCM-HKDF streaming format: HKDF-SHA256 derives a per-stream AES-256 key from the file key, a
 * random salt and the associated data; the plaintext is cut into AES-256-GCM segments of at most
 * {@value #SEGMENT_SIZE_BYTES} ciphertext bytes whose nonces carry the segment number and a
 * last-segment flag.
 *
 * <p>Guarantee: confidentiality of the file, and integrity of the whole stream together with its
 * associated data. A decoder detects any altered byte, a wrong key or associated data, reordered,
 * dropped or duplicated segments, truncation and appended bytes. Each segment is authenticated
 * before its plaintext is released, but truncation is only known at the end of the stream: until a
 * read reports end of stream, the plaintext read so far is an authentic <em>prefix</em>, not an
 * authentic file. The salt and nonce prefix come from Tink's own {@link SecureRandom}.
 *
 * <p>Null arguments throw {@link NullPointerException}; empty files and empty associated data are
 * allowed. Decoding failures surface as an {@link IOException} from {@code read} of {@link
 * #newDecryptingStream}, or as an {@link AuthenticationException} from {@link #decrypt}.
 *
 * <p>A secret: redacted {@code toString}, no {@code equals}; {@link #destroy} zeroes the key copy
 * held here (not the copies inside streams that are still open). Safe for concurrent use.
 */
public final class FileStreamCipher {
  /** File key length in bytes. */
  public static final int KEY_SIZE_BYTES = 32;

  /**
   * Size of a full ciphertext segment; the header counts toward the first. Only the last may be
   * shorter.
   */
  public static final int SEGMENT_SIZE_BYTES = 65536;

  /** Stream header length: length byte, 32-byte salt and 7-byte nonce prefix. */
  public static final int HEADER_SIZE_BYTES = 1 + KEY_SIZE_BYTES + 7;

  /** AES-GCM tag length per segment. */
  public static final int TAG_SIZE_BYTES = 16;

  /** Plaintext bytes in a full first segment (it shares its 64 KiB with the header). */
  public static final int FIRST_SEGMENT_PLAINTEXT_BYTES =
      SEGMENT_SIZE_BYTES - HEADER_SIZE_BYTES - TAG_SIZE_BYTES;

  /** Plaintext bytes in every later full segment. */
  public static final int SEGMENT_PLAINTEXT_BYTES = SEGMENT_SIZE_BYTES - TAG_SIZE_BYTES;

  /** Most segments a stream may have: the decoder numbers segments with a signed 32-bit count. */
  public static final long MAX_SEGMENTS = 1L << 31;

  /** Largest plaintext that fits in {@link #MAX_SEGMENTS} segments (about 140 TB). */
  public static final long MAX_PLAINTEXT_BYTES =
      FIRST_SEGMENT_PLAINTEXT_BYTES + (MAX_SEGMENTS - 1) * SEGMENT_PLAINTEXT_BYTES;

  private static final AesGcmHkdfStreamingParameters PARAMETERS = parameters();

  private final byte[] fileKey;
  private volatile boolean destroyed;

  /**
   * A cipher for one file key (copied).
   *
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public FileStreamCipher(byte[] fileKey) {
    Objects.requireNonNull(fileKey, "fileKey");
    if (fileKey.length != KEY_SIZE_BYTES) {
      throw new IllegalArgumentException("file key must be 32 bytes");
    }
    this.fileKey = fileKey.clone();
  }

  /** Makes a fresh random 32-byte file key; use each key for one file only. */
  public static byte[] newFileKey(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] key = new byte[KEY_SIZE_BYTES];
    random.nextBytes(key);
    return key;
  }

  /**
   * The exact ciphertext length for {@code plaintextSize} bytes of plaintext: the header, every
   * plaintext byte and one tag per segment.
   *
   * @throws IllegalArgumentException if the size is negative or above {@link #MAX_PLAINTEXT_BYTES}
   */
  public static long ciphertextSize(long plaintextSize) {
    if (plaintextSize < 0 || plaintextSize > MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException("plaintext size out of range");
    }
    long fromStart = plaintextSize + HEADER_SIZE_BYTES;
    long fullSegments = fromStart / SEGMENT_PLAINTEXT_BYTES;
    long rest = fromStart % SEGMENT_PLAINTEXT_BYTES;
    return fullSegments * SEGMENT_SIZE_BYTES + (rest > 0 ? rest + TAG_SIZE_BYTES : 0);
  }

  /**
   * Returns a stream that encrypts what is written to it into {@code ciphertextSink}. The header is
   * written at once; the last segment only on {@link OutputStream#close}, which also closes the
   * sink. A stream that is never closed is not a valid ciphertext.
   *
   * @throws IOException if writing the header to the sink fails
   */
  public OutputStream newEncryptingStream(OutputStream ciphertextSink, byte[] associatedData)
      throws IOException {
    Objects.requireNonNull(ciphertextSink, "ciphertextSink");
    Objects.requireNonNull(associatedData, "associatedData");
    try {
      return primitive().newEncryptingStream(ciphertextSink, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM-HKDF streaming unavailable", e);
    }
  }

  /**
   * Returns a stream of the plaintext of {@code ciphertextSource}. Nothing is read until the first
   * {@code read}. Every {@code read} throws {@link IOException} once the stream has proven
   * malformed or unauthentic (wrong key or associated data, altered, reordered, truncated or
   * extended); treat the plaintext as authentic only after a {@code read} returned -1. Closing it
   * closes the source.
   */
  public InputStream newDecryptingStream(InputStream ciphertextSource, byte[] associatedData) {
    Objects.requireNonNull(ciphertextSource, "ciphertextSource");
    Objects.requireNonNull(associatedData, "associatedData");
    try {
      return primitive().newDecryptingStream(ciphertextSource, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM-HKDF streaming unavailable", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Encrypts everything {@code plaintextSource} holds into {@code ciphertextSink}, which receives
   * exactly {@link #ciphertextSize}(returned count) bytes. Neither stream is closed. If reading or
   * writing fails, the sink holds an unterminated stream that no decoder accepts.
   *
   * @return the number of plaintext bytes encrypted
   * @throws IOException if reading the source or writing the sink fails
   */
  public long encrypt(
      InputStream plaintextSource, OutputStream ciphertextSink, byte[] associatedData)
      throws IOException {
    Objects.requireNonNull(plaintextSource, "plaintextSource");
    Objects.requireNonNull(ciphertextSink, "ciphertextSink");
    OutputStream encrypting =
        newEncryptingStream(new UnclosingOutputStream(ciphertextSink), associatedData);
    byte[] buffer = new byte[SEGMENT_PLAINTEXT_BYTES];
    long total = 0;
    try {
      for (int read; (read = plaintextSource.read(buffer)) >= 0; total += read) {
        encrypting.write(buffer, 0, read);
      }
      // Only a complete read may end the stream: closing writes the final segment.
      encrypting.close();
    } finally {
      Arrays.fill(buffer, (byte) 0);
    }
    return total;
  }

  /**
   * Decrypts the whole of {@code ciphertextSource} into {@code plaintextSink}. Plaintext is written
   * segment by segment as each one authenticates, so after a failure the sink holds an unfinished
   * prefix that the caller must discard; only a normal return means the file is complete and
   * authentic. Neither stream is closed.
   *
   * @return the number of plaintext bytes written
   * @throws AuthenticationException if the ciphertext is malformed, truncated, extended, reordered
   *     or altered, or was made with another key or other associated data
   * @throws IOException if reading the source or writing the sink fails
   */
  public long decrypt(
      InputStream ciphertextSource, OutputStream plaintextSink, byte[] associatedData)
      throws CryptoException, IOException {
    Objects.requireNonNull(plaintextSink, "plaintextSink");
    SourceTrackingInputStream source =
        new SourceTrackingInputStream(Objects.requireNonNull(ciphertextSource, "ciphertextSource"));
    InputStream plaintext = newDecryptingStream(source, associatedData);
    byte[] buffer = new byte[SEGMENT_PLAINTEXT_BYTES];
    long total = 0;
    try {
      for (int read; (read = readOrFail(plaintext, buffer, source)) >= 0; total += read) {
        plaintextSink.write(buffer, 0, read);
      }
      return total;
    } finally {
      Arrays.fill(buffer, (byte) 0);
    }
  }

  private static int readOrFail(
      InputStream plaintext, byte[] buffer, SourceTrackingInputStream source)
      throws AuthenticationException, IOException {
    try {
      return plaintext.read(buffer);
    } catch (IOException e) {
      Optional<IOException> sourceFailure = source.sourceFailure();
      if (sourceFailure.isPresent()) {
        throw sourceFailure.get();
      }
      throw new AuthenticationException("file stream did not authenticate");
    }
  }

  /** Zeroes the key copy held here; later calls throw {@link IllegalStateException}. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(fileKey, (byte) 0);
  }

  @Override
  public String toString() {
    return "FileStreamCipher[key=<redacted>]";
  }

  private StreamingAead primitive() throws GeneralSecurityException {
    if (destroyed) {
      throw new IllegalStateException("file key destroyed");
    }
    SecretBytes key = SecretBytes.copyFrom(fileKey, InsecureSecretKeyAccess.get());
    return AesGcmHkdfStreaming.create(AesGcmHkdfStreamingKey.create(PARAMETERS, key));
  }

  private static AesGcmHkdfStreamingParameters parameters() {
    try {
      return AesGcmHkdfStreamingParameters.builder()
          .setKeySizeBytes(KEY_SIZE_BYTES)
          .setDerivedAesGcmKeySizeBytes(32)
          .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
          .setCiphertextSegmentSizeBytes(SEGMENT_SIZE_BYTES)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM-HKDF streaming parameters rejected", e);
    }
  }
}
