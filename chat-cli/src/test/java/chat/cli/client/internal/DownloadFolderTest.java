package chat.cli.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.cli.CommandException;
import chat.cli.PrivateFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadFolderTest {
  @TempDir Path root;

  private Path temp(DownloadFolder folder, String content) throws Exception {
    folder.create();
    Path temp = folder.decrypted("00112233445566778899aabbccddeeff");
    Files.writeString(temp, content);
    return temp;
  }

  @Test
  void place_nameTaken_picksNumberedNameAndNeverOverwrites() throws Exception {
    DownloadFolder folder = new DownloadFolder(root.resolve("dl"));
    Path first = folder.place(temp(folder, "one"), "report.pdf");
    Path second = folder.place(temp(folder, "two"), "report.pdf");
    Path third = folder.place(temp(folder, "three"), "report.pdf");
    assertThat(first.getFileName().toString()).isEqualTo("report.pdf");
    assertThat(second.getFileName().toString()).isEqualTo("report (1).pdf");
    assertThat(third.getFileName().toString()).isEqualTo("report (2).pdf");
    assertThat(Files.readString(first)).isEqualTo("one");
    assertThat(Files.readString(second)).isEqualTo("two");
    assertThat(folder.decrypted("00112233445566778899aabbccddeeff")).doesNotExist();
  }

  @Test
  void place_symlinkWithTheName_isNotFollowed() throws Exception {
    Path outside = root.resolve("outside.txt");
    Files.writeString(outside, "precious");
    DownloadFolder folder = new DownloadFolder(root.resolve("dl"));
    folder.create();
    Files.createSymbolicLink(folder.dir().resolve("notes.txt"), outside);
    Path saved = folder.place(temp(folder, "downloaded"), "notes.txt");
    assertThat(saved.getFileName().toString()).isEqualTo("notes (1).txt");
    assertThat(Files.readString(outside)).isEqualTo("precious");
  }

  @Test
  void requireWritable_aFolderThatTakesNoNewFiles_saysSo() {
    Path proc = Path.of("/proc");
    Assumptions.assumeTrue(Files.isDirectory(proc), "a system with /proc");

    assertThatThrownBy(() -> new DownloadFolder(proc).requireWritable())
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessage("cannot write in /proc: this folder takes no new files");
  }

  @Test
  void requireWritable_aFolderThatIsNotThere_isNamedMissing() {
    Path missing = root.resolve("gone");

    assertThatThrownBy(() -> new DownloadFolder(missing).requireWritable())
        .isInstanceOf(CommandException.FileAccess.class)
        .hasMessage("cannot write in " + missing + ": no such file or directory");
  }

  @Test
  void inside_namesThatLeaveTheFolder_areRefused() {
    DownloadFolder folder = new DownloadFolder(root.resolve("dl"));
    for (String name : new String[] {"../x", "a/b", "..", "a\\b", "/etc/passwd"}) {
      assertThatThrownBy(() -> folder.inside(name))
          .as(name)
          .isInstanceOf(CommandException.FileAccess.class);
    }
    assertThat(folder.inside("ok.txt")).isEqualTo(root.resolve("dl").resolve("ok.txt"));
  }

  @Test
  void open_newFile_isOwnerOnly() throws Exception {
    DownloadFolder folder = new DownloadFolder(root.resolve("dl"));
    folder.create();
    Path partial = folder.partial("00112233445566778899aabbccddeeff");
    try (var channel = folder.open(partial, java.nio.file.StandardOpenOption.CREATE)) {
      channel.write(java.nio.ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));
    }
    if (PrivateFiles.isPosix(partial)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(partial)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.dir())))
          .isEqualTo("rwx------");
    }
    assertThat(partial.getFileName().toString())
        .isEqualTo(".chat-00112233445566778899aabbccddeeff.part");
  }
}
