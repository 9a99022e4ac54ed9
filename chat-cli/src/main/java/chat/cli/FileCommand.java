package chat.cli;

import picocli.CommandLine.Command;

/** {@code chat file ...}: share a file end-to-end encrypted, or fetch one offered to you. */
@Command(
    name = "file",
    description = "Send a file to a room or a person (send), or download one offered to you (get).",
    subcommands = {FileSendCommand.class, FileGetCommand.class})
final class FileCommand {}
