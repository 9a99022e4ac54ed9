package chat.crypto;

/**
 * Argon2id (v1.3) cost parameters of a {@link KeyFile}: memory in KiB, passes over memory, and
 * lanes.
 *
 * <p>Every instance is within the bounds a reader accepts (memory 8 MiB to 1 GiB, 1 to 10
 * iterations, 1 to 16 lanes), so no one can write a key file that a reader would refuse, and a
 * hostile file cannot make a reader allocate more than 1 GiB. The constructor throws {@link
 * IllegalArgumentException} for anything outside them.
 */
public record KdfParameters(int memoryKiB, int iterations, int parallelism) {
  /** Smallest accepted memory cost: 8 MiB. */
  public static final int MIN_MEMORY_KIB = 8 * 1024;

  /** Largest accepted memory cost: 1 GiB. */
  public static final int MAX_MEMORY_KIB = 1024 * 1024;

  /** Smallest accepted number of passes. */
  public static final int MIN_ITERATIONS = 1;

  /** Largest accepted number of passes. */
  public static final int MAX_ITERATIONS = 10;

  /** Smallest accepted number of lanes. */
  public static final int MIN_PARALLELISM = 1;

  /** Largest accepted number of lanes. */
  public static final int MAX_PARALLELISM = 16;

  /** RFC 9106 section 4, second recommended option: 64 MiB, 3 passes, 4 lanes. */
  public static final KdfParameters DEFAULT = new KdfParameters(64 * 1024, 3, 4);

  /** Rejects values outside the accepted bounds. */
  public KdfParameters {
    if (!inBounds(memoryKiB, iterations, parallelism)) {
      throw new IllegalArgumentException(
          "Argon2id parameters out of bounds: memory 8192..1048576 KiB, iterations 1..10,"
              + " parallelism 1..16");
    }
  }

  /** True if the three values are within the bounds every reader enforces. */
  static boolean inBounds(long memoryKiB, int iterations, int parallelism) {
    return memoryKiB >= MIN_MEMORY_KIB
        && memoryKiB <= MAX_MEMORY_KIB
        && iterations >= MIN_ITERATIONS
        && iterations <= MAX_ITERATIONS
        && parallelism >= MIN_PARALLELISM
        && parallelism <= MAX_PARALLELISM;
  }
}
