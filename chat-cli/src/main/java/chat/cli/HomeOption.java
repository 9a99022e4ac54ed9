package chat.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home DIR} option shared by every command that uses your identity. */
final class HomeOption {
  @Option(
      names = "--home",
      converter = NonEmptyPath.class,
      paramLabel = "DIR",
      description = "your identity directory (required; made by chat identity new)")
  Path dir;

  /**
   * The identity directory named by {@code --home}; a usage error if it is not a folder, or if it
   * is not given, which says too where a relay profile's keys are used (picocli's own refusal would
   * only name the option, and {@code CHAT_HOME} does not give it).
   */
  IdentityHome home() {
    if (dir == null) {
      throw new CommandException.Usage(
          "--home DIR is required: the folder of an identity made with chat identity new --home"
              + " DIR (CHAT_HOME is not read here). For the keys of your account on a relay, use"
              + " chat keys (for a safety number: chat keys safety USER)");
    }
    return new IdentityHome(RelayOptions.requireFolder(dir, "--home"));
  }
}
