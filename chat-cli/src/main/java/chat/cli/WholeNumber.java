package chat.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a whole-number option ({@code --count 5}, {@code --last 3}): a refusal says {@code 'x' is
 * not a whole number} or {@code is out of range}, where picocli's own says {@code is not an int}.
 * Each option's own range is checked after.
 */
final class WholeNumber implements ITypeConverter<Integer> {
  @Override
  public Integer convert(String value) {
    String typed = value.strip();
    // ASCII digits only: Integer.valueOf also takes other scripts' digits
    if (!typed.matches("[-+]?[0-9]+")) {
      throw new TypeConversionException("'" + value + "' is not a whole number");
    }
    try {
      return Integer.valueOf(typed);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is out of range");
    }
  }
}
