package chat.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.protocol.FolderOwners;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explanations of a data directory that cannot be created whose causes a test cannot bring
 * about for real (the tests may run as root, and on a writable disk); the real cases are in {@code
 * UnusableDataDirectoryTest}.
 */
class DataDirectoryTest {
  @TempDir Path root;

  @Test
  void explain_permissionDeniedInTheParent_namesTheParent() {
    Path dir = root.resolve("locked").resolve("data");
    assertThat(DataDirectory.explain(dir, new AccessDeniedException(dir.toString())))
        .isEqualTo("cannot create " + root.resolve("locked") + ": permission denied in " + root);
  }

  @Test
  void explain_readOnlyFileSystem_saysSo() {
    Path dir = root.resolve("data");
    assertThat(
            DataDirectory.explain(
                dir, new FileSystemException(dir.toString(), null, "Read-only file system")))
        .isEqualTo("cannot create it: " + root + " is on a read-only file system");
  }

  @Test
  void explain_existingDirectoryOnAReadOnlyFileSystem_namesThat_notTheMode() {
    assertThat(
            DataDirectory.explain(
                root, new FileSystemException(root.toString(), null, "Read-only file system")))
        .isEqualTo("it is on a read-only file system, where the relay can store nothing");
  }

  @Test
  void explain_existingDirectoryThatCannotBeRestricted_saysSo() {
    assertThat(
            DataDirectory.explain(
                root, new FileSystemException(root.toString(), null, "Operation not permitted")))
        .isEqualTo("cannot make it owner-only (mode 700): operation not permitted");
  }

  /**
   * A data directory in a folder every user may write to is refused: another user could put a
   * folder or link of their own in its place. /tmp's sticky bit keeps that from happening.
   */
  @Test
  void prepare_inAFolderEveryoneMayWrite_isRefused_stickyIsNot() throws IOException {
    Assumptions.assumeTrue(FolderOwners.processUid().isPresent(), "Linux says who we are");
    Path open = Files.createDirectory(root.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> DataDirectory.prepare(open.resolve("data")))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "cannot use the data directory "
                + open.resolve("data")
                + ": "
                + open
                + " may be written by every user, so that user could replace its TLS key,"
                + " database or native library; chown it to the relay's user, or use a folder"
                + " that only the relay's user can change");

    Files.setAttribute(open, "unix:mode", 01777);
    assertThat(DataDirectory.prepare(open.resolve("data2"))).isDirectory();
  }

  /** Run as root, a data directory of another user is refused: they could still change it. */
  @Test
  void prepare_anotherUsersDirectory_isRefusedEvenToRoot() throws IOException {
    Assumptions.assumeTrue(
        FolderOwners.processUid().orElse(-1) == 0, "only root can give a folder to another");
    Path theirs = Files.createDirectory(root.resolve("theirs"));
    Files.setAttribute(theirs, "unix:uid", 4242);

    assertThatThrownBy(() -> DataDirectory.prepare(theirs))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(": it belongs to another user (uid 4242)");
  }

  @Test
  void prepare_missingDirectory_isCreatedOwnerOnly_andLeftEmpty() throws IOException {
    Path dir = DataDirectory.prepare(root.resolve("a").resolve("data"));
    assertThat(dir).isDirectory().isEmptyDirectory();
  }

  @Test
  void prepare_missingFoldersOnTheWay_areCreatedOwnerOnly_andExistingOnesLeftAsTheyAre()
      throws IOException {
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-x---"));
    Path outer = root.resolve("srv");
    Path inner = outer.resolve("chat");

    Path dir = DataDirectory.prepare(inner.resolve("data"));

    for (Path made : List.of(outer, inner, dir)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made)))
          .as(made.toString())
          .isEqualTo("rwx------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
        .isEqualTo("rwxr-x---");
  }

  /** The file system would need nosuch/a; the JDK made nosuch/b and then failed on nosuch/a. */
  @Test
  void prepare_dotDotAfterAMissingFolder_createsTheFolderItNames_andNoOther() throws IOException {
    Path given = root.resolve("nosuch").resolve("a").resolve("..").resolve("b");

    Path dir = DataDirectory.prepare(given);

    assertThat(dir).isEqualTo(root.resolve("nosuch").resolve("b")).isDirectory();
    try (var made = Files.list(root.resolve("nosuch"))) {
      assertThat(made.toList()).containsExactly(dir);
    }
  }

  @Test
  void prepare_dotDotThatCannotBeCreated_namesTheFolderItNames_andMakesNothing()
      throws IOException {
    Path file = Files.writeString(root.resolve("afile"), "x");
    Path given = root.resolve("nosuch").resolve("..").resolve("afile").resolve("data");

    assertThatThrownBy(() -> DataDirectory.prepare(given))
        .hasMessage(
            "cannot use the data directory "
                + file.resolve("data")
                + ": "
                + file
                + " is a file, not a directory");
    assertThat(root.resolve("nosuch")).doesNotExist();
  }

  @Test
  void normalized_keepsAPathWithoutDotDot_orOneThatIsADirectoryAsGiven() throws IOException {
    Path relative = Path.of(".", "data");
    assertThat(DataDirectory.normalized(relative)).isSameAs(relative);
    Path real = Files.createDirectories(root.resolve("real").resolve("data"));
    Path link = Files.createSymbolicLink(root.resolve("link"), real);
    // Through the link, .. is real's parent: the directory the given path names stays in use.
    Path throughLink = link.resolve("..").resolve("data");
    assertThat(DataDirectory.normalized(throughLink)).isSameAs(throughLink);
    assertThat(DataDirectory.normalized(root.resolve("x").resolve("..").resolve("data")))
        .isEqualTo(root.resolve("data"));
  }

  /**
   * A {@code ..} after a link to a folder is taken as the file system takes it, from the link's
   * target, whether or not the folder it names exists yet: the same path names the same folder
   * before and after the first start made it.
   */
  @Test
  void normalized_dotDotAfterALink_isTheLinksTargetsParent_beforeAndAfterTheFolderIsMade()
      throws IOException {
    Path target = Files.createDirectories(root.resolve("real").resolve("x"));
    Path link = Files.createSymbolicLink(root.resolve("link"), target);
    Path given = link.resolve("..").resolve("data");

    Path first = DataDirectory.prepare(given);

    assertThat(first).isEqualTo(root.toRealPath().resolve("real").resolve("data")).isDirectory();
    assertThat(root.resolve("data")).doesNotExist();
    assertThat(Files.isSameFile(DataDirectory.normalized(given), first)).isTrue();
  }

  @Test
  void prepare_aFile_throwsOneLine() throws IOException {
    Path file = Files.writeString(root.resolve("data"), "x");
    assertThatThrownBy(() -> DataDirectory.prepare(file))
        .hasMessage(
            "cannot use the data directory "
                + file
                + ": "
                + file.toAbsolutePath()
                + " is a file, not a directory");
  }

  /** ./data, the default, is named as the folder it is, without the "." of the path given. */
  @Test
  void checkExisting_missing_namesThePathWithoutItsDots() {
    Path given = root.resolve(".").resolve("data");
    assertThatThrownBy(() -> DataDirectory.checkExisting(given))
        .hasMessage(
            "cannot use the data directory "
                + given
                + ": "
                + root.toAbsolutePath().resolve("data")
                + " does not exist");
  }

  @Test
  void checkExisting_aDirectory_returnsIt_andCreatesNothing() throws IOException {
    assertThat(DataDirectory.checkExisting(root)).isEqualTo(root);
    assertThat(root).isEmptyDirectory();
  }

  @Test
  void checkExisting_missing_namesTheFirstMissingPart_andCreatesNothing() {
    Path missing = root.resolve("a");
    assertThatThrownBy(() -> DataDirectory.checkExisting(missing.resolve("b")))
        .hasMessage(
            "cannot use the data directory "
                + missing.resolve("b")
                + ": "
                + missing
                + " does not exist");
    assertThat(missing).doesNotExist();
  }

  @Test
  void checkExisting_dotDotAfterAMissingFolder_findsTheFolderItNames() throws IOException {
    Path data = Files.createDirectory(root.resolve("data"));

    assertThat(DataDirectory.checkExisting(root.resolve("nosuch").resolve("..").resolve("data")))
        .isEqualTo(data);
    assertThat(root.resolve("nosuch")).doesNotExist();
  }

  @Test
  void checkExisting_brokenSymbolicLink_saysSo() throws IOException {
    Path link = Files.createSymbolicLink(root.resolve("data"), root.resolve("gone"));
    assertThatThrownBy(() -> DataDirectory.checkExisting(link))
        .hasMessageEndingWith(link + " is a symbolic link to something that does not exist");
  }
}
