package chat.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home DIR} option shared by every command that uses your identity. */
final class HomeOption {
  @Option(
      names = "--home",
      converter = NonEmptyPath.class,
      required = true,
      paramLabel = "DIR",
      description = "your identity directory")
  Path dir;

  /** The identity directory named by {@code --home}; a usage error if it is not a folder. */
  IdentityHome home() {
    return new IdentityHome(RelayOptions.requireFolder(dir, "--home"));
  }
}
