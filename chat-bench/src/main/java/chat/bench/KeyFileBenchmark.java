package chat.bench;

import chat.crypto.CryptoException;
import chat.crypto.IdentityKeyPair;
import chat.crypto.KdfParameters;
import chat.crypto.KeyFile;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Unlocking the encrypted key file with the default Argon2id costs, beside one raw Argon2id
 * derivation with the same costs: the difference is the file's own work (parse, GCM, key import).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KeyFileBenchmark {
  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  private byte[] keyFile;
  private byte[] salt;

  /** Seals one identity into a key file. */
  @Setup
  public void setUp() {
    SecureRandom random = new SecureRandom();
    IdentityKeyPair identity = IdentityKeyPair.generate("bench", random, Clock.systemUTC());
    keyFile = KeyFile.seal(identity, PASSPHRASE, KdfParameters.DEFAULT, random);
    salt = new byte[KeyFile.SALT_SIZE_BYTES];
    random.nextBytes(salt);
  }

  /** Unlock the key file: Argon2id, AES-256-GCM, parse, key import and consistency check. */
  @Benchmark
  public IdentityKeyPair keyFileOpen() throws CryptoException {
    return KeyFile.open(keyFile, PASSPHRASE);
  }

  /** One raw Argon2id derivation with the default costs (the baseline). */
  @Benchmark
  public byte[] argon2id() {
    KdfParameters costs = KdfParameters.DEFAULT;
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(costs.memoryKiB())
            .withIterations(costs.iterations())
            .withParallelism(costs.parallelism())
            .withSalt(salt)
            .build());
    byte[] out = new byte[32];
    generator.generateBytes(PASSPHRASE, out);
    return out;
  }
}
