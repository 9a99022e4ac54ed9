package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedCopyTest {
  @TempDir Path root;
  private final byte[] key = Transfers.random(32);
  private final String fileId = Transfers.newFileId();
  private final byte[] plaintext = Transfers.random(70_000);

  private OfferBook.Entry offer() throws Exception {
    return Transfers.offer(
        "alice", fileId, "report.pdf", key, plaintext, Transfers.sha256(plaintext));
  }

  @Test
  void into_theFileAsOffered_isCopiedIntoTheNewFolder_andTheOldOneKept() throws Exception {
    Path old =
        Files.write(Files.createDirectories(root.resolve("old")).resolve("report.pdf"), plaintext);
    DownloadFolder elsewhere = new DownloadFolder(root.resolve("new"));

    Optional<Path> copy = SavedCopy.into(old, elsewhere, offer());

    assertThat(copy).contains(elsewhere.dir().resolve("report.pdf"));
    assertThat(Files.readAllBytes(copy.orElseThrow())).isEqualTo(plaintext);
    assertThat(Files.readAllBytes(old)).isEqualTo(plaintext);
    try (var files = Files.list(elsewhere.dir())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.pdf");
    }
  }

  @Test
  void into_aFileChangedSinceItWasSaved_copiesNothing() throws Exception {
    byte[] changed = plaintext.clone();
    changed[5] ^= 1;
    Path old =
        Files.write(Files.createDirectories(root.resolve("old")).resolve("report.pdf"), changed);
    DownloadFolder elsewhere = new DownloadFolder(root.resolve("new"));

    assertThat(SavedCopy.into(old, elsewhere, offer())).isEmpty();
    try (var files = Files.list(elsewhere.dir())) {
      assertThat(files).isEmpty();
    }
  }

  /** As a new download into /proc is refused: the folder is named as one that takes no files. */
  @Test
  void into_aFolderThatTakesNoNewFiles_isSaidToBeOne() throws Exception {
    Path proc = Path.of("/proc");
    Assumptions.assumeTrue(Files.isDirectory(proc), "a system with /proc");
    Path old =
        Files.write(Files.createDirectories(root.resolve("old")).resolve("report.pdf"), plaintext);

    assertThatThrownBy(() -> SavedCopy.into(old, new DownloadFolder(proc), offer()))
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessage("cannot write in /proc: this folder takes no new files");
    assertThat(Files.readAllBytes(old)).isEqualTo(plaintext);
  }

  @Test
  void alreadyIn_theFolderHoldsTheFileAsOffered_underItsName_itIsThat() throws Exception {
    DownloadFolder folder = new DownloadFolder(Files.createDirectories(root.resolve("dl")));
    Path there = Files.write(folder.dir().resolve("report.pdf"), plaintext);

    assertThat(SavedCopy.alreadyIn(folder, offer())).contains(there);
  }

  @Test
  void alreadyIn_changedMissingOrALink_none() throws Exception {
    DownloadFolder folder = new DownloadFolder(Files.createDirectories(root.resolve("dl")));
    assertThat(SavedCopy.alreadyIn(folder, offer())).isEmpty();

    Path elsewhere = Files.write(root.resolve("report.pdf"), plaintext);
    Files.createSymbolicLink(folder.dir().resolve("report.pdf"), elsewhere);
    assertThat(SavedCopy.alreadyIn(folder, offer())).isEmpty();

    Files.delete(folder.dir().resolve("report.pdf"));
    byte[] changed = plaintext.clone();
    changed[0] ^= 1;
    Files.write(folder.dir().resolve("report.pdf"), changed);
    assertThat(SavedCopy.alreadyIn(folder, offer())).isEmpty();
  }
}
