package chat.server.internal.cli;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads the value of a {@code --...-bytes} option ({@code --max-file-bytes}, {@code
 * --max-frame-bytes}, ...) as picocli reads a number, but says what was wrong in the operator's
 * terms: {@code '100MiB' is not a whole number of bytes (100 MiB is 104857600)} where picocli said
 * {@code '100MiB' is not a long}. The range of each option is checked later, by the relay's
 * configuration, which names it.
 */
public final class ByteCount {
  /** A count with a binary unit after it ({@code 100MiB}, {@code 1 GiB}), for the hint. */
  private static final Pattern WITH_UNIT =
      Pattern.compile("\\s*(\\d{1,7})\\s*([KMGTP])iB\\s*", Pattern.CASE_INSENSITIVE);

  private static final String UNITS = "KMGTP";

  private ByteCount() {}

  /** For an option held in a {@code long}. */
  public static final class OfLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return Long.valueOf(value);
      } catch (NumberFormatException e) {
        throw refused(value);
      }
    }
  }

  /** For an option held in an {@code int} ({@code --max-frame-bytes}). */
  public static final class OfInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        return Integer.valueOf(value);
      } catch (NumberFormatException e) {
        throw refused(value);
      }
    }
  }

  /**
   * Why {@code value} is no count of bytes: too large to be held, or not a whole number, with what
   * a count with a unit ({@code 100MiB}) comes to.
   */
  static TypeConversionException refused(String value) {
    String quoted = "'" + value + "'";
    try {
      new BigInteger(value);
      return new TypeConversionException(quoted + " is too large a number of bytes");
    } catch (NumberFormatException notAnInteger) {
      // said below
    }
    Matcher unit = WITH_UNIT.matcher(value);
    String hint = "";
    if (unit.matches()) {
      char letter = unit.group(2).toUpperCase(Locale.ROOT).charAt(0);
      BigInteger bytes = new BigInteger(unit.group(1)).shiftLeft(10 * (UNITS.indexOf(letter) + 1));
      hint = " (" + Long.parseLong(unit.group(1)) + " " + letter + "iB is " + bytes + ")";
    }
    return new TypeConversionException(quoted + " is not a whole number of bytes" + hint);
  }
}
