package chat.server.internal.cli;

import picocli.CommandLine.Command;

/** {@code chat-server keys}: the at-rest key subcommands. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = "Manage the relay's at-rest keyset.",
    subcommands = RotateKeysCommand.class)
public final class KeysCommand {}
