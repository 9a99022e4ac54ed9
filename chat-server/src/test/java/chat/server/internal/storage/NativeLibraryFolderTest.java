package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.server.CapturedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryFolderTest {
  private static final List<String> PROPERTIES =
      List.of(NativeLibraryFolder.PROPERTY, NativeLibraryFolder.NETTY_PROPERTY);

  @TempDir Path data;

  /** Where each attempt to load had the library unpacked (null: the system's temporary folder). */
  private final List<String> attempts = new ArrayList<>();

  private final Map<String, String> before = new HashMap<>();

  @BeforeEach
  void clearProperties() {
    for (String property : PROPERTIES) {
      before.put(property, System.getProperty(property));
      System.clearProperty(property);
    }
  }

  @AfterEach
  void restoreProperties() {
    for (String property : PROPERTIES) {
      if (before.get(property) == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before.get(property));
      }
    }
  }

  private void recordAttempt() {
    attempts.add(System.getProperty(NativeLibraryFolder.PROPERTY));
  }

  @Test
  void unpacksInTheDataDirectory_ownerOnly_removingWhatEarlierStartsLeft() throws Exception {
    Path folder = Files.createDirectories(data.resolve(NativeLibraryFolder.DIRECTORY));
    Path leftLibrary =
        Files.writeString(folder.resolve("sqlite-3.54.1.0-a1-libsqlitejdbc.so"), "x");
    Path leftLock =
        Files.writeString(folder.resolve("sqlite-3.54.1.0-a1-libsqlitejdbc.so.lck"), "");
    Path leftNetty =
        Files.writeString(folder.resolve("libnetty_transport_native_epoll_x86_64123.so"), "x");
    Path someoneElses = Files.writeString(folder.resolve("notes.txt"), "keep me");

    Path unpacked = folder.resolve("sqlite-3.54.1.0-b2-libsqlitejdbc.so");
    Path lock = folder.resolve("sqlite-3.54.1.0-b2-libsqlitejdbc.so.lck");
    NativeLibraryFolder.load(
        data,
        () -> {
          recordAttempt();
          // as sqlite-jdbc leaves them: the library 0700, its lock as the umask says
          Files.writeString(unpacked, "library");
          Files.setPosixFilePermissions(unpacked, PosixFilePermissions.fromString("rwx------"));
          Files.writeString(lock, "");
          Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-r--r--"));
        });

    assertThat(attempts).containsExactly(folder.toString());
    assertThat(unpacked).hasContent("library");
    for (Path file : List.of(unpacked, lock)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(file.getFileName().toString())
          .isEqualTo("rw-------");
    }
    // Kept until the relay owns the data directory: a second relay started on it by mistake must
    // not delete what the first is loading.
    assertThat(leftLibrary).exists();
    NativeLibraryFolder.removeLeftovers();
    assertThat(leftLibrary).doesNotExist();
    assertThat(leftLock).doesNotExist();
    assertThat(leftNetty).doesNotExist();
    assertThat(unpacked).exists();
    assertThat(System.getProperty(NativeLibraryFolder.NETTY_PROPERTY)).isEqualTo(folder.toString());
    assertThat(someoneElses).hasContent("keep me");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
  }

  /** A loader that records each try and fails the first, as a library on a noexec mount does. */
  private NativeLibraryFolder.Loader failingOnItsFirstTry() {
    return () -> {
      recordAttempt();
      if (attempts.size() == 1) {
        throw new UnsatisfiedLinkError("failed to map segment from shared object");
      }
    };
  }

  @Test
  void aLibraryThatCannotBeLoadedFromTheDataDirectory_isLoadedFromTheSystemsTemporaryFolder()
      throws Exception {
    NativeLibraryFolder.load(data, failingOnItsFirstTry());

    assertThat(attempts)
        .containsExactly(data.resolve(NativeLibraryFolder.DIRECTORY).toString(), null);
    assertThat(System.getProperty(NativeLibraryFolder.PROPERTY)).isNull();
    assertThat(System.getProperty(NativeLibraryFolder.NETTY_PROPERTY)).isNull();
  }

  /** On a full disk: the folder this start made is not left behind, nor a library cut short. */
  @Test
  void aFolderMadeForALibraryThatDidNotLoad_isRemovedWithWhatWasUnpackedInIt() throws Exception {
    Path folder = data.resolve(NativeLibraryFolder.DIRECTORY);

    NativeLibraryFolder.load(
        data,
        () -> {
          recordAttempt();
          if (attempts.size() == 1) {
            Files.write(folder.resolve("sqlite-3.54.1.0-1234-libsqlitejdbc.so"), new byte[0]);
            throw new UnsatisfiedLinkError("file too short");
          }
        });

    assertThat(attempts).containsExactly(folder.toString(), null);
    assertThat(folder).doesNotExist();
  }

  @Test
  void aFolderThatWasThere_isKeptWhenTheLibraryDoesNotLoad() throws Exception {
    Path folder = Files.createDirectory(data.resolve(NativeLibraryFolder.DIRECTORY));

    NativeLibraryFolder.load(data, failingOnItsFirstTry());

    assertThat(folder).isDirectory();
  }

  @Test
  void anOperatorsOwnFolder_isUsedAsGiven() throws Exception {
    System.setProperty(NativeLibraryFolder.PROPERTY, "/srv/chat/native");

    NativeLibraryFolder.load(data, this::recordAttempt);

    assertThat(attempts).containsExactly("/srv/chat/native");
    assertThat(data.resolve(NativeLibraryFolder.DIRECTORY)).doesNotExist();
    assertThat(System.getProperty(NativeLibraryFolder.NETTY_PROPERTY)).isNull();
  }

  @Test
  void anOperatorsOwnFolderForNetty_isKept() throws Exception {
    System.setProperty(NativeLibraryFolder.NETTY_PROPERTY, "/srv/chat/netty");

    NativeLibraryFolder.load(data, this::recordAttempt);

    assertThat(attempts).containsExactly(data.resolve(NativeLibraryFolder.DIRECTORY).toString());
    assertThat(System.getProperty(NativeLibraryFolder.NETTY_PROPERTY)).isEqualTo("/srv/chat/netty");
  }

  @Test
  void aLibraryThatLoadsFromNowhere_failsTheStartWithWhy() {
    assertThatThrownBy(
            () ->
                NativeLibraryFolder.load(
                    data,
                    () -> {
                      recordAttempt();
                      throw new IllegalStateException("No native library found for os.name=X");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot load SQLite's native library: No native library found for os.name=X");
    assertThat(attempts).hasSize(2);
  }

  @Test
  void aCommand_loadsFromTheTemporaryFolder_writingNothingToTheDataDirectory() throws Exception {
    NativeLibraryFolder.loadForCommand(data, this::recordAttempt);

    assertThat(attempts).containsExactly((String) null);
    assertThat(data.resolve(NativeLibraryFolder.DIRECTORY)).doesNotExist();
  }

  @Test
  void aCommand_whereTheTemporaryFolderCannotRunCode_loadsFromTheDataDirectory() throws Exception {
    NativeLibraryFolder.loadForCommand(data, failingOnItsFirstTry());

    assertThat(attempts)
        .containsExactly(null, data.resolve(NativeLibraryFolder.DIRECTORY).toString());
  }

  @Test
  void aCommand_whereNeitherCanRunCode_failsSayingWhyForBoth() {
    Path folder = data.resolve(NativeLibraryFolder.DIRECTORY);
    assertThatThrownBy(
            () ->
                NativeLibraryFolder.loadForCommand(
                    data,
                    () -> {
                      recordAttempt();
                      throw new IllegalStateException("attempt " + attempts.size());
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "cannot load SQLite's native library from the system's temporary folder (attempt 1)"
                + " nor from "
                + folder
                + ": the library unpacked there did not load: attempt 2 (is its file system"
                + " mounted noexec?)");
    assertThat(System.getProperty(NativeLibraryFolder.PROPERTY)).isNull();
  }

  /** The JDK's text for a file in the way is its path alone, which the warning names already. */
  @Test
  void aFileInPlaceOfTheFolder_isSaidToBeOne_andTheLibraryLoadsFromTheTemporaryFolder()
      throws Exception {
    Path file = Files.writeString(data.resolve(NativeLibraryFolder.DIRECTORY), "x");
    CapturedLog log = CapturedLog.of(NativeLibraryFolder.class);
    try (log) {
      NativeLibraryFolder.load(data, this::recordAttempt);
    }

    assertThat(attempts).containsExactly((String) null);
    assertThat(log.messages())
        .containsExactly(
            "SQLite's native library could not be loaded from "
                + file
                + ": it is a file, not a directory; loading it and Netty's from the system's"
                + " temporary folder instead");
    assertThat(file).hasContent("x");
  }

  @Test
  void aCommand_whereNeitherCanRunCode_andAFileIsInPlaceOfTheFolder_saysSo() throws Exception {
    Path file = Files.writeString(data.resolve(NativeLibraryFolder.DIRECTORY), "x");

    assertThatThrownBy(
            () ->
                NativeLibraryFolder.loadForCommand(
                    data,
                    () -> {
                      throw new IllegalStateException("noexec");
                    }))
        .hasMessage(
            "cannot load SQLite's native library from the system's temporary folder (noexec)"
                + " nor from "
                + file
                + ": it is a file, not a directory");
  }

  @Test
  void aSymbolicLinkInPlaceOfTheFolder_isNotFollowed() throws Exception {
    Path elsewhere = Files.createDirectories(data.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path kept = Files.writeString(elsewhere.resolve("sqlite-3.54.1.0-c3-libsqlitejdbc.so"), "x");
    Files.createSymbolicLink(data.resolve(NativeLibraryFolder.DIRECTORY), elsewhere);

    NativeLibraryFolder.load(data, this::recordAttempt);
    NativeLibraryFolder.removeLeftovers();

    assertThat(attempts).containsExactly((String) null);
    assertThat(kept).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere)))
        .isEqualTo("rwxr-xr-x");
  }
}
