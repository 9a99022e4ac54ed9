package chat.protocol;

import java.util.Locale;

/**
 * Bounds shared by the file frames: the largest encrypted file the protocol can describe and the
 * largest chunk one frame may carry. The relay applies its own, smaller, operator limits.
 */
public final class FileSizes {
  /** Largest encrypted file size a frame may name: 1 TiB. */
  public static final long MAX_FILE_BYTES = 1L << 40;

  /** Largest chunk of file data in one frame: 1 MiB (relays ask for at most 256 KiB). */
  public static final int MAX_CHUNK_BYTES = 1 << 20;

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private FileSizes() {}

  /**
   * {@code bytes} for people, as the relay's refusals and the client's lines write a size: {@code
   * 512 B}, {@code 12 KiB}, {@code 2.3 MiB} (one decimal below 10, else whole units).
   */
  public static String shown(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    // 1023.9 KiB would round to 1024 KiB: the next unit reads better (1.0 MiB)
    while ((value >= 1024 || Math.round(value) >= 1024) && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    String number =
        value < 10 ? String.format(Locale.ROOT, "%.1f", value) : Long.toString(Math.round(value));
    return number + " " + UNITS[unit];
  }

  /**
   * Returns {@code size} if it is 1 to {@link #MAX_FILE_BYTES}.
   *
   * @throws IllegalArgumentException if not
   */
  public static long requireSize(long size, String what) {
    if (size < 1 || size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(what + " must be 1 to " + MAX_FILE_BYTES);
    }
    return size;
  }

  /**
   * Returns {@code offset} if it is 0 to {@link #MAX_FILE_BYTES}.
   *
   * @throws IllegalArgumentException if not
   */
  public static long requireOffset(long offset, String what) {
    if (offset < 0 || offset > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(what + " must be 0 to " + MAX_FILE_BYTES);
    }
    return offset;
  }
}
