package chat.server.internal.cli;

import chat.server.internal.audit.AuditEvent;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AtRestKeys;
import chat.server.internal.storage.AuditRepository;
import chat.server.internal.storage.DataDirectory;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.NativeLibraryFolder;
import chat.server.internal.storage.WriteQueue;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
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
      audit(dataDir, "at-rest keyset rotated (" + keys + " keys) by OS user " + operator());
    } catch (SQLException | IOException | CompletionException e) {
      spec.commandLine()
          .getErr()
          .println("chat-server: the rotation could not be recorded in the audit log: " + e);
    }
    return 0;
  }

  private static void audit(Path dataDir, String detail) throws SQLException, IOException {
    NativeLibraryFolder.loadForCommand(dataDir);
    AuditEvent event =
        new AuditEvent(System.currentTimeMillis(), AuditType.ADMIN, "", "", "", detail);
    try (Database database = Database.open(dataDir);
        WriteQueue writes = new WriteQueue(database)) {
      writes
          .submit(
              c -> {
                new AuditRepository().insertAll(c, List.of(event));
                return null;
              })
          .join();
    }
  }

  private static String operator() {
    return System.getProperty("user.name", "unknown");
  }
}
