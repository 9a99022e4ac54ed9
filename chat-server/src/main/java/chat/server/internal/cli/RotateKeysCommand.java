package chat.server.internal.cli;

import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AtRestKeys;
import chat.server.internal.storage.DataDirectory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chat-server keys rotate}: adds a new primary at-rest key; old rows still open. The
 * rotation is recorded in the audit log as an {@link AuditType#ADMIN} event.
 */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = {
      "Add a new primary at-rest key to the keyset in the data directory.",
      "Rows sealed under older keys still open. Restart the relay afterwards."
    })
public final class RotateKeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOptions data;

  @Override
  public Integer call() throws Exception {
    Path dataDir = DataDirectory.checkExisting(data.dataDir());
    int keys = AtRestKeys.rotate(dataDir);
    spec.commandLine()
        .getOut()
        .println("At-rest keyset rotated: " + keys + " keys, new primary in use after restart.");
    try {
      OperatorAudit.record(
          dataDir,
          "at-rest keyset rotated (" + keys + " keys) by OS user " + OperatorAudit.operator());
    } catch (DatabaseReader.Unreadable e) {
      spec.commandLine()
          .getErr()
          .println(
              "chat-server keys rotate: the rotation could not be recorded in the audit log: "
                  + e.getMessage());
    }
    return 0;
  }
}
