package chat.server.internal.cli;

import chat.protocol.FrameCodec;
import chat.server.RelayConfig;
import chat.server.RoomLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of {@code chat-server users}, {@code users show} and {@code users set-limit}: the two
 * relay settings whose limits they compare each user with, taken as the relay takes them (flag,
 * then environment, then config file, then default; a flag also before the subcommand's name), and
 * {@code --json}.
 */
final class UserLimitOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--max-frame-bytes",
      paramLabel = "N",
      converter = ByteCount.OfInt.class,
      defaultValue = "" + FrameCodec.DEFAULT_MAX_FRAME_BYTES,
      description =
          "As for chat-server: a user may be in (N - 1024) / 128 rooms and direct conversations"
              + " (default: ${DEFAULT-VALUE}).")
  int maxFrameBytes;

  @Option(
      names = "--max-rooms-per-user",
      paramLabel = "N",
      defaultValue = "" + RoomLimits.DEFAULT_MAX_ROOMS_PER_USER,
      description = "As for chat-server (default: ${DEFAULT-VALUE}).")
  int maxRoomsPerUser;

  @Option(names = "--json", description = "One JSON object per user and line.")
  boolean json;

  /**
   * The limits these options set.
   *
   * @throws RelayConfig.InvalidSetting if a value is out of the relay's range for it
   */
  UserLimits limits() {
    int frameBytes =
        RelayConfig.requireMaxFrameBytes(
            InheritedOption.value(command, "--max-frame-bytes", maxFrameBytes));
    return new UserLimits(
        RoomLimits.conversationsFitting(frameBytes),
        RoomLimits.requireMaxRoomsPerUser(
            InheritedOption.value(command, "--max-rooms-per-user", maxRoomsPerUser)));
  }

  /** Whether to print JSON, typed here or before the subcommand's name. */
  boolean json() {
    return InheritedOption.value(command, "--json", json);
  }
}
