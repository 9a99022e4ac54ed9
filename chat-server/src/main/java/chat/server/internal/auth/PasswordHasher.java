package chat.server.internal.auth;

import chat.protocol.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Hashes passwords with bcrypt at a configurable cost. bcrypt reads at most 72 bytes, so the
 * password is first reduced to {@code base64(SHA-256(UTF-8 password))} (44 ASCII bytes) and that is
 * what bcrypt hashes: every byte of a long password counts, none is silently dropped. Every hash
 * and check runs in one of the {@link HashingSlots}, which bound how many run at once; past them
 * {@link #hash}, {@link #matches} and {@link #matchesNobody} throw {@link HashingBusyException}.
 */
public final class PasswordHasher {
  private final int cost;
  private final SecureRandom random;
  private final String dummyHash;
  private final HashingSlots slots;

  /**
   * A hasher with bcrypt {@code cost} (4 to 31) drawing salts from {@code random}, in slots as many
   * as the processors (up to 16 more computations waiting for one, at most 5 seconds each).
   */
  public PasswordHasher(int cost, SecureRandom random) {
    this(
        cost,
        random,
        new HashingSlots(Runtime.getRuntime().availableProcessors(), 16, Duration.ofSeconds(5)));
  }

  /**
   * A hasher with bcrypt {@code cost} (4 to 31) drawing salts from {@code random}, in {@code
   * slots}.
   */
  public PasswordHasher(int cost, SecureRandom random, HashingSlots slots) {
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("bcrypt cost must be 4 to 31");
    }
    this.cost = cost;
    this.random = random;
    this.slots = java.util.Objects.requireNonNull(slots, "slots");
    this.dummyHash = BCrypt.hashpw("no-such-user", BCrypt.gensalt(cost, random));
  }

  /** The bcrypt hash of {@code password}. */
  public String hash(Secret password) {
    return slots.run(() -> BCrypt.hashpw(prehash(password), BCrypt.gensalt(cost, random)));
  }

  /** True if {@code password} matches {@code hash}. */
  public boolean matches(Secret password, String hash) {
    return slots.run(() -> check(password, hash));
  }

  private static boolean check(Secret password, String hash) {
    try {
      return BCrypt.checkpw(prehash(password), hash);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Spends the same time as {@link #matches} for a user that does not exist; always false. */
  public boolean matchesNobody(Secret password) {
    matches(password, dummyHash);
    return false;
  }

  private static String prehash(Secret password) {
    byte[] utf8 = password.utf8();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(utf8);
      return new String(Base64.getEncoder().encode(digest), StandardCharsets.US_ASCII);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }
}
