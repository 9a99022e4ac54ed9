package chat.protocol;

/**
 * Bounds shared by the file frames: the largest encrypted file the protocol can describe and the
 * largest chunk one frame may carry. The relay applies its own, smaller, operator limits.
 */
public final class FileSizes {
  /** Largest encrypted file size a frame may name: 1 TiB. */
  public static final long MAX_FILE_BYTES = 1L << 40;

  /** Largest chunk of file data in one frame: 1 MiB (relays ask for at most 256 KiB). */
  public static final int MAX_CHUNK_BYTES = 1 << 20;

  private FileSizes() {}

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
