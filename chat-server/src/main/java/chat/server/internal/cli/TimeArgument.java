package chat.server.internal.cli;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a point in time given on the command line: an age ({@code 30m}, {@code 24h}, {@code 7d}), a
 * local date ({@code 2026-11-22}, from midnight), a local date and time ({@code 2026-11-22T09:30}),
 * or an instant with an offset ({@code 2026-11-22T09:30:00Z}, {@code 2026-11-22T09:30:00+01:00}).
 */
final class TimeArgument {
  private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhdw])");

  private TimeArgument() {}

  /**
   * The epoch milliseconds {@code text} names.
   *
   * @throws IllegalArgumentException if it is none of the accepted forms
   */
  static long parse(String text, Clock clock, ZoneId zone) {
    String value = text.strip();
    Matcher age = AGE.matcher(value.toLowerCase(Locale.ROOT));
    if (age.matches()) {
      long amount = Long.parseLong(age.group(1));
      Duration unit =
          switch (age.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
          };
      // at most 999999999 weeks: within a long of milliseconds; before 1970, every event
      return Math.max(0, clock.millis() - unit.multipliedBy(amount).toMillis());
    }
    try {
      if (value.length() == 10) {
        return millis(LocalDate.parse(value).atStartOfDay(zone).toInstant());
      }
      if (value.endsWith("Z") || value.endsWith("z")) {
        return millis(Instant.parse(value.toUpperCase(Locale.ROOT)));
      }
      if (value.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return millis(OffsetDateTime.parse(value).toInstant());
      }
      return millis(LocalDateTime.parse(value).atZone(zone).toInstant());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "not a time: '"
              + value
              + "' (use an age such as 30m, 24h or 7d, a date such as 2026-11-22, or"
              + " 2026-11-22T09:30, or 2026-11-22T09:30:00Z)");
    }
  }

  /**
   * {@code instant} in epoch milliseconds: 0 for one before 1970, which no event precedes, and the
   * largest for one past what milliseconds count (the year 292278994), which none follows.
   */
  private static long millis(Instant instant) {
    if (instant.isBefore(Instant.EPOCH)) {
      return 0;
    }
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
