package chat.bench;

import chat.crypto.CryptoException;
import chat.crypto.FileStreamCipher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Attachment encryption of 16 MiB through the file stream (64 KiB segments), beside raw AES-256-GCM
 * over the same bytes in 64 KiB chunks. MB/s = 16 / (milliseconds per op / 1000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FileStreamBenchmark {
  /** Size of the benchmark file. */
  static final int FILE_BYTES = 16 << 20;

  private static final byte[] ASSOCIATED_DATA =
      "bench-file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private FileStreamCipher cipher;
  private byte[] plaintext;
  private byte[] ciphertext;
  private byte[] key;
  private byte[] nonce;

  /** Makes the file, its key and one encryption of it. */
  @Setup
  public void setUp() throws IOException {
    SecureRandom random = new SecureRandom();
    key = FileStreamCipher.newFileKey(random);
    cipher = new FileStreamCipher(key);
    plaintext = new byte[FILE_BYTES];
    random.nextBytes(plaintext);
    ciphertext = encryptStream();
    nonce = new byte[12];
    random.nextBytes(nonce);
  }

  /** Encrypt 16 MiB through the file stream. */
  @Benchmark
  public byte[] encryptStream() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(FILE_BYTES + (1 << 20));
    cipher.encrypt(new ByteArrayInputStream(plaintext), out, ASSOCIATED_DATA);
    return out.toByteArray();
  }

  /** Decrypt and authenticate 16 MiB through the file stream. */
  @Benchmark
  public long decryptStream() throws IOException, CryptoException {
    return cipher.decrypt(
        new ByteArrayInputStream(ciphertext), OutputStream.nullOutputStream(), ASSOCIATED_DATA);
  }

  /** Raw AES-256-GCM over the same 16 MiB in 64 KiB chunks (the baseline). */
  @Benchmark
  public long rawAesGcmChunks() {
    long total = 0;
    byte[] chunk = new byte[FileStreamCipher.SEGMENT_PLAINTEXT_BYTES];
    for (int offset = 0; offset < FILE_BYTES; offset += chunk.length) {
      int length = Math.min(chunk.length, FILE_BYTES - offset);
      byte[] piece = length == chunk.length ? chunk : new byte[length];
      System.arraycopy(plaintext, offset, piece, 0, length);
      nonce[0]++;
      total += RawAesGcm.crypt(Cipher.ENCRYPT_MODE, key, nonce, piece, ASSOCIATED_DATA).length;
    }
    return total;
  }
}
