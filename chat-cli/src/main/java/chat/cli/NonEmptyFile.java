package chat.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a file option ({@code --in}, {@code --out}, {@code --password-file}, a key file to import)
 * as a path, refusing an empty one: {@code Path.of("")} is the current folder, so {@code --out ''}
 * (an unset shell variable, say) ended in "cannot write : is a directory" instead of saying what
 * was wrong. The folder options have {@link NonEmptyPath}.
 */
final class NonEmptyFile implements ITypeConverter<Path> {
  @Override
  public Path convert(String value) {
    Path path = NonEmptyPath.parse(value, "the file name is empty");
    if (value.endsWith("/") && !Files.isDirectory(path) && Files.exists(path)) {
      // Path.of drops the slash, which for the system makes it a folder: cat x.txt/ fails so too
      throw new TypeConversionException(
          "'" + value + "': not a directory (" + path + " is a file: leave out the last /)");
    }
    return path;
  }
}
