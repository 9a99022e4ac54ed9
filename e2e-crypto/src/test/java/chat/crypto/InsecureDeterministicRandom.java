package chat.crypto;

import chat.crypto.internal.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Objects;

/**
 * A <b>predictable</b> {@link SecureRandom} for tests only: its output is the stream {@code
 * SHA-256(seed || u64 0) || SHA-256(seed || u64 1) || ...}, so anyone who knows the seed knows
 * every "random" byte. It exists so that test-vector generators are reproducible.
 *
 * <p>It must never be used outside {@code src/test}: keys, nonces and OAEP seeds drawn from it are
 * public. {@link #nextBytes} and {@link #generateSeed} both read the same stream; {@code setSeed},
 * {@code reseed} and the parameterised {@code nextBytes} throw {@link
 * UnsupportedOperationException} rather than silently mixing in real entropy, so a caller that
 * reaches past the overridden methods fails loudly instead of becoming non-deterministic.
 */
public final class InsecureDeterministicRandom extends SecureRandom {
  private final Stream stream;

  /** A stream determined by {@code seed} (copied). */
  public InsecureDeterministicRandom(byte[] seed) {
    this(new Stream(seed));
  }

  private InsecureDeterministicRandom(Stream stream) {
    super(stream, null);
    this.stream = stream;
  }

  /** A stream seeded with the UTF-8 bytes of {@code label}. */
  public static InsecureDeterministicRandom fromLabel(String label) {
    return new InsecureDeterministicRandom(label.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void nextBytes(byte[] bytes) {
    stream.engineNextBytes(bytes);
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    return stream.engineGenerateSeed(numBytes);
  }

  @Override
  public String getAlgorithm() {
    return "InsecureDeterministicRandom(SHA-256-CTR)";
  }

  @Override
  public String toString() {
    return "InsecureDeterministicRandom[test only]";
  }

  /** The SHA-256 counter-mode stream. */
  private static final class Stream extends SecureRandomSpi {
    private final byte[] seed;
    private final MessageDigest digest = Hashes.sha256();
    private final byte[] counterBytes = new byte[8];
    private long counter;
    private byte[] block = new byte[0];
    private int used;

    Stream(byte[] seed) {
      this.seed = Objects.requireNonNull(seed, "seed").clone();
    }

    @Override
    protected synchronized void engineNextBytes(byte[] bytes) {
      Objects.requireNonNull(bytes, "bytes");
      for (int i = 0; i < bytes.length; i++) {
        if (used == block.length) {
          refill();
        }
        bytes[i] = block[used++];
      }
    }

    private void refill() {
      for (int i = 0; i < 8; i++) {
        counterBytes[i] = (byte) (counter >>> (56 - 8 * i));
      }
      counter++;
      digest.update(seed);
      digest.update(counterBytes);
      block = digest.digest();
      used = 0;
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      if (numBytes < 0) {
        throw new IllegalArgumentException("numBytes must not be negative");
      }
      byte[] out = new byte[numBytes];
      engineNextBytes(out);
      return out;
    }

    @Override
    protected void engineSetSeed(byte[] ignored) {
      throw new UnsupportedOperationException("a deterministic stream cannot be reseeded");
    }
  }
}
