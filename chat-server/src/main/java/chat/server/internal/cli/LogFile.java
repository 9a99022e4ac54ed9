package chat.server.internal.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import chat.protocol.FolderOwners;
import chat.server.RelayConfig;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's {@code --log-file}: refused when the options are read if the relay could not write
 * it, opened owner-only when the relay starts, and added to Logback beside stdout.
 */
final class LogFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private LogFile() {}

  /**
   * Refuses a log file the relay could not write (a folder, a path through a file, no permission):
   * Logback would only note that in its own status and log to stdout alone. Missing folders are
   * fine: Logback creates them.
   */
  static void requireWritable(Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("log file " + file + " is a directory");
    }
    Path existing = file.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new IllegalArgumentException("log file " + file + " cannot be written");
    }
    boolean itself = existing.equals(file.toAbsolutePath());
    String why;
    if (!itself && !Files.isDirectory(existing)) {
      why = existing + " is a file, not a directory";
    } else if (readOnly(existing)) {
      why = existing + " is on a read-only file system";
    } else if (!Files.isWritable(existing)) {
      why = "permission denied" + (itself ? "" : " in " + existing);
    } else {
      return;
    }
    throw new IllegalArgumentException("log file " + file + " cannot be written: " + why);
  }

  private static boolean readOnly(Path path) {
    try {
      return Files.getFileStore(path).isReadOnly();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Creates the log file's missing folders and opens it for appending, as Logback is about to, so
   * that a file the relay cannot write stops the start with the reason instead of leaving the relay
   * logging to stdout alone ({@link #requireWritable} cannot tell, for example, that no folder can
   * be made under {@code /proc}). Only when starting: {@code --print-config} creates nothing.
   *
   * <p>On a POSIX file system a new file is created owner-only (0600), in folders made owner-only
   * (0700) where they were missing, and an existing regular file that others may read or write is
   * made so: the log names connections, addresses and user pseudonyms.
   *
   * @return a warning to log if an existing file's mode was, or could not be, tightened
   */
  static Optional<String> open(Path file) {
    if (Files.isSymbolicLink(file) && !Files.isDirectory(file) && !special(file)) {
      // appended to and restricted through the link, a file of someone else's would be the log
      throw new RelayConfig.InvalidSetting(
          "log-file", "log file " + file + " is a symbolic link: give the file itself");
    }
    try {
      Path folder = file.toAbsolutePath().getParent();
      Optional<FolderOwners.Unsafe> unsafe =
          folder == null || !Files.isDirectory(folder)
              ? Optional.empty()
              : FolderOwners.unsafe(folder);
      if (unsafe.isPresent() && !special(file)) {
        throw new RelayConfig.InvalidSetting(
            "log-file",
            "log file "
                + file
                + " cannot be used: its folder "
                + (unsafe.get().itself() ? unsafe.get().why() : unsafe.get().said())
                + ", so that user could put a link to another file in its place");
      }
      OptionalInt me = FolderOwners.processUid();
      if (me.isPresent()
          && Files.isRegularFile(file)
          && !Integer.valueOf(me.getAsInt()).equals(Files.getAttribute(file, "unix:uid"))) {
        throw new RelayConfig.InvalidSetting(
            "log-file",
            "log file "
                + file
                + " belongs to another user, who could read it whatever its mode: remove it, or"
                + " give another file");
      }
      boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
      if (folder != null && !Files.isDirectory(folder)) {
        // missing folders are made owner-only too, as the data directory is; existing ones stay
        Files.createDirectories(
            folder,
            posix
                ? new FileAttribute<?>[] {
                  PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                }
                : new FileAttribute<?>[0]);
      }
      FileAttribute<?>[] ownerOnly =
          posix
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
              : new FileAttribute<?>[0];
      try (FileChannel opened =
          FileChannel.open(
              file,
              Set.of(
                  StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
              ownerOnly)) {
        opened.size();
      }
      return posix ? ownerOnly(file) : Optional.empty();
    } catch (IOException e) {
      throw new RelayConfig.InvalidSetting(
          "log-file", "log file " + file + " cannot be written: " + reason(e));
    }
  }

  /**
   * Whether {@code file} is, or links to, something other than a regular file or a folder (a
   * terminal, a pipe, {@code /dev/null}, {@code /dev/stdout}), which the relay only writes to.
   */
  private static boolean special(Path file) {
    return Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file);
  }

  /**
   * Makes an existing log file that others may use owner-only, and says so or why it could not. A
   * file that is not a regular one (a terminal, a pipe, {@code /dev/null}) is left as it is: its
   * mode is shared by everyone who uses it, and nothing of the relay stays in it.
   */
  private static Optional<String> ownerOnly(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    if (OWNER_ONLY.containsAll(mode)) {
      return Optional.empty();
    }
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
      return Optional.of(
          "log file " + file + " was " + toString(mode) + "; made it owner-only (rw-------)");
    } catch (IOException | SecurityException e) {
      return Optional.of(
          "log file "
              + file
              + " is "
              + toString(mode)
              + " and could not be made owner-only ("
              + e.getClass().getSimpleName()
              + "): other users of this machine may read it; chmod 600 it");
    }
  }

  private static String toString(Set<PosixFilePermission> mode) {
    return PosixFilePermissions.toString(mode);
  }

  /** Why a file could not be made or opened, in words (the JDK often gives only a class). */
  private static String reason(IOException e) {
    if (e instanceof FileSystemException failed) {
      if (failed.getReason() != null) {
        return failed.getFile() + ": " + failed.getReason();
      }
      if (failed instanceof AccessDeniedException) {
        return failed.getFile() + ": permission denied";
      }
      if (failed instanceof NoSuchFileException) {
        // The folder exists (a missing one is refused before), but makes no file there: /proc.
        return failed.getFile() + " cannot be made: its folder takes no new files";
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Adds {@code file} to the root logger, in the pattern of {@code logback.xml}. */
  static void addAppender(Path file) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(context.getProperty("LOG_PATTERN")); // defined in logback.xml
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
  }
}
