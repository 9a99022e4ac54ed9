package chat.server.internal.storage;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Where the relay's native libraries are unpacked: the data directory's {@value #DIRECTORY} folder.
 *
 * <p>sqlite-jdbc unpacks its library into the system's temporary folder at every start (a file
 * named {@code sqlite-VERSION-UUID-libsqlitejdbc.so} and a {@code .lck} beside it) and deletes both
 * when the JVM exits normally. A relay stopped by a signal ends with {@code Runtime.halt} (its exit
 * code 0; see {@code StopOnSignal}), which skips that deletion, and sqlite-jdbc's own clean-up
 * spares a library whose {@code .lck} is still there: every start and stop left about 1 MiB in
 * {@code /tmp}, outside the folder the operator chose, and a {@code /tmp} mounted {@code noexec}
 * kept the relay from starting at all. The relay therefore has the library unpacked in its data
 * directory, where only relays on that directory put it, and each start removes what earlier ones
 * left there. Netty's libraries (epoll, BoringSSL), which Netty deletes once loaded, are unpacked
 * there too: from a {@code noexec} {@code /tmp} Netty fell back to Java's slower transport and TLS
 * without a word above INFO.
 *
 * <p>A library that cannot be loaded from there (a data directory on a {@code noexec} mount) is
 * loaded from the system's temporary folder as before, with a warning, and Netty's too. An
 * operator's own {@code -Dorg.sqlite.tmpdir} or {@code -Dio.netty.native.workdir} is used as given.
 */
public final class NativeLibraryFolder {
  /** The folder in the data directory that holds the unpacked libraries. */
  public static final String DIRECTORY = "native";

  /** The system property sqlite-jdbc reads for where to unpack its library. */
  static final String PROPERTY = "org.sqlite.tmpdir";

  /** The system property Netty reads, once, for where to unpack its libraries. */
  static final String NETTY_PROPERTY = "io.netty.native.workdir";

  /**
   * The starts of the names sqlite-jdbc and Netty give the files they unpack; a relay killed while
   * Netty loaded leaves one of Netty's behind.
   */
  static final List<String> PREFIXES = List.of("sqlite-", "libnetty_");

  /** sqlite-jdbc's logger for loading its library. */
  static final String SQLITE_LOADER = "org.sqlite.SQLiteJDBCLoader";

  private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryFolder.class);

  /** Free space under which a folder's disk counts as too full to unpack a library into. */
  private static final long FULL_BELOW_BYTES = 16L << 20;

  /** What earlier runs left in the folder this process unpacked the library in. */
  private static List<Path> leftovers = List.of();

  /** Loads the library once; the seam for tests. */
  interface Loader {
    void load() throws Exception;
  }

  private NativeLibraryFolder() {}

  /**
   * Loads SQLite's native library, unpacked in {@code dataDir}/{@value #DIRECTORY} unless this JVM
   * has loaded it already or {@value #PROPERTY} is set; where it loads from there, Netty's will be
   * unpacked there too unless {@value #NETTY_PROPERTY} is set. Called before anything of Netty's
   * native side loads.
   *
   * @throws IOException if the library cannot be loaded from anywhere
   */
  public static void load(Path dataDir) throws IOException {
    load(dataDir, SQLiteJDBCLoader::initialize);
  }

  /** As {@link #load(Path)}, with {@code loader} in place of sqlite-jdbc's. */
  static synchronized void load(Path dataDir, Loader loader) throws IOException {
    if (System.getProperty(PROPERTY) == null) {
      Path folder = dataDir.resolve(DIRECTORY);
      try {
        loadFrom(folder, loader);
        if (System.getProperty(NETTY_PROPERTY) == null) {
          System.setProperty(NETTY_PROPERTY, folder.toString());
        }
        return;
      } catch (IOException e) {
        LOG.warn(
            "SQLite's native library could not be loaded from {}: {}; loading it and Netty's from"
                + " the system's temporary folder instead",
            folder,
            reason(e));
      }
    }
    try {
      loader.load();
    } catch (Exception | LinkageError e) {
      throw new IOException("cannot load SQLite's native library: " + reason(e), e);
    }
  }

  /**
   * Loads SQLite's native library for a command that reads or changes the data directory while a
   * relay may run on it ({@code audit}, {@code users}, {@code keys rotate}, {@code backup}): from
   * the system's temporary folder as sqlite-jdbc does (a command ends normally, and its copy is
   * deleted then), and only where that folder cannot run code (mounted {@code noexec}) from {@code
   * dataDir}/{@value #DIRECTORY}. Nothing is written to a data directory that may be read-only (a
   * backup being looked at) unless it has to be, and nothing is logged: a command's output is its
   * answer.
   *
   * @throws IOException if the library can be loaded from neither, saying why for both
   */
  public static void loadForCommand(Path dataDir) throws IOException {
    loadForCommand(dataDir, SQLiteJDBCLoader::initialize);
  }

  /** As {@link #loadForCommand(Path)}, with {@code loader} in place of sqlite-jdbc's. */
  static synchronized void loadForCommand(Path dataDir, Loader loader) throws IOException {
    if (System.getProperty(PROPERTY) != null) {
      load(dataDir, loader);
      return;
    }
    try {
      quietly(loader);
      return;
    } catch (Exception | LinkageError inTemporaryFolder) {
      Path folder = dataDir.resolve(DIRECTORY);
      try {
        loadFrom(folder, loader);
        leftovers = List.of(); // a command beside a running relay leaves its files alone
      } catch (IOException inDataDirectory) {
        IOException failure =
            new IOException(
                "cannot load SQLite's native library from the system's temporary folder ("
                    + reason(inTemporaryFolder)
                    + ") nor from "
                    + folder
                    + ": "
                    + reason(inDataDirectory),
                inDataDirectory);
        failure.addSuppressed(inTemporaryFolder);
        throw failure;
      }
    }
  }

  /**
   * Has the library unpacked in {@code folder} (made owner-only) and loads it; on failure the
   * property is unset again and the exception says what failed, of {@code folder} as "it" ({@code
   * it is a file, not a directory}), since the caller names the folder. What earlier runs left
   * there is noted, to be removed by {@link #removeLeftovers} once this process owns the data
   * directory.
   */
  private static void loadFrom(Path folder, Loader loader) throws IOException {
    boolean made = Files.notExists(folder, LinkOption.NOFOLLOW_LINKS);
    try {
      if (Files.isSymbolicLink(folder)) {
        throw new IOException("it is a symbolic link");
      }
      if (Files.exists(folder) && !Files.isDirectory(folder)) {
        throw new IOException("it is a file, not a directory");
      }
      try {
        FilePermissions.ownerOnlyDirectory(folder);
      } catch (IOException e) {
        // The JDK's text is often the path alone, which the warning names already.
        throw new IOException("it cannot be created owner-only: " + DataDirectory.reason(e), e);
      }
      List<Path> before = unpacked(folder);
      System.setProperty(PROPERTY, folder.toString());
      try {
        quietly(loader);
      } catch (Exception | LinkageError e) {
        throw new IOException(
            "the library unpacked there did not load: "
                + reason(e)
                + " ("
                + likelyCause(folder)
                + ")",
            e);
      }
      leftovers = before;
    } catch (IOException | RuntimeException e) {
      System.clearProperty(PROPERTY);
      if (made) {
        removeMade(folder);
      }
      throw e instanceof IOException io ? io : new IOException(e.toString(), e);
    }
    try {
      restrictUnpacked(folder);
    } catch (IOException e) {
      LOG.warn("could not make the files in {} owner-only: {}", folder, e.toString());
    }
  }

  /**
   * What most likely kept a library unpacked in {@code folder} from loading: a disk too full to
   * hold it (a few MiB; the loader then finds a file cut short, or none), else a file system
   * mounted noexec.
   */
  private static String likelyCause(Path folder) {
    try {
      if (Files.getFileStore(folder).getUsableSpace() < FULL_BELOW_BYTES) {
        return "is its disk full?";
      }
    } catch (IOException | RuntimeException e) {
      // not known: the usual cause, then
    }
    return "is its file system mounted noexec?";
  }

  private static String reason(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Runs {@code loader} with sqlite-jdbc's loader logging nothing: a failure here is followed by a
   * second try and said once, by the warning above or the start's error, where sqlite-jdbc would
   * log two errors and a stack trace first.
   */
  private static void quietly(Loader loader) throws Exception {
    if (!(LoggerFactory.getLogger(SQLITE_LOADER) instanceof ch.qos.logback.classic.Logger logger)) {
      loader.load();
      return;
    }
    Level level = logger.getLevel();
    logger.setLevel(Level.OFF);
    try {
      loader.load();
    } finally {
      logger.setLevel(level);
    }
  }

  /**
   * Makes the files sqlite-jdbc unpacked owner-only, as every file in the data directory is: it
   * makes the library 0700 and its {@code .lck} as the umask says. A loaded library needs neither
   * the execute bit nor its file any more.
   */
  private static void restrictUnpacked(Path folder) throws IOException {
    for (Path file : unpacked(folder)) {
      FilePermissions.restrict(file);
    }
  }

  /**
   * Removes {@code folder}, made by this start for a library that did not load there (a full disk),
   * with what was unpacked in it, so that the data directory is left as it was found. A folder that
   * holds anything else is kept.
   */
  private static void removeMade(Path folder) {
    try {
      if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        for (Path file : unpacked(folder)) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(folder);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not remove {}: {}", folder, e.toString());
    }
  }

  /** The files sqlite-jdbc and Netty unpacked in {@code folder}, symbolic links left out. */
  private static List<Path> unpacked(Path folder) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (PREFIXES.stream().anyMatch(name::startsWith)
            && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          found.add(file);
        }
      }
    }
    return found;
  }

  /**
   * Deletes what earlier runs left in the folder {@link #load} unpacked the library in: called by
   * the relay once it owns the data directory, so that a second relay started on it by mistake (and
   * then refused) never deletes a file the first is about to load. Files unpacked since are kept; a
   * deleted file stays mapped for whoever has it loaded. Files of other names are left alone.
   */
  public static synchronized void removeLeftovers() throws IOException {
    List<Path> files = leftovers;
    leftovers = List.of();
    for (Path file : files) {
      Files.deleteIfExists(file);
    }
  }
}
