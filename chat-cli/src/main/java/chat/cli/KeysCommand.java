package chat.cli;

import picocli.CommandLine.Command;

/** {@code chat keys ...}: your keys on this machine and your contacts' keys. */
@Command(
    name = "keys",
    description =
        "Your keys (export, import, show, replace, passwd) and your contacts' keys (fingerprint, safety,"
            + " verify, trust).",
    subcommands = {
      KeysShowCommand.class,
      KeysExportCommand.class,
      KeysImportCommand.class,
      KeysReplaceCommand.class,
      KeysPasswdCommand.class,
      KeysFingerprintCommand.class,
      KeysSafetyCommand.class,
      KeysVerifyCommand.class,
      KeysTrustCommand.class
    })
final class KeysCommand {}
