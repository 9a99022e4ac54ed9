package chat.server.internal.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads every path option of {@code chat-server} ({@code --data-dir}, {@code --config}, {@code
 * --log-file}, {@code --tls-cert}, {@code --tls-key}, and those of its subcommands), refusing an
 * empty one: {@code Path.of("")} is the current directory, so {@code --data-dir ''} (an unset shell
 * variable, say) made the directory the relay was started in its data directory, owner-only, with
 * its keys and database in it. An empty environment variable or config-file value already means the
 * default. This reads a file's path; {@link Directory} reads a directory's, whose refusal also says
 * how to name the current directory.
 */
public class NonEmptyPath implements ITypeConverter<Path> {
  /**
   * For {@code --data-dir}: an empty path is refused saying to give {@code .} for the current one.
   */
  public static final class Directory extends NonEmptyPath {
    @Override
    String empty() {
      return super.empty() + " (for the current directory, give '.')";
    }
  }

  /** Why an empty value is refused. */
  String empty() {
    return "the path is empty";
  }

  @Override
  public Path convert(String value) {
    if (value.isEmpty()) {
      throw new TypeConversionException(empty());
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new TypeConversionException("'" + value + "' is not a path: " + e.getReason());
    }
  }
}
