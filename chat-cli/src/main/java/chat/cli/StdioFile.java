package chat.cli;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads {@code --in} and {@code --out} of {@code chat seal} and {@code chat open}: {@code -} is the
 * standard stream, as for age, tar or gpg (the option's value is then {@code null}, as when it is
 * not given); anything else is a file name, refused when empty as {@link NonEmptyFile} does. A file
 * named {@code -} is {@code ./-}.
 */
final class StdioFile implements ITypeConverter<Path> {
  /** The value that names the standard stream. */
  static final String STANDARD_STREAM = "-";

  @Override
  public Path convert(String value) {
    return STANDARD_STREAM.equals(value) ? null : new NonEmptyFile().convert(value);
  }
}
