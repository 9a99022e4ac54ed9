package chat.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The operator's limits on shared files: the largest encrypted file, how long files are kept, how
 * many bytes of unexpired files one user may hold, how many all users together may hold, and how
 * often expired files are swept away.
 *
 * @param maxFileBytes largest encrypted file accepted ({@code --max-file-bytes})
 * @param expiry how long after its upload starts a file is deleted ({@code --file-expiry-hours})
 * @param quotaBytesPerUser bytes of unexpired files one user may have stored, counted from the
 *     declared size at upload start ({@code --file-quota-bytes})
 * @param storageBytes bytes of unexpired files all users together may have stored ({@code
 *     --file-storage-bytes})
 * @param sweepInterval time between two sweeps of expired files
 */
public record FileLimits(
    long maxFileBytes,
    Duration expiry,
    long quotaBytesPerUser,
    long storageBytes,
    Duration sweepInterval) {
  /** Default largest file: 100 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 100L << 20;

  /** Default expiry in hours: one week. */
  public static final int DEFAULT_EXPIRY_HOURS = 168;

  /** Default per-user quota: 1 GiB. */
  public static final long DEFAULT_QUOTA_BYTES = 1L << 30;

  /** Default total for all users: 16 GiB. */
  public static final long DEFAULT_STORAGE_BYTES = 16L << 30;

  /** The largest per-user quota and total storage accepted: 1 PiB. */
  public static final long MAX_STORAGE_BYTES = 1L << 50;

  /** Validates ranges. */
  public FileLimits {
    Objects.requireNonNull(expiry, "expiry");
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    if (maxFileBytes < 1 || maxFileBytes > chat.protocol.FileSizes.MAX_FILE_BYTES) {
      throw new RelayConfig.InvalidSetting("max-file-bytes", "max file bytes must be 1 to 1 TiB");
    }
    if (expiry.compareTo(Duration.ofHours(1)) < 0 || expiry.compareTo(Duration.ofDays(3650)) > 0) {
      throw new RelayConfig.InvalidSetting(
          "file-expiry-hours", "file expiry must be 1 hour to 10 years");
    }
    if (quotaBytesPerUser < 1 || quotaBytesPerUser > MAX_STORAGE_BYTES) {
      throw new RelayConfig.InvalidSetting(
          "file-quota-bytes", "file quota bytes must be 1 to " + MAX_STORAGE_BYTES + " (1 PiB)");
    }
    if (storageBytes < 1 || storageBytes > MAX_STORAGE_BYTES) {
      throw new RelayConfig.InvalidSetting(
          "file-storage-bytes",
          "file storage bytes must be 1 to " + MAX_STORAGE_BYTES + " (1 PiB)");
    }
    if (sweepInterval.isNegative() || sweepInterval.isZero()) {
      throw new IllegalArgumentException("sweep interval must be positive");
    }
  }

  /** The defaults: 100 MiB files, kept 168 hours, 1 GiB per user, 16 GiB in all. */
  public static FileLimits defaults() {
    return new FileLimits(
        DEFAULT_MAX_FILE_BYTES,
        Duration.ofHours(DEFAULT_EXPIRY_HOURS),
        DEFAULT_QUOTA_BYTES,
        DEFAULT_STORAGE_BYTES,
        Duration.ofMinutes(10));
  }
}
