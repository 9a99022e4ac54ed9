package chat.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home DIR} option shared by every command that uses your identity. */
final class HomeOption {
  /**
   * What a command line without {@code --home} is told (picocli's own refusal would only name the
   * option, and {@code CHAT_HOME}, a relay profile's folder, is not read by these commands).
   */
  static final String MISSING =
      "--home DIR is required: the folder of an identity made with chat identity new --home DIR"
          + " (CHAT_HOME is not read here). For the keys of your account on a relay, use chat keys"
          + " (for a safety number: chat keys safety USER)";

  @Option(
      names = "--home",
      converter = NonEmptyPath.class,
      required = true,
      paramLabel = "DIR",
      description = "your identity directory (made by chat identity new)")
  Path dir;

  /** The identity directory named by {@code --home}; a usage error if it is not a folder. */
  IdentityHome home() {
    return new IdentityHome(RelayOptions.requireFolder(dir, "--home"));
  }
}
