package chat.bench;

import chat.crypto.IdentityBundle;
import chat.crypto.IdentityKeyPair;
import chat.crypto.MalformedDataException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Identities for benchmarks. RSA-3072 generation costs seconds, so a handful of distinct RSA key
 * pairs are made and reused under distinct user ids and fresh Ed25519 keys; wrapping cost is one
 * RSA public-key operation per recipient whichever key it is, so this does not change the figures.
 */
public final class BenchIdentities {
  private static final int DISTINCT_RSA_KEYS = 4;

  private final List<IdentityKeyPair> identities;

  /** {@code count} identities named {@link #userId(int) userId(0)} and up. */
  public BenchIdentities(int count, SecureRandom random) {
    Clock clock = Clock.systemUTC();
    List<IdentityKeyPair> base = new ArrayList<>();
    for (int i = 0; i < Math.min(count, DISTINCT_RSA_KEYS); i++) {
      base.add(IdentityKeyPair.generate("base" + i, random, clock));
    }
    identities = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      IdentityKeyPair template = base.get(i % base.size());
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      try {
        identities.add(
            IdentityKeyPair.fromKeys(
                userId(i), clock.millis(), template.rsaPrivateKeyPkcs8(), seed));
      } catch (MalformedDataException e) {
        throw new IllegalStateException("generated key did not re-import", e);
      }
    }
  }

  /** The user id of identity {@code index}: {@code user0000}, {@code user0001}, ... */
  public static String userId(int index) {
    return String.format(java.util.Locale.ROOT, "user%04d", index);
  }

  /** How many identities there are. */
  public int size() {
    return identities.size();
  }

  /** Identity {@code index}. */
  public IdentityKeyPair get(int index) {
    return identities.get(index);
  }

  /** The public bundles of identities {@code fromIndex} (inclusive) to {@code toIndex}. */
  public List<IdentityBundle> bundles(int fromIndex, int toIndex) {
    List<IdentityBundle> out = new ArrayList<>(toIndex - fromIndex);
    for (IdentityKeyPair identity : identities.subList(fromIndex, toIndex)) {
      out.add(identity.bundle());
    }
    return out;
  }
}
