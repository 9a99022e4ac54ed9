package chat.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a folder option ({@code --home}, {@code --download-dir}, {@code --dir}) as a path, refusing
 * an empty one: {@code Path.of("")} is the current directory, so {@code --home ''} (an unset shell
 * variable, say) would have put the profile and its session token wherever the command ran. An
 * empty {@code CHAT_HOME} or {@code CHAT_DOWNLOAD_DIR} already counts as unset.
 */
final class NonEmptyPath implements ITypeConverter<Path> {
  @Override
  public Path convert(String value) {
    return parse(value, "the path is empty (for the current folder, give '.')");
  }

  /** {@code value} as a path; {@code ifEmpty} is the refusal of an empty one. */
  static Path parse(String value, String ifEmpty) {
    if (value.isEmpty()) {
      throw new TypeConversionException(ifEmpty);
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new TypeConversionException("'" + value + "' is not a path: " + e.getReason());
    }
  }
}
