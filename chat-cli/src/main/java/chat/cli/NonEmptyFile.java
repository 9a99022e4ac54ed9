package chat.cli;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads a file option ({@code --in}, {@code --out}, {@code --password-file}, a key file to import)
 * as a path, refusing an empty one: {@code Path.of("")} is the current folder, so {@code --out ''}
 * (an unset shell variable, say) ended in "cannot write : is a directory" instead of saying what
 * was wrong. The folder options have {@link NonEmptyPath}.
 */
final class NonEmptyFile implements ITypeConverter<Path> {
  @Override
  public Path convert(String value) {
    return NonEmptyPath.parse(value, "the file name is empty");
  }
}
