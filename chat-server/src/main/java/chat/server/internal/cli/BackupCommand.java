package chat.server.internal.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import chat.server.internal.audit.AuditType;
import chat.server.internal.storage.AtRestKeys;
import chat.server.internal.storage.DataDirectory;
import chat.server.internal.storage.Database;
import chat.server.internal.storage.NativeLibraryFolder;
import chat.server.internal.storage.RelayBackup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat-server backup BACKUP_DIR}: a copy of the data directory that a relay can start from,
 * taken while the relay runs or not, and read back before it is reported ({@link RelayBackup}). The
 * backup is recorded in the audit log as an {@link AuditType#ADMIN} event.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    versionProvider = RelayCommand.Version.class,
    description = {
      "Copy the data directory into BACKUP_DIR while the relay runs or not.",
      "BACKUP_DIR is a new or empty folder; the copy holds relay.db as of one",
      "moment, the envelope log, the at-rest keyset, the TLS pair and the log's",
      "pseudonym key. Every stored message is read back from the copy and opened",
      "before the command says it is done. A relay started on the copy has what",
      "the relay had at that moment."
    })
public final class BackupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOptions data;

  @Parameters(
      index = "0",
      paramLabel = "BACKUP_DIR",
      converter = NonEmptyPath.Directory.class,
      description = "Where to write the copy: a new folder (made owner-only) or an empty one.")
  Path target;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dataDir = data.dataDir();
    RelayBackup.Copied copied;
    Logger storage = storageLogger();
    Level level = storage.getLevel();
    // Opening the copy says what a relay's start says (a log's tail cut off): not news here.
    storage.setLevel(Level.WARN);
    try {
      DataDirectory.checkExisting(dataDir);
      DataDirectory.requireReadable(dataDir.resolve(Database.FILE_NAME));
      DataDirectory.requireReadable(dataDir.resolve(AtRestKeys.FILE_NAME));
      NativeLibraryFolder.loadForCommand(dataDir);
      copied = RelayBackup.take(dataDir, target);
    } catch (RelayBackup.Refused | IOException | SQLException e) {
      err.println("chat-server backup: " + Printable.text(reason(e)));
      return 1;
    } catch (UncheckedIOException e) {
      err.println("chat-server backup: " + Printable.text(reason(e.getCause())));
      return 1;
    } finally {
      storage.setLevel(level);
    }
    out.printf(
        Locale.ROOT,
        "Backed up %s to %s: %,d stored message%s read back and opened, %d envelope log"
            + " segment%s, %s.%n",
        dataDir,
        target,
        copied.messages(),
        copied.messages() == 1 ? "" : "s",
        copied.segments(),
        copied.segments() == 1 ? "" : "s",
        size(copied.bytes()));
    if (copied.attempts() > 1) {
      out.println(
          "The relay changed its envelope log while the first copy was taken; copy "
              + copied.attempts()
              + " is the one kept.");
    }
    out.flush();
    try {
      OperatorAudit.record(
          dataDir,
          "backup taken ("
              + copied.messages()
              + (copied.messages() == 1 ? " message" : " messages")
              + ") by OS user "
              + OperatorAudit.operator());
    } catch (DatabaseReader.Unreadable e) {
      err.println(
          "chat-server backup: the backup could not be recorded in the audit log: "
              + Printable.text(String.valueOf(e.getMessage())));
    }
    return 0;
  }

  private static Logger storageLogger() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    return context.getLogger("chat.server.internal.storage");
  }

  /** The one line an operator needs: the JDK names only the file for some failures. */
  private static String reason(Exception e) {
    if (e instanceof FileSystemException fs && fs.getFile() != null) {
      return fs.getFile() + ": " + DataDirectory.reason(fs);
    }
    if (e instanceof SQLException) {
      return "cannot read the database: " + e.getMessage();
    }
    return String.valueOf(e.getMessage());
  }

  /** {@code bytes} as KiB, MiB or GiB with one decimal, or bytes below 1 KiB. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
